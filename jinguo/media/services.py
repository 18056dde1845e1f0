"""Writes of the media module. Each function checks who acts, validates, writes and records the audit event in
one transaction; a post's review and a cross-posting task move through their declared workflows.

Review of a post (三审, POST_FLOW):

    draft | returned ─submit→ first ─pass→ second ─pass→ final ─pass→ approved ─publish→ published
                               first | second | final ─return→ returned

Each tier is decided by the holders of its action at the tier's unit (`TIERS`, per owning level): the first and
second review by `media.review`, the final review by `media.approve`. Nobody decides on a post they wrote, nor
on two tiers of the same post; every decision is audited with its comment and kept as a `Review` row. Each step
tells the next tier's reviewers through the inbox with a due date (reminded and escalated by `notify sweep`);
a return and the approval tell the author.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit, bulk, notify
from jinguo.core.actors import is_system
from jinguo.core.bounds import check, too_long
from jinguo.core.files import check_photo, remove_file_on_commit
from jinguo.core.paths import ancestors_or_self, level_of, parent_path, reporting_path
from jinguo.core.scope import in_scope, scope_paths
from jinguo.core.text import normalize_identifier
from jinguo.core.workflow import Transition, Workflow
from jinguo.media.models import (
    TIER_OF_STATE,
    Account,
    AccountMonth,
    Commentator,
    CrossPostTask,
    DailyMetric,
    GuidanceDone,
    GuidanceTask,
    Platform,
    Post,
    PostImage,
    PostState,
    Publication,
    Push,
    Review,
    SensitiveWord,
    TaskState,
    Verification,
)
from jinguo.media.module import APPROVE, MANAGE, POST, REVIEW
from jinguo.media.publishing import ADAPTERS, adapter_for
from jinguo.media.text import found_words, sanitize
from jinguo.stats import rollups

S = PostState
REVIEW_DAYS = 2  # a tier's reviewers have this many days; then reminders and escalation

# Who reviews each tier, per owning level (the post's reporting unit): "self" is that unit, "above" the unit
# above it. A county's final review is signed off by its league; the region and a league review themselves.
TIERS: dict[str, dict[str, str]] = {
    "province": {"first": "self", "second": "self", "final": "self"},
    "league": {"first": "self", "second": "self", "final": "self"},
    "county": {"first": "self", "second": "self", "final": "above"},
}
TIER_PERM = {"first": REVIEW, "second": REVIEW, "final": APPROVE}
TIER_LABELS = {
    "first": gettext_lazy("First review"),
    "second": gettext_lazy("Second review"),
    "final": gettext_lazy("Final review"),
}

# The platforms of the article's matrix, seeded once; the region adds and changes them.
# code, name, domains, adapter, export columns (metric → header of the platform's back-office export)
_WECHAT_COLUMNS = {
    "account": "公众号ID",
    "day": "日期",
    "reads": "阅读次数",
    "likes": "点赞次数",
    "shares": "分享次数",
    "comments": "留言次数",
    "wows": "在看次数",
    "followers": "总用户数",
}
_VIDEO_COLUMNS = {
    "account": "账号ID",
    "day": "日期",
    "reads": "播放量",
    "likes": "点赞量",
    "shares": "分享量",
    "comments": "评论量",
    "followers": "粉丝总数",
}
GENERIC_COLUMNS = {
    "account": "账号",
    "day": "日期",
    "reads": "阅读量",
    "likes": "点赞",
    "shares": "转发",
    "comments": "评论",
    "followers": "粉丝数",
}
PLATFORMS = [
    ("wechat", "微信公众号", "mp.weixin.qq.com", "record", _WECHAT_COLUMNS),
    ("channels", "视频号", "channels.weixin.qq.com\nweixin.qq.com", "record", _VIDEO_COLUMNS),
    ("weibo", "微博", "weibo.com\nweibo.cn", "record", GENERIC_COLUMNS),
    ("douyin", "抖音", "douyin.com\niesdouyin.com", "record", _VIDEO_COLUMNS),
    ("kuaishou", "快手", "kuaishou.com\nchenzhongtech.com", "record", _VIDEO_COLUMNS),
    ("toutiao", "今日头条", "toutiao.com", "record", GENERIC_COLUMNS),
    ("bilibili", "哔哩哔哩", "bilibili.com\nb23.tv", "record", _VIDEO_COLUMNS),
    ("xiaohongshu", "小红书", "xiaohongshu.com\nxhslink.com", "record", GENERIC_COLUMNS),
    ("website", "网站", "nmgfl.gov.cn\nnmgwomen.org.cn", "rss", GENERIC_COLUMNS),
]
METRIC_KEYS = ("account", "day", "reads", "likes", "shares", "comments", "wows", "followers")
REQUIRED_METRIC_KEYS = ("account", "day", "reads")


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require(actor, perm: str, path: str, message) -> None:
    if not in_scope(actor, path, perm):
        raise PermissionDenied(str(message))


def _clean(instance, *, exclude=()) -> None:
    errors = check(instance, exclude=exclude)
    if errors:
        raise ValidationError(errors)


def may_keep_platforms(actor) -> bool:
    """The platform list is the region's: SYSTEM, or a holder of media.manage at the region."""
    return is_system(actor) or any(level_of(p) == "province" for p in scope_paths(actor, MANAGE))


def _region_only(actor, message) -> None:
    if not may_keep_platforms(actor):
        raise PermissionDenied(str(message))


# --- platforms ----------------------------------------------------------------------------------------------


@transaction.atomic
def platforms_seed(*, actor) -> int:
    """The platforms of the article's matrix (idempotent)."""
    made = 0
    for i, (code, name, domains, adapter, columns) in enumerate(PLATFORMS):
        _p, created = Platform.objects.get_or_create(
            code=code,
            defaults={"name": name, "domains": domains, "adapter": adapter, "columns": columns, "sort": i * 10},
        )
        made += created
    if made:
        audit.record(actor, "media.platforms_seed", detail={"created": made})
    return made


def _check_columns(columns: dict) -> dict:
    columns = {k: " ".join(str(v).split()) for k, v in (columns or {}).items() if str(v).strip()}
    unknown = sorted(set(columns) - set(METRIC_KEYS))
    missing = [k for k in REQUIRED_METRIC_KEYS if k not in columns]
    if unknown or missing:
        raise ValidationError(
            {
                "columns": [
                    _("A mapping names the columns %(keys)s; it needs at least %(required)s.")
                    % {"keys": "、".join(METRIC_KEYS), "required": "、".join(REQUIRED_METRIC_KEYS)}
                ]
            }
        )
    if len(set(columns.values())) != len(columns):
        raise ValidationError({"columns": [_("Two metrics are mapped to the same header.")]})
    if any(len(v) > 40 for v in columns.values()):
        raise ValidationError({"columns": [_("A header is at most 40 characters.")]})
    return columns


@transaction.atomic
def platform_save(
    *,
    actor,
    code: str,
    name: str,
    domains: str = "",
    adapter: str = "record",
    columns: dict | None = None,
    active: bool = True,
    platform: Platform | None = None,
) -> Platform:
    """The region adds a platform or changes one: its name, domains, publishing adapter and export columns."""
    _region_only(actor, _("Only the region keeps the list of platforms."))
    if adapter not in ADAPTERS:
        raise ValidationError({"adapter": [_("Choose from the list.")]})
    p = platform or Platform()
    before = audit.snapshot(p, PLATFORM_FIELDS) if platform else None
    p.code = normalize_identifier(code).lower() if not platform else p.code
    p.name = " ".join((name or "").split())
    p.domains = "\n".join(d.strip().lower() for d in (domains or "").split() if d.strip())
    p.adapter = adapter
    p.columns = _check_columns(columns if columns is not None else (p.columns or GENERIC_COLUMNS))
    p.active = active
    errors = check(p)
    if not p.code:
        errors.setdefault("code", []).append(_("Give the platform a code."))
    if Platform.objects.exclude(pk=p.pk).filter(code=p.code).exists():
        errors.setdefault("code", []).append(_("Another platform has this code."))
    if Platform.objects.exclude(pk=p.pk).filter(name=p.name).exists():
        errors.setdefault("name", []).append(_("Another platform has this name."))
    if errors:
        raise ValidationError(errors)
    p.save()
    audit.record(
        actor,
        "media.platform_save",
        obj=p,
        detail={"name": p.name, **({"before": before, "after": audit.snapshot(p, PLATFORM_FIELDS)} if before else {})},
    )
    return p


# --- accounts -----------------------------------------------------------------------------------------------

PLATFORM_FIELDS = ("name", "domains", "adapter", "columns", "active")
POST_FIELDS = ("title", "body", "theme_id", "scheduled_at", "flagged_words")
ACCOUNT_FIELDS = ("name", "operator", "brand", "own", "followers", "verification", "last_post_on", "active")


def _account_errors(actor, account: Account) -> dict:
    errors = check(account, exclude=["org_path"])
    if not account.name:
        errors.setdefault("name", []).append(_("Give the account's name."))
    if not account.platform_uid:
        errors.setdefault("platform_uid", []).append(_("Give the account's id on the platform."))
    if account.platform_id and not account.platform.active:
        errors.setdefault("platform", []).append(_("This platform is no longer in use."))
    return errors


@transaction.atomic
def account_create(
    *,
    actor,
    org,
    name: str,
    platform: Platform,
    platform_uid: str,
    operator: str = "",
    brand: str = "",
    own: bool = False,
    followers: int = 0,
    verification: str = Verification.NONE,
    last_post_on: datetime.date | None = None,
    registered_on: datetime.date | None = None,
) -> Account:
    """A unit registers an account of the matrix (or one of the federation's own)."""
    _require(actor, MANAGE, org.path, _("You cannot register accounts of this unit."))
    a = Account(
        org=org,
        org_path=org.path,
        name=" ".join((name or "").split()),
        platform=platform,
        platform_uid=normalize_identifier(platform_uid),
        operator=(operator or "").strip(),
        brand=(brand or "").strip(),
        own=own,
        followers=followers or 0,
        verification=verification,
        last_post_on=last_post_on,
        registered_on=registered_on or timezone.localdate(),
        created_by=_user(actor),
    )
    errors = _account_errors(actor, a)
    if Account.objects.filter(platform=platform, platform_uid=a.platform_uid).exists():
        errors.setdefault("platform_uid", []).append(_("This platform already has an account with this id."))
    if errors:
        raise ValidationError(errors)
    a.save()
    audit.record(actor, "media.account_create", obj=a, detail={"platform": platform.code, "own": own})
    return a


@transaction.atomic
def account_update(*, actor, account: Account, **fields) -> Account:
    """Change an account's details (not its unit, platform or id there)."""
    _require(actor, MANAGE, account.org_path, _("You cannot change accounts of this unit."))
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"not an account field: {', '.join(sorted(unknown))}")
    before = audit.snapshot(account, ACCOUNT_FIELDS)
    for k, v in fields.items():
        setattr(account, k, v.strip() if isinstance(v, str) else v)
    errors = _account_errors(actor, account)
    if errors:
        raise ValidationError(errors)
    if account.last_post_on and account.dormant_since and account.last_post_on >= account.dormant_since:
        account.dormant_since = None
    account.save()
    audit.record(
        actor,
        "media.account_update",
        obj=account,
        detail={"before": before, "after": audit.snapshot(account, ACCOUNT_FIELDS)},
    )
    return account


@transaction.atomic
def accounts_bulk_create(*, actor, accounts: list[Account], batch: int = 1000) -> int:
    """Accounts of an import or the demo, checked by the caller: written in batches, one audit event per batch."""
    if not is_system(actor):
        for a in accounts:
            _require(actor, MANAGE, a.org_path, _("You cannot register accounts of this unit."))
    for i in range(0, len(accounts), batch):
        chunk = accounts[i : i + batch]
        Account.objects.bulk_create(chunk, batch_size=batch)
        audit.record(actor, "media.account_bulk_create", detail={"rows": len(chunk), "from": i})
    return len(accounts)


def _posted(accounts_or_ids, day: datetime.date) -> None:
    """The accounts posted on `day`: their last post date moves on and a dormant flag is lifted."""
    ids = [getattr(a, "pk", a) for a in accounts_or_ids]
    if not ids:
        return
    Account.objects.filter(Q(last_post_on__isnull=True) | Q(last_post_on__lt=day), pk__in=ids).update(last_post_on=day)
    Account.objects.filter(pk__in=ids, dormant_since__isnull=False).update(dormant_since=None)


def accounts_flag_dormant(*, actor, days: int | None = None, today: datetime.date | None = None) -> dict:
    """Flag active accounts with no post in `days` days (settings.MEDIA_DORMANT_DAYS) and tell each unit once,
    listing how many of its accounts went quiet; lift the flag of accounts that posted again. Idempotent."""
    days = days or settings.MEDIA_DORMANT_DAYS
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=days)
    with transaction.atomic():
        quiet = Account.objects.filter(active=True, dormant_since__isnull=True).filter(
            Q(last_post_on__lt=limit) | Q(last_post_on__isnull=True, registered_on__lt=limit)
        )
        by_unit: dict[str, list[int]] = {}
        for pk, path in quiet.values_list("pk", "org_path"):
            by_unit.setdefault(path, []).append(pk)
        flagged = Account.objects.filter(pk__in=[pk for ids in by_unit.values() for pk in ids]).update(
            dormant_since=today
        )
        cleared = Account.objects.filter(dormant_since__isnull=False, last_post_on__gte=limit).update(
            dormant_since=None
        )
        if flagged or cleared:
            audit.record(actor, "media.accounts_dormant", detail={"flagged": flagged, "cleared": cleared, "days": days})
        for path, ids in sorted(by_unit.items()):
            notify.notify(
                kind="media.dormant",
                title=_("%(n)s accounts of your unit posted nothing in %(days)s days") % {"n": len(ids), "days": days},
                body=_("Post from them again, or mark them inactive in the register."),
                url=reverse("media:accounts") + f"?dormant=true&under={_code(path)}",
                unit=path,
                perm=MANAGE,
                ref=("media.dormant", f"{path}:{today.isoformat()}"),
            )
    return {"flagged": flagged, "cleared": cleared}


def _code(path: str) -> str:
    """A unit's division code from its path (6 digits for the region, leagues and counties)."""
    return path.ljust(6, "0") if len(path) < 6 else path


# --- the sensitive-word list --------------------------------------------------------------------------------


@transaction.atomic
def word_add(*, actor, org, word: str, note: str = "") -> SensitiveWord:
    """A unit adds a word to its list; the region's list applies to every post, a league's to its subtree."""
    _require(actor, MANAGE, org.path, _("You cannot change this unit's word list."))
    w = SensitiveWord(org=org, org_path=org.path, word=" ".join((word or "").split()), note=(note or "").strip())
    errors = check(w, exclude=["org_path"])
    if not w.word:
        errors.setdefault("word", []).append(_("Give the word."))
    elif SensitiveWord.objects.filter(org=org, word=w.word).exists():
        errors.setdefault("word", []).append(_("The word is already on the list."))
    if errors:
        raise ValidationError(errors)
    w.save()
    audit.record(actor, "media.word_add", obj=w, detail={"word": w.word})
    return w


@transaction.atomic
def word_remove(*, actor, word: SensitiveWord) -> None:
    _require(actor, MANAGE, word.org_path, _("You cannot change this unit's word list."))
    gone = audit.identity(word)
    text = word.word
    word.delete()
    audit.record(actor, "media.word_remove", **gone, detail={"word": text})


def words_for(path: str) -> list[str]:
    """The words that apply to a post of the unit at `path`: its own list's and its ancestors'."""
    return list(
        SensitiveWord.objects.filter(org_path__in=ancestors_or_self(path))
        .order_by("org_path", "word")
        .values_list("word", flat=True)
    )


def sensitive_check(title: str, body: str, path: str) -> list[str]:
    return found_words(f"{title}\n{body}", words_for(path))


# --- posts --------------------------------------------------------------------------------------------------


def _resolve_targets(actor, org, targets) -> list[Account]:
    """Accounts a post of `org` may go to: active accounts of the unit's subtree the actor reads. An unknown id
    and one out of reach get one answer."""
    from jinguo.core.bounds import record_id

    ids = []
    for t in targets or ():
        pk = record_id(t)
        if pk is None:
            raise ValidationError({"targets": [_("Choose the target accounts from the list.")]})
        ids.append(pk)
    found = {
        a.pk: a
        for a in Account.objects.filter(pk__in=ids, org_path__startswith=org.path, active=True).select_related(
            "platform"
        )
        if in_scope(actor, a.org_path)
    }
    if set(ids) - set(found):
        raise ValidationError({"targets": [_("Choose the target accounts from the list.")]})
    return [found[i] for i in dict.fromkeys(ids)]


def _check_post_texts(title: str, body: str) -> None:
    errors = {}
    if not title:
        errors["title"] = [_("Give the post a title.")]
    elif m := too_long(Post, "title", title):
        errors["title"] = [m]
    if not body:
        errors["body"] = [_("Write the post's text.")]
    elif m := too_long(Post, "body", body):
        errors["body"] = [m]
    if errors:
        raise ValidationError(errors)


def _check_theme(theme, org, day) -> None:
    if theme is None:
        return
    from jinguo.planning.selectors import theme_applies

    problem = theme_applies(theme, org.path, day)
    if problem:
        raise ValidationError({"theme": [problem]})


@transaction.atomic
def post_create(
    *,
    actor,
    org,
    title: str,
    body: str,
    theme=None,
    targets=(),
    scheduled_at: datetime.datetime | None = None,
) -> Post:
    """A unit writes a draft. The text is sanitised (no script survives) and checked against the word list."""
    _require(actor, POST, org.path, _("You cannot write posts of this unit."))
    title, body = " ".join((title or "").split()), sanitize(body)
    _check_post_texts(title, body)
    _check_theme(theme, org, (scheduled_at and timezone.localdate(scheduled_at)) or timezone.localdate())
    accounts = _resolve_targets(actor, org, targets)
    post = Post(
        org=org,
        org_path=org.path,
        title=title,
        body=body,
        theme=theme,
        scheduled_at=scheduled_at,
        created_by=_user(actor),
    )
    post.flagged_words = "、".join(sensitive_check(title, body, org.path))[:300]
    post.save()
    post.targets.set(accounts)
    audit.record(
        actor, "media.post_create", obj=post, detail={"targets": len(accounts), "flagged": bool(post.flagged_words)}
    )
    return post


@transaction.atomic
def post_update(*, actor, post: Post, title: str, body: str, theme=None, targets=(), scheduled_at=None) -> Post:
    """The author's unit changes a draft or a returned post; it is checked against the word list again."""
    _require(actor, POST, post.org_path, _("You cannot write posts of this unit."))
    if post.state not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("Only a draft or a returned post can be changed."))
    title, body = " ".join((title or "").split()), sanitize(body)
    _check_post_texts(title, body)
    _check_theme(theme, post.org, (scheduled_at and timezone.localdate(scheduled_at)) or timezone.localdate())
    accounts = _resolve_targets(actor, post.org, targets)
    before = audit.snapshot(post, POST_FIELDS)
    post.title, post.body, post.theme, post.scheduled_at = title, body, theme, scheduled_at
    post.flagged_words = "、".join(sensitive_check(title, body, post.org_path))[:300]
    post.save()
    post.targets.set(accounts)
    audit.record(
        actor, "media.post_update", obj=post, detail={"before": before, "after": audit.snapshot(post, POST_FIELDS)}
    )
    return post


@transaction.atomic
def post_image_add(*, actor, post: Post, upload, caption: str = "") -> PostImage:
    """An image of a draft, checked by its content (a real JPEG or PNG within the size limit)."""
    _require(actor, POST, post.org_path, _("You cannot write posts of this unit."))
    if post.state not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("Only a draft or a returned post can be changed."))
    try:
        check_photo(upload)
    except ValidationError as e:
        raise ValidationError({"image": e.messages}) from e
    caption = (caption or "").strip()
    if m := too_long(PostImage, "caption", caption):
        raise ValidationError({"caption": [m]})
    img = PostImage.objects.create(post=post, image=upload, caption=caption)
    audit.record(actor, "media.post_image_add", obj=post, detail={"image": img.pk})
    return img


@transaction.atomic
def post_image_remove(*, actor, image: PostImage) -> None:
    post = image.post
    _require(actor, POST, post.org_path, _("You cannot write posts of this unit."))
    if post.state not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("Only a draft or a returned post can be changed."))
    remove_file_on_commit(image.image)
    pk = image.pk
    image.delete()
    audit.record(actor, "media.post_image_remove", obj=post, detail={"image": pk})


def tier_path(post: Post, tier: str) -> str:
    """The unit whose reviewers decide `tier` of the post (TIERS, by the post's owning level)."""
    owner = reporting_path(post.org_path)
    where = TIERS.get(level_of(owner) or "county", TIERS["county"])[tier]
    return (parent_path(owner) or owner) if where == "above" else owner


def tier_reviewers(post: Post, tier: str) -> list:
    return notify.holders(tier_path(post, tier), TIER_PERM[tier])


def _may_decide(actor, post: Post) -> None:
    tier = TIER_OF_STATE.get(post.state)
    if tier is None:
        raise ValidationError(_("This post is not waiting for review."))
    if is_system(actor):
        return
    if actor.pk not in {u.pk for u in tier_reviewers(post, tier)}:
        raise PermissionDenied(_("This review is decided by the reviewers of the unit at this tier."))
    if Review.objects.filter(post=post, reviewer_id=actor.pk, at__gte=_last_submit(post)).exists():
        raise PermissionDenied(_("Each tier is decided by a different reviewer: you decided an earlier tier."))


def _last_submit(post: Post):
    """When the post was last submitted: the tiers of that round are the ones that count."""
    from jinguo.core.models import AuditEvent

    at = (
        AuditEvent.objects.filter(object_type="media.post", object_id=str(post.pk), event="media.post_submit")
        .order_by("-seq")
        .values_list("at", flat=True)
        .first()
    )
    return at or post.created_at


def _ask_review(actor, post: Post, changes) -> None:
    """Tell the reviewers of the tier the post has reached, with a due date."""
    notify.resolve(post, kinds=["media.review_request"])
    tier = TIER_OF_STATE.get(post.state)
    if tier is None:
        return
    notify.notify(
        kind="media.review_request",
        title=_("%(tier)s: %(title)s") % {"tier": TIER_LABELS[tier], "title": post.title},
        body=_("Sensitive words found: %(words)s") % {"words": post.flagged_words} if post.flagged_words else "",
        obj=post,
        url=reverse("media:post", args=[post.pk]),
        unit=tier_path(post, tier),
        perm=TIER_PERM[tier],
        due=timezone.now() + datetime.timedelta(days=REVIEW_DAYS),
        exclude=[getattr(actor, "pk", None), post.created_by_id],
    )


def _tell_author(actor, post: Post, changes) -> None:
    notify.tell_recorder(
        actor=actor,
        obj=post,
        kind="media.decided",
        title=_("%(title)s: %(state)s") % {"title": post.title, "state": post.get_state_display()},
        body=getattr(post, "review_comment", ""),
        url=reverse("media:post", args=[post.pk]),
        resolves=["media.review_request"],
    )


def _may_submit(actor, post: Post) -> None:
    _require(actor, POST, post.org_path, _("You cannot write posts of this unit."))
    if not post.targets.exists():
        raise ValidationError({"targets": [_("Choose at least one target account.")]})


def _may_publish(actor, post: Post) -> None:
    _require(actor, POST, post.org_path, _("You cannot publish posts of this unit."))


POST_FLOW = Workflow(
    model="media.Post",
    transitions=[
        Transition(
            "submit",
            sources=[S.DRAFT, S.RETURNED],
            target=S.FIRST,
            event="media.post_submit",
            guard=_may_submit,
            notify=_ask_review,
            refusal=gettext_lazy("Only a draft or a returned post can be submitted."),
        ),
        Transition(
            "pass_first",
            sources=[S.FIRST],
            target=S.SECOND,
            event="media.post_review",
            guard=_may_decide,
            not_own=True,
            notify=_ask_review,
        ),
        Transition(
            "pass_second",
            sources=[S.SECOND],
            target=S.FINAL,
            event="media.post_review",
            guard=_may_decide,
            not_own=True,
            notify=_ask_review,
        ),
        Transition(
            "pass_final",
            sources=[S.FINAL],
            target=S.APPROVED,
            event="media.post_review",
            guard=_may_decide,
            not_own=True,
            notify=_tell_author,
        ),
        Transition(
            "return",
            sources=[S.FIRST, S.SECOND, S.FINAL],
            target=S.RETURNED,
            event="media.post_review",
            guard=_may_decide,
            not_own=True,
            notify=_tell_author,
        ),
        Transition(
            "publish",
            sources=[S.APPROVED],
            target=S.PUBLISHED,
            event="media.post_publish",
            guard=_may_publish,
            stamp=lambda actor: {"published_at": timezone.now()},
            refusal=gettext_lazy("Only an approved post can be published."),
        ),
    ],
    on_change=lambda before, after: rollups.changed(before=before, after=after),
    stamp_updated="updated_at",
)
PASS = {S.FIRST: "pass_first", S.SECOND: "pass_second", S.FINAL: "pass_final"}


def post_submit(*, actor, post: Post) -> Post:
    """The unit sends its post to the first review; the word list is checked again and its finds go with it."""
    with transaction.atomic():
        post.flagged_words = "、".join(sensitive_check(post.title, post.body, post.org_path))[:300]
        return POST_FLOW.apply(
            actor, post, "submit", detail={"flagged": post.flagged_words}, flagged_words=post.flagged_words
        )


def post_review(*, actor, post: Post, decision: str, comment: str = "") -> Post:
    """A reviewer of the post's tier passes it on or returns it; a return needs a comment. The decision is
    audited with its comment and kept as a Review row."""
    comment = (comment or "").strip()
    if decision not in ("pass", "return"):
        raise ValidationError({"decision": [_("Choose from the list.")]})
    if decision == "return" and not comment:
        raise ValidationError({"comment": [_("Say what should change.")]})
    if m := too_long(Review, "comment", comment):
        raise ValidationError({"comment": [m]})
    with transaction.atomic():
        tier = TIER_OF_STATE.get(post.state, "")
        name = "return" if decision == "return" else PASS.get(post.state, "pass_first")
        fresh = Post.objects.select_for_update().filter(pk=post.pk).values_list("state", flat=True).first()
        if fresh is not None and fresh != post.state:
            post.state = fresh
        post.review_comment = comment  # what the author is told with the decision (_tell_author)
        POST_FLOW.apply(actor, post, name, detail={"tier": tier, "comment": comment})
        Review.objects.create(post=post, tier=tier, decision=decision, comment=comment, reviewer=_user(actor))
        return post


def post_publish(*, actor, post: Post, urls: dict | None = None) -> Post:
    """Publish an approved post to its target accounts through each platform's adapter; each gives the address
    the post is at (an address the operator typed must be on that platform)."""
    urls = {int(k): (v or "").strip() for k, v in (urls or {}).items()}
    with transaction.atomic():
        if post.scheduled_at and post.scheduled_at > timezone.now() and not is_system(actor):
            raise ValidationError(
                _("This post is scheduled for %(when)s.")
                % {"when": timezone.localtime(post.scheduled_at).strftime("%Y-%m-%d %H:%M")}
            )
        targets = list(post.targets.select_related("platform"))
        errors = {}
        for a in targets:
            if urls.get(a.pk):
                try:
                    check_platform_url(urls[a.pk], a.platform)
                except ValidationError as e:
                    errors[f"url_{a.pk}"] = e.messages
        if errors:
            raise ValidationError(errors)
        POST_FLOW.apply(actor, post, "publish", detail={"accounts": len(targets)})
        rows = []
        for a in targets:
            adapter = adapter_for(a.platform.adapter)
            rows.append(
                Publication(
                    post=post, account=a, adapter=adapter.name, url=adapter.publish(post, a, urls.get(a.pk, ""))
                )
            )
        Publication.objects.bulk_create(rows)
        _posted(targets, timezone.localdate(post.published_at))
        notify.tell_recorder(
            actor=actor,
            obj=post,
            kind="media.decided",
            title=_("%(title)s: %(state)s") % {"title": post.title, "state": post.get_state_display()},
            url=reverse("media:post", args=[post.pk]),
            resolves=[],
        )
        return post


def posts_publish_due(*, actor, now: datetime.datetime | None = None) -> int:
    """Publish every approved post whose scheduled time has come (run by `jinguo media sweep`)."""
    now = now or timezone.now()
    done = 0
    for post in Post.objects.filter(state=S.APPROVED, scheduled_at__lte=now).select_related("created_by"):
        try:
            post_publish(actor=actor, post=post)
            done += 1
        except ValidationError:
            continue
    return done


# --- addresses ----------------------------------------------------------------------------------------------


def check_platform_url(url: str, platform: Platform) -> str:
    """An address of a post on `platform`: a well-formed http(s) URL whose host is one of the platform's domains
    or below one."""
    url = (url or "").strip()
    if not url:
        raise ValidationError(_("Give the address of the post."))
    if len(url) > 500:
        raise ValidationError(_("The address is at most 500 characters."))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(_("This is not a web address (http:// or https://).")) from None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    domains = platform.domain_list()
    if domains and not any(host == d or host.endswith("." + d) for d in domains):
        raise ValidationError(
            _("The address is not on %(platform)s (%(domains)s).")
            % {"platform": platform.name, "domains": "、".join(domains)}
        )
    return url


# --- cross-posting (联动) -------------------------------------------------------------------------------------

TASK_DAYS = 3


def push_accounts(org, *, levels=(), platforms=(), brand: str = "", exclude_post: Post | None = None):
    """The active accounts of the unit's subtree a push reaches: all, or those of the given levels (of their
    unit), platforms and brand."""
    qs = Account.objects.filter(org_path__startswith=org.path, active=True)
    if platforms:
        qs = qs.filter(platform__in=list(platforms))
    if brand:
        qs = qs.filter(brand=brand)
    if levels:
        from django.db.models.functions import Length

        from jinguo.core.paths import LEVEL_DIGITS

        qs = qs.annotate(_depth=Length("org_path")).filter(
            Q(_depth__in=[LEVEL_DIGITS[lvl] for lvl in levels if lvl in LEVEL_DIGITS])
        )
    if exclude_post is not None:
        qs = qs.exclude(pk__in=exclude_post.targets.values("pk"))
    return qs.order_by("org_path", "pk")


def push_create(
    *,
    actor,
    post: Post,
    org,
    due_on: datetime.date,
    levels=(),
    platforms=(),
    brand: str = "",
    note: str = "",
) -> Push:
    """A unit pushes a published post to the accounts of its subtree (or a subset by level, platform or brand):
    one task per account, each unit told through the inbox with the due date (reminded, then escalated)."""
    from jinguo.core.paths import LEVELS

    _require(actor, MANAGE, org.path, _("You cannot push posts to the accounts of this unit."))
    if post.state != S.PUBLISHED:
        raise ValidationError(_("Only a published post is cross-posted."))
    levels = [lvl for lvl in levels or () if lvl]
    if any(lvl not in LEVELS for lvl in levels):
        raise ValidationError({"levels": [_("Choose from the list.")]})
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": [_("The due date has passed.")]})
    brand, note = (brand or "").strip(), (note or "").strip()
    for field, value in (("brand", brand), ("note", note)):
        if m := too_long(Push, field, value):
            raise ValidationError({field: [m]})
    with transaction.atomic():
        accounts = list(push_accounts(org, levels=levels, platforms=platforms, brand=brand, exclude_post=post))
        if not accounts:
            raise ValidationError(_("No account of the unit matches: nothing to push."))
        push = Push.objects.create(
            org=org,
            org_path=org.path,
            post=post,
            note=note,
            levels=",".join(levels),
            brand=brand,
            due_on=due_on,
            created_by=_user(actor),
        )
        push.platforms.set(list(platforms))
        tasks = CrossPostTask.objects.bulk_create(
            [
                CrossPostTask(
                    push=push, account=a, org_id=a.org_id, org_path=a.org_path, assigned_on=today, due_on=due_on
                )
                for a in accounts
            ]
        )
        if not all(t.pk for t in tasks):  # SQLite before 3.35 returns no ids from a bulk insert
            tasks = list(CrossPostTask.objects.filter(push=push))
        rollups.changed_many("media.CrossPostTask", afters=tasks)
        audit.record(actor, "media.push_create", obj=push, detail={"post": post.pk, "tasks": len(tasks)})
        due = timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(18, 0)))
        names = {a.pk: a.name for a in accounts}
        for t in tasks:
            notify.notify(
                kind="media.task",
                title=_("Cross-post “%(title)s” from %(account)s")
                % {"title": post.title, "account": names[t.account_id]},
                obj=t,
                url=reverse("media:task", args=[t.pk]),
                unit=t.org_path,
                perm=POST,
                due=due,
                exclude=[getattr(actor, "pk", None)],
            )
        return push


def _may_complete(actor, task: CrossPostTask) -> None:
    _require(actor, POST, task.org_path, _("You cannot mark tasks of this account."))


def _tell_pusher(actor, task: CrossPostTask, changes) -> None:
    notify.resolve(task)
    push = task.push
    if push.created_by_id:
        notify.notify(
            kind="media.task_done",
            title=_("%(account)s cross-posted “%(title)s”") % {"account": task.account.name, "title": push.post.title},
            body=task.url,
            obj=task,
            url=reverse("media:post", args=[push.post_id]),
            recipients=[push.created_by],
            exclude=[getattr(actor, "pk", None)],
        )


TASK_FLOW = Workflow(
    model="media.CrossPostTask",
    owner_field="done_by",
    transitions=[
        Transition(
            "complete",
            sources=[TaskState.OPEN],
            target=TaskState.DONE,
            event="media.task_complete",
            guard=_may_complete,
            stamp=lambda actor: {"done_at": timezone.now(), "done_by": _user(actor)},
            notify=_tell_pusher,
            refusal=gettext_lazy("This task is already done."),
        ),
    ],
    on_change=lambda before, after: rollups.changed(before=before, after=after),
)


def task_complete(*, actor, task: CrossPostTask, url: str) -> CrossPostTask:
    """The account's unit marks its task done with the address of the repost, which must be on the account's
    platform."""
    _may_complete(actor, task)
    try:
        url = check_platform_url(url, task.account.platform)
    except ValidationError as e:
        raise ValidationError({"url": e.messages}) from e
    with transaction.atomic():
        TASK_FLOW.apply(actor, task, "complete", detail={"url": url}, url=url)
        _posted([task.account_id], timezone.localdate())
        return task


# --- metrics ------------------------------------------------------------------------------------------------


class _Day(NamedTuple):
    """A daily row as the roll-ups read it (stats.registry.Metric.contribution): lighter than a model instance."""

    account_id: int
    org_path: str
    day: datetime.date
    reads: int
    likes: int
    shares: int
    comments: int
    wows: int
    followers: int


_DAY_COLUMNS = ("account_id", "org_path", "day", "reads", "likes", "shares", "comments", "wows", "followers")


def metrics_write(*, actor, rows: list[dict]) -> int:
    """Daily rows of the platforms' exports (checked by the importer): one row per account and day, replaced
    when the same day comes again, so importing a file twice changes nothing. The accounts' follower counts
    follow their latest day; the roll-ups move by the difference.

    Written with `core.bulk.upsert` (`INSERT … ON CONFLICT (account_id, day) DO UPDATE`): an export of a month
    of the matrix is 15,000 rows, which model instances would take most of the import's time to build."""
    if not rows:
        return 0
    latest: dict[int, tuple] = {}
    days: list[_Day] = []
    allowed: set[str] = set()
    for r in rows:
        a = r["account"]
        if a.org_path not in allowed:
            if not is_system(actor):
                _require(actor, MANAGE, a.org_path, _("You cannot import metrics of this account."))
            allowed.add(a.org_path)
        days.append(
            _Day(
                a.pk,
                a.org_path,
                r["day"],
                r.get("reads") or 0,
                r.get("likes") or 0,
                r.get("shares") or 0,
                r.get("comments") or 0,
                r.get("wows") or 0,
                r.get("followers") or 0,
            )
        )
        if r.get("followers") is not None and (a.pk not in latest or latest[a.pk][0] < r["day"]):
            latest[a.pk] = (r["day"], r["followers"])
    with transaction.atomic():
        replaced = _upsert_days(days)
        rollups.add(_metric_deltas(replaced, days))
        months_refresh(account_ids={d.account_id for d in days}, days={d.day for d in days})
        _follow_latest(latest)
    return len(days)


# The roll-up metrics of the daily rows: each sums one of the row's figures by its unit and day.
def _day_metrics():
    from jinguo.stats.registry import for_model

    metrics = for_model(DailyMetric._meta.label)
    for m in metrics:  # what _metric_deltas assumes of them
        if not (m.date_field == "day" and m.sum_field in _DAY_COLUMNS and m.scale == 1 and not m.include_q):
            raise ImproperlyConfigured(f"{m.key}: the metrics import sums daily figures as they are, by day")
    return metrics


def _upsert_days(days: list[_Day]) -> list[tuple]:
    """Write the rows; return what they replace as (org_path, month, sum of each metric's figure) rows.

    PostgreSQL sums the replaced rows in the database, joined to the staged new ones (20,000 replaced rows are
    a few hundred unit-months); SQLite reads them and sums them here."""
    from django.db import connection

    fields = ("account", *_DAY_COLUMNS[1:])
    update = (*_DAY_COLUMNS[3:], "org_path")
    sums = [m.sum_field for m in _day_metrics()]
    if connection.vendor == "postgresql":
        q = connection.ops.quote_name
        summed = "".join(f", SUM(d.{q(f)})" for f in sums)
        before = (
            f"SELECT d.org_path, CAST(date_trunc('month', d.day) AS date){summed} "  # noqa: S608 - model names
            f"FROM {q(DailyMetric._meta.db_table)} d JOIN {{stage}} s ON s.account_id = d.account_id AND s.day = d.day "
            "GROUP BY 1, 2"
        )
        # Staged in key order, so the join meets the stored rows in their index's order.
        staged = sorted(days, key=lambda d: (d.account_id, d.day))
        return bulk.upsert(
            DailyMetric, fields, staged, conflict=("account", "day"), update=update, changed_only=True, before=before
        )
    totals: dict[tuple, list[int]] = {}
    for d in _existing_days(days):
        t = totals.setdefault((d.org_path, d.day.replace(day=1)), [0] * len(sums))
        for i, f in enumerate(sums):
            t[i] += getattr(d, f)
    bulk.upsert(DailyMetric, fields, days, conflict=("account", "day"), update=update, changed_only=True)
    return [(path, month, *t) for (path, month), t in totals.items()]


def _metric_deltas(replaced: list[tuple], days: list[_Day]) -> dict:
    """The roll-up deltas of writing `days` over the `replaced` sums, by unit and month (a month's first day
    stands for it: it falls in the same month, quarter and year)."""
    deltas: dict[tuple, int] = defaultdict(int)
    metrics = _day_metrics()
    for path, month, *totals in replaced:
        for m, total in zip(metrics, totals, strict=True):
            deltas[(m.key, path, month)] -= total
    firsts: dict[datetime.date, datetime.date] = {}
    for m in metrics:
        i = _DAY_COLUMNS.index(m.sum_field)
        for d in days:
            month = firsts.get(d.day) or firsts.setdefault(d.day, d.day.replace(day=1))
            deltas[(m.key, d.org_path, month)] += d[i]
    return deltas


def _follow_latest(latest: dict[int, tuple]) -> None:
    """Each account's follower count becomes that of its newest day in the file, unless a newer day is stored:
    one statement per 500 accounts."""
    from django.db import connection

    q = connection.ops.quote_name
    account, daily = q(Account._meta.db_table), q(DailyMetric._meta.db_table)
    items = sorted(latest.items())
    with connection.cursor() as cursor:
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            whens = " ".join(["WHEN %s THEN %s"] * len(chunk))
            cursor.execute(
                f"UPDATE {account} SET followers = CASE id {whens} END "  # noqa: S608 - model names
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))}) AND NOT EXISTS (SELECT 1 FROM {daily} d "
                f"WHERE d.account_id = {account}.id AND d.day > CASE {account}.id {whens} END)",
                [
                    *(v for pk, (_day, followers) in chunk for v in (pk, followers)),
                    *(pk for pk, _ in chunk),
                    *(v for pk, (day, _f) in chunk for v in (pk, day)),
                ],
            )


def months_refresh(*, account_ids, days) -> int:
    """Sum the daily rows of the given accounts into their months (`AccountMonth`) for every month from the first
    to the last of `days`, inside the caller's transaction: one `INSERT … SELECT … GROUP BY … ON CONFLICT` per
    500 accounts, so the sums never leave the database (a month of the matrix: 0.5 s in Python → one statement)."""
    from django.db import connection

    if not account_ids or not days:
        return 0
    first = min(days).replace(day=1)
    last = _month_end(max(days))
    q = connection.ops.quote_name
    month = (
        "CAST(date_trunc('month', day) AS date)" if connection.vendor == "postgresql" else "date(day, 'start of month')"
    )
    sums = ("reads", "likes", "shares", "comments", "wows")
    target = [q(AccountMonth._meta.get_field(f).column) for f in ("account", "org_path", "month", "days")]
    target += [q(c) for c in (*sums, "max_reads", "followers")]
    chosen = ", ".join(["account_id", "MAX(org_path)", month, "COUNT(*)"] + [f"SUM({c})" for c in sums])
    updates = ", ".join(f"{c} = excluded.{c}" for c in target[1:] if c != q("month"))
    written = 0
    ids = sorted(account_ids)
    with connection.cursor() as cursor:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            cursor.execute(
                f"INSERT INTO {q(AccountMonth._meta.db_table)} ({', '.join(target)}) "  # noqa: S608 - model names
                f"SELECT {chosen}, MAX(reads), MAX(followers) FROM {q(DailyMetric._meta.db_table)} "
                f"WHERE account_id IN ({', '.join(['%s'] * len(chunk))}) AND day >= %s AND day <= %s "
                f"GROUP BY account_id, {month} "
                f"ON CONFLICT ({target[0]}, {q('month')}) DO UPDATE SET {updates}",
                [*chunk, first, last],
            )
            written += max(cursor.rowcount, 0)
    return written


def _month_end(day: datetime.date) -> datetime.date:
    nxt = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return nxt - datetime.timedelta(days=1)


def _existing_days(days: list[_Day]) -> list[_Day]:
    """The stored rows the new ones replace (for the roll-up difference)."""
    if not days:
        return []
    lo, hi = min(d.day for d in days), max(d.day for d in days)
    accounts = sorted({d.account_id for d in days})
    wanted = {(d.account_id, d.day) for d in days}
    found = []
    for i in range(0, len(accounts), 500):
        qs = DailyMetric.objects.filter(account_id__in=accounts[i : i + 500], day__range=(lo, hi)).values_list(
            *_DAY_COLUMNS
        )
        found += [_Day(*row) for row in qs.iterator(chunk_size=5000) if (row[0], row[2]) in wanted]
    return found


# --- commentators (网宣、网评员) and guidance tasks -------------------------------------------------------------


@transaction.atomic
def commentator_add(*, actor, org, person, role: str, joined_on: datetime.date | None = None) -> Commentator:
    """A unit registers a person of the registry in its team of online publicity workers or commentators."""
    from jinguo.people.selectors import require_one_nameable

    _require(actor, MANAGE, org.path, _("You cannot change this unit's team."))
    p = require_one_nameable(actor, person, field="person")
    if Commentator.objects.filter(person=p).exists():
        raise ValidationError({"person": [_("This person is already in a team.")]})
    c = Commentator(org=org, org_path=org.path, person=p, role=role, joined_on=joined_on or timezone.localdate())
    _clean(c, exclude=["org_path"])
    c.save()
    audit.record(actor, "media.commentator_add", obj=c, detail={"role": role})
    return c


@transaction.atomic
def commentator_set_active(*, actor, commentator: Commentator, active: bool) -> Commentator:
    _require(actor, MANAGE, commentator.org_path, _("You cannot change this unit's team."))
    Commentator.objects.filter(pk=commentator.pk).update(active=active)
    commentator.active = active
    audit.record(actor, "media.commentator_active", obj=commentator, detail={"active": active})
    return commentator


@transaction.atomic
def guidance_create(
    *, actor, org, title: str, kind: str, target_url: str, due_on: datetime.date, post: Post | None = None
) -> GuidanceTask:
    """A unit asks its commentators (and those below) to share, or comment on, a given post; the units with
    commentators are told through the inbox."""
    _require(actor, MANAGE, org.path, _("You cannot give guidance tasks for this unit."))
    title = " ".join((title or "").split())
    t = GuidanceTask(
        org=org,
        org_path=org.path,
        title=title,
        kind=kind,
        target_url=(target_url or "").strip(),
        due_on=due_on,
        post=post,
        created_by=_user(actor),
    )
    errors = check(t, exclude=["org_path"])
    if not title:
        errors.setdefault("title", []).append(_("Give the task a title."))
    if due_on < timezone.localdate():
        errors.setdefault("due_on", []).append(_("The due date has passed."))
    if errors:
        raise ValidationError(errors)
    t.save()
    audit.record(actor, "media.guidance_create", obj=t, detail={"kind": kind})
    units = sorted(
        set(Commentator.objects.filter(org_path__startswith=org.path, active=True).values_list("org_path", flat=True))
    )
    due = timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(18, 0)))
    for path in units:
        notify.notify(
            kind="media.guidance",
            title=_("Guidance task: %(title)s") % {"title": title},
            obj=t,
            url=reverse("media:guidance", args=[t.pk]),
            unit=path,
            perm=MANAGE,
            due=due,
            exclude=[getattr(actor, "pk", None)],
        )
    return t


@transaction.atomic
def guidance_done(
    *, actor, task: GuidanceTask, commentator: Commentator, url: str = "", done_on: datetime.date | None = None
) -> GuidanceDone:
    """A commentator did the task: recorded by a cadre of their unit (with the address of the share or comment,
    when there is one)."""
    _require(actor, MANAGE, commentator.org_path, _("You cannot record the work of this commentator."))
    if not commentator.org_path.startswith(task.org_path):
        raise ValidationError({"commentator": [_("Choose from the list.")]})
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": [_("This is not a web address (http:// or https://).")]}) from None
    if GuidanceDone.objects.filter(task=task, commentator=commentator).exists():
        raise ValidationError(_("Already recorded."))
    d = GuidanceDone.objects.create(
        task=task,
        commentator=commentator,
        org_path=commentator.org_path,
        done_on=done_on or timezone.localdate(),
        url=url,
    )
    rollups.changed(after=d)
    audit.record(actor, "media.guidance_done", obj=task, detail={"commentator": commentator.pk})
    return d


def periodic_sweep() -> str:
    """`jinguo periodic`: publish the approved posts whose time has come, flag dormant accounts (both idempotent)."""
    from jinguo.core.actors import SYSTEM

    published = posts_publish_due(actor=SYSTEM)
    dormant = accounts_flag_dormant(actor=SYSTEM, days=None)
    return f"{published} posts published, {dormant['flagged']} accounts flagged dormant"
