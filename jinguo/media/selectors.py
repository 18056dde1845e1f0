"""Reads of the media module, scoped to the acting user: accounts, posts, tasks, the matrix dashboard, the
communication index and the rankings (computed from the daily rows), commentators and their completion."""

import datetime
from collections import defaultdict

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Length, Substr

from jinguo.core.paths import LEVEL_DIGITS, LEVEL_OF_DEPTH, LEVELS
from jinguo.core.periods import Period
from jinguo.core.scope import get_for_user, scope_q, scoped
from jinguo.media.index import Inputs, wci
from jinguo.media.models import (
    Account,
    AccountMonth,
    Commentator,
    CrossPostTask,
    DailyMetric,
    GuidanceDone,
    GuidanceTask,
    Platform,
    Post,
    PostState,
    Publication,
    SensitiveWord,
    TaskState,
)


def platforms(*, active_only: bool = True) -> QuerySet[Platform]:
    qs = Platform.objects.all()
    return qs.filter(active=True) if active_only else qs


def brands(user) -> list[str]:
    return list(
        scoped(Account.objects.exclude(brand=""), user).order_by("brand").values_list("brand", flat=True).distinct()
    )


# --- accounts -----------------------------------------------------------------------------------------------


def account_list(user) -> QuerySet[Account]:
    return scoped(Account.objects.select_related("platform", "org"), user).order_by("org_path", "platform__sort", "pk")


def get_account_for_user(user, pk, *, write: bool = False) -> Account:
    return get_for_user(Account.objects.select_related("platform", "org"), user, pk, write=write)


def account_choices(user, org=None) -> QuerySet[Account]:
    """Accounts a post of `org` may target: active ones of the unit's subtree the user reads."""
    qs = account_list(user).filter(active=True)
    return qs.filter(org_path__startswith=org.path) if org is not None else qs


def matrix(user, org) -> dict:
    """The matrix under a unit: own and member accounts, by level of the owning unit and by platform, and per
    child unit (the map). A few grouped queries over ≤ a few thousand accounts."""
    qs = scoped(Account.objects.filter(org_path__startswith=org.path, active=True), user)
    rows = qs.annotate(_d=Length("org_path")).values("_d", "platform_id", "own").annotate(n=Count("pk")).order_by()
    plats = list(platforms(active_only=False))
    by_level: dict[str, dict] = {}
    by_platform = {p.pk: {"platform": p, "own": 0, "matrix": 0} for p in plats}
    own = member = 0
    for r in rows:
        lvl = LEVEL_OF_DEPTH.get(r["_d"], "village")
        cell = by_level.setdefault(lvl, {"own": 0, "matrix": 0, "platforms": defaultdict(int)})
        key = "own" if r["own"] else "matrix"
        cell[key] += r["n"]
        cell["platforms"][r["platform_id"]] += r["n"]
        by_platform[r["platform_id"]][key] += r["n"]
        if r["own"]:
            own += r["n"]
        else:
            member += r["n"]
    child_depth = next((d for d in LEVEL_DIGITS.values() if d > len(org.path)), None)
    children: dict[str, int] = {}
    if child_depth:
        children = dict(
            qs.filter(org_path__regex=rf"^.{{{child_depth},}}$")
            .annotate(_p=Substr("org_path", 1, child_depth))
            .values("_p")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("_p", "n")
        )
    levels = [
        {
            "level": lvl,
            "own": by_level[lvl]["own"],
            "matrix": by_level[lvl]["matrix"],
            "platforms": [by_level[lvl]["platforms"].get(p.pk, 0) for p in plats],
        }
        for lvl in LEVELS
        if lvl in by_level
    ]
    dormant = qs.filter(dormant_since__isnull=False).count()
    return {
        "own": own,
        "matrix": member,
        "total": own + member,
        "dormant": dormant,
        "platforms": plats,
        "levels": levels,
        "by_platform": [v for v in by_platform.values() if v["own"] or v["matrix"]],
        "children": children,
    }


# --- posts --------------------------------------------------------------------------------------------------


def post_list(user) -> QuerySet[Post]:
    return scoped(Post.objects.select_related("org", "created_by"), user).order_by("-pk")


def get_post_for_user(user, pk, *, write: bool = False) -> Post:
    return get_for_user(Post.objects.select_related("org", "theme", "created_by"), user, pk, write=write)


def post_publications(post: Post) -> QuerySet[Publication]:
    return post.publications.select_related("account__platform").order_by("pk")


def published_posts(limit: int = 50) -> QuerySet[Post]:
    """Published posts for the public feed and pages (newest first)."""
    return Post.objects.filter(state=PostState.PUBLISHED).select_related("org").order_by("-published_at", "-pk")[:limit]


def get_published_post(pk) -> Post:
    from django.http import Http404

    post = Post.objects.filter(pk=pk, state=PostState.PUBLISHED).select_related("org").first()
    if post is None:
        raise Http404
    return post


def word_list(user) -> QuerySet[SensitiveWord]:
    """The words that apply in the user's units: their own lists', below and above."""
    from jinguo.core.scope import scoped_with_lineage

    return scoped_with_lineage(SensitiveWord.objects.select_related("org"), user).order_by("org_path", "word")


# --- tasks --------------------------------------------------------------------------------------------------


def task_list(user) -> QuerySet[CrossPostTask]:
    return scoped(CrossPostTask.objects.select_related("account__platform", "org", "push__post"), user).order_by(
        "state", "due_on", "pk"
    )


def get_task_for_user(user, pk, *, write: bool = False) -> CrossPostTask:
    return get_for_user(
        CrossPostTask.objects.select_related("account__platform", "org", "push__post", "push__created_by"),
        user,
        pk,
        write=write,
    )


def push_completion(push) -> dict:
    n = dict(push.tasks.values_list("state").annotate(n=Count("pk")).order_by())
    total = sum(n.values())
    done = n.get(TaskState.DONE, 0)
    return {"total": total, "done": done, "percent": round(100 * done / total, 1) if total else 0.0}


def completion_by_unit(user, org, period: Period) -> list[dict]:
    """Cross-posting completion per child unit for tasks assigned in the period, from the roll-ups."""
    from jinguo.orgs.selectors import org_children
    from jinguo.stats.models import Rollup

    kids = list(org_children(user, org))
    keys = ["media.tasks", "media.tasks_done"]
    periods = [period.code] if period.stored else period.month_keys()
    values: dict[tuple[str, str], int] = defaultdict(int)
    for m, p, v in Rollup.objects.filter(
        metric__in=keys, period__in=periods, org_path__in=[k.path for k in kids] + [org.path]
    ).values_list("metric", "org_path", "value"):
        values[(m, p)] += v
    out = []
    for unit in [org, *kids]:
        total, done = values[("media.tasks", unit.path)], values[("media.tasks_done", unit.path)]
        out.append(
            {"org": unit, "total": total, "done": done, "percent": round(100 * done / total, 1) if total else None}
        )
    return out


# --- metrics: the communication index and the rankings --------------------------------------------------------


def _aggregate(qs) -> QuerySet:
    return (
        qs.values("account_id")
        .annotate(
            s_reads=Sum("reads"),
            s_likes=Sum("likes"),
            s_shares=Sum("shares"),
            s_comments=Sum("comments"),
            s_wows=Sum("wows"),
            s_max_reads=Max("reads"),
            s_followers=Max("followers"),
        )
        .order_by()
    )


def _inputs(row: dict, days: int) -> Inputs:
    return Inputs(
        days=days,
        reads=row["s_reads"] or 0,
        likes=row["s_likes"] or 0,
        wows=row["s_wows"] or 0,
        shares=row["s_shares"] or 0,
        comments=row["s_comments"] or 0,
        max_reads=row["s_max_reads"] or 0,
        followers=row["s_followers"] or 0,
    )


def account_index(account: Account, start: datetime.date, end: datetime.date) -> tuple[Inputs, object]:
    """The index of one account from `start` to `end`, with its inputs (shown on the account's page)."""
    days = (end - start).days + 1
    row = next(iter(_aggregate(DailyMetric.objects.filter(account=account, day__range=(start, end)))), None)
    inputs = _inputs(row, days) if row else Inputs(days=days)
    return inputs, wci(inputs)


def account_periods(account: Account, today: datetime.date) -> list[dict]:
    """The index of the last four whole weeks and the last three whole months, with inputs."""
    out = []
    monday = today - datetime.timedelta(days=today.weekday())
    for i in range(1, 5):
        start = monday - datetime.timedelta(days=7 * i)
        end = start + datetime.timedelta(days=6)
        inputs, value = account_index(account, start, end)
        out.append(
            {"label": f"{start.isoformat()} – {end.isoformat()}", "kind": "week", "inputs": inputs, "wci": value}
        )
    first = today.replace(day=1)
    for _i in range(3):
        end = first - datetime.timedelta(days=1)
        first = end.replace(day=1)
        inputs, value = account_index(account, first, end)
        out.append({"label": f"{first:%Y-%m}", "kind": "month", "inputs": inputs, "wci": value})
    return out


def _whole_months(start: datetime.date, end: datetime.date) -> list[datetime.date] | None:
    """The first days of the months `start`–`end` covers exactly, or None when it cuts through a month."""
    nxt = end + datetime.timedelta(days=1)
    if start.day != 1 or nxt.day != 1:
        return None
    months, day = [], start
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def ranking(
    user,
    start: datetime.date,
    end: datetime.date,
    *,
    under=None,
    platform=None,
    brand: str = "",
    level: str = "",
    own: bool | None = None,
    limit: int | None = None,
    attach: bool = True,
) -> list[dict]:
    """Accounts the user reads ranked by their index over the days `start`–`end`. Whole months read the monthly
    sums the import keeps (`AccountMonth`, about 500 rows a month), other ranges the daily rows; either way one
    grouped query and one for the accounts. Ties: more reads first, then the lower number.

    With `attach=False` the rows carry `account_id` only: a page of them gets its accounts from
    `attach_accounts` (a page of 50 builds 50 accounts, not the matrix's 500)."""
    accounts = scoped(Account.objects.all(), user)
    if under is not None:
        accounts = accounts.filter(org_path__startswith=under.path)
    if platform is not None:
        accounts = accounts.filter(platform=platform)
    if brand:
        accounts = accounts.filter(brand=brand)
    if own is not None:
        accounts = accounts.filter(own=own)
    if level:
        accounts = accounts.annotate(_d=Length("org_path")).filter(_d=LEVEL_DIGITS.get(level, 0))
    months = _whole_months(start, end)
    if months is not None:
        source = AccountMonth.objects.filter(month__in=months)
        agg = {
            "s_reads": Sum("reads"), "s_likes": Sum("likes"), "s_shares": Sum("shares"), "s_comments": Sum("comments"),
            "s_wows": Sum("wows"), "s_max_reads": Max("max_reads"), "s_followers": Max("followers"),
        }  # fmt: skip
    else:
        source = DailyMetric.objects.filter(day__range=(start, end))
        agg = None
    q = scope_q(user)
    source = source.filter(q) if q is not None else source.none()
    if under is not None:
        source = source.filter(org_path__startswith=under.path)
    if platform is not None or brand or own is not None or level:
        source = source.filter(account__in=accounts.values("pk"))
    days = (end - start).days + 1
    rows = list(source.values("account_id").annotate(**agg).order_by() if agg else _aggregate(source))
    out = []
    for r in rows:  # every row's account exists and is in scope: the rows were read through the same scope
        inputs = _inputs(r, days)
        out.append({"account_id": r["account_id"], "inputs": inputs, "wci": wci(inputs)})
    out.sort(key=lambda x: (-x["wci"], -x["inputs"].reads, x["account_id"]))
    for i, row in enumerate(out, start=1):
        row["rank"] = i
    out = out[:limit] if limit else out
    return attach_accounts(out) if attach else out


def attach_accounts(rows: list[dict]) -> list[dict]:
    """Each ranking row's account (with its platform and unit), in one query; a row whose account is gone is
    dropped."""
    found = {
        a.pk: a
        for a in Account.objects.filter(pk__in=[r["account_id"] for r in rows]).select_related("platform", "org")
    }
    out = []
    for r in rows:
        if (a := found.get(r["account_id"])) is not None:
            r["account"] = a
            out.append(r)
    return out


def top_posts(user, start: datetime.date, end: datetime.date, *, limit: int = 10) -> list[dict]:
    """Published posts of the period ranked by how many accounts carried them (publications and cross-posts)."""
    posts = list(
        scoped(Post.objects.filter(state=PostState.PUBLISHED, published_at__date__range=(start, end)), user)
        .select_related("org")
        .annotate(
            carried=Count("publications", distinct=True)
            + Count("pushes__tasks", filter=Q(pushes__tasks__state=TaskState.DONE), distinct=True)
        )
        .order_by("-carried", "-published_at", "-pk")[:limit]
    )
    return [{"post": p, "carried": p.carried} for p in posts]


# --- commentators -------------------------------------------------------------------------------------------


def commentator_list(user) -> QuerySet[Commentator]:
    return scoped(Commentator.objects.select_related("person", "org"), user).order_by("org_path", "pk")


def get_commentator_for_user(user, pk, *, write: bool = False) -> Commentator:
    return get_for_user(Commentator.objects.select_related("person", "org"), user, pk, write=write)


def guidance_list(user) -> QuerySet[GuidanceTask]:
    """Guidance tasks of the user's units and of the units above them (a county's commentators take the
    region's tasks)."""
    from jinguo.core.scope import scoped_with_lineage

    return scoped_with_lineage(GuidanceTask.objects.select_related("org"), user).order_by("-pk")


def get_guidance_for_user(user, pk) -> GuidanceTask:
    return get_for_user(GuidanceTask.objects.select_related("org", "post"), user, pk, lineage=True)


def guidance_progress(user, task: GuidanceTask) -> dict:
    """Who of the user's commentators under the task's unit did it: per person and per unit."""
    team = list(
        commentator_list(user).filter(org_path__startswith=task.org_path, active=True).select_related("person", "org")
    )
    done = dict(GuidanceDone.objects.filter(task=task, commentator__in=team).values_list("commentator_id", "done_on"))
    units: dict[str, dict] = {}
    for c in team:
        u = units.setdefault(c.org_path, {"org": c.org, "total": 0, "done": 0})
        u["total"] += 1
        u["done"] += c.pk in done
    for u in units.values():
        u["percent"] = round(100 * u["done"] / u["total"], 1) if u["total"] else 0.0
    return {
        "people": [{"commentator": c, "done_on": done.get(c.pk)} for c in team],
        "units": sorted(units.values(), key=lambda u: u["org"].path),
        "done": len(done),
        "total": len(team),
    }


def commentator_completion(user, commentators) -> dict[int, tuple[int, int]]:
    """Per commentator: (guidance tasks done, tasks given to their unit or above)."""
    out = {}
    ids = [c.pk for c in commentators]
    done = dict(
        GuidanceDone.objects.filter(commentator_id__in=ids)
        .values("commentator_id")
        .annotate(n=Count("pk"))
        .values_list("commentator_id", "n")
        .order_by()
    )
    for c in commentators:
        out[c.pk] = done.get(c.pk, 0)
    return out
