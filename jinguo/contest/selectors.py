"""Reads of the lecture contest, and the ranking with its stated tie rule."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from jinguo.contest.models import Contest, Entry, Round, RoundJudge, RoundState, Score
from jinguo.core.models import Membership
from jinguo.core.paths import reporting_path
from jinguo.core.roles import Perm
from jinguo.core.scope import get_for_user, in_scope, scoped, scoped_with_lineage

TIE_RULE = _(
    "An entry's final score is the mean of its judges' weighted totals (each criterion's score divided by its "
    "full marks, times its weight); with five or more judges the single highest and the single lowest total are "
    "dropped first. Judges from the entrant's own unit are excluded. Equal final scores are separated by the mean "
    "score of the heaviest criterion, then the next heaviest, and so on; entries still equal share the rank and "
    "the next rank is skipped (1, 2, 2, 4). Scores are compared to two decimal places."
)
CENT = Decimal("0.01")


def judge_conflicts(paths: list[str], entry_path: str) -> bool:
    """A judge is excluded from an entry of their own unit (any of their memberships' units); an entrant or
    judge stands for the unit that reports for them (the county for a town or village)."""
    home = reporting_path(entry_path)
    return any(reporting_path(p) == home for p in paths)


def judge_paths(user) -> list[str]:
    return list(user.memberships.values_list("org__path", flat=True))


def contest_list(user) -> QuerySet[Contest]:
    return (
        scoped_with_lineage(Contest.objects.select_related("org"), user)
        .annotate(n_rounds=Count("rounds"))
        .order_by("-year", "org_path", "pk")
    )


def get_contest_for_user(user, pk, *, write: bool = False) -> Contest:
    return get_for_user(Contest.objects.select_related("org"), user, pk, write=write, lineage=True)


def get_round_for_user(user, pk, *, write: bool = False) -> Round:
    rnd = Round.objects.select_related("contest", "contest__org").filter(pk=pk).first()
    if rnd is None:
        raise Http404
    get_contest_for_user(user, rnd.contest_id, write=write)
    return rnd


def is_organiser(user, contest: Contest) -> bool:
    return in_scope(user, contest.org_path, Perm.WRITE)


def round_entries(user, rnd: Round) -> QuerySet[Entry]:
    """The organiser sees every entry; others only those of their own units."""
    qs = Entry.objects.filter(round=rnd).select_related("lecturer", "org").order_by("org_path", "pk")
    return qs if is_organiser(user, rnd.contest) else scoped(qs, user)


def get_entry_for_user(user, pk) -> Entry:
    e = Entry.objects.select_related("round", "round__contest", "lecturer", "org").filter(pk=pk).first()
    if e is None:
        raise Http404
    judge = RoundJudge.objects.filter(round_id=e.round_id, user=user).exists()
    if not (judge or is_organiser(user, e.round.contest) or in_scope(user, e.org_path, Perm.READ)):
        raise Http404
    return e


def judge_rounds(user) -> QuerySet[Round]:
    return Round.objects.filter(judges__user=user).select_related("contest").order_by("-contest__year", "order")


def get_round_for_judge(user, pk) -> Round:
    rnd = Round.objects.select_related("contest").filter(pk=pk, judges__user=user).first()
    if rnd is None:
        raise Http404
    return rnd


@dataclass
class JudgeItem:
    entry: Entry
    excluded: bool
    scores: dict = field(default_factory=dict)


def judge_worklist(user, rnd: Round) -> list[JudgeItem]:
    """Every entry of the round for one judge: their scores so far, or excluded (own unit)."""
    paths = judge_paths(user)
    mine = defaultdict(dict)
    for s in Score.objects.filter(entry__round=rnd, judge=user):
        mine[s.entry_id][s.criterion_id] = s.value
    return [
        JudgeItem(e, judge_conflicts(paths, e.org_path), mine.get(e.pk, {}))
        for e in Entry.objects.filter(round=rnd).select_related("lecturer", "org").order_by("org_path", "pk")
    ]


@dataclass
class Ranked:
    entry: Entry
    final: Decimal | None
    judges: int
    criterion_means: list[Decimal]
    rank: int = 0


def _q(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def round_ranking(rnd: Round) -> list[Ranked]:
    """Rank the round's entries by the rule in TIE_RULE (a fixed number of queries)."""
    criteria = list(rnd.contest.criteria.all())
    entries = list(Entry.objects.filter(round=rnd).select_related("lecturer", "org").order_by("pk"))
    judge_ids = list(RoundJudge.objects.filter(round=rnd).values_list("user_id", flat=True))
    paths: dict[int, list[str]] = defaultdict(list)
    for uid, path in Membership.objects.filter(user_id__in=judge_ids).values_list("user_id", "org__path"):
        paths[uid].append(path)
    scores: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for eid, jid, cid, value in Score.objects.filter(entry__round=rnd, judge_id__in=judge_ids).values_list(
        "entry_id", "judge_id", "criterion_id", "value"
    ):
        scores[(eid, jid)][cid] = value
    heavy_first = sorted(range(len(criteria)), key=lambda i: (-criteria[i].weight, criteria[i].order, criteria[i].pk))
    out = []
    for e in entries:
        complete = [
            s
            for jid in judge_ids
            if not judge_conflicts(paths[jid], e.org_path)
            and len(s := scores.get((e.pk, jid), {})) == len(criteria)
            and all(c.pk in s for c in criteria)
        ]
        if not complete:
            out.append(Ranked(e, None, 0, []))
            continue
        totals = sorted(sum((s[c.pk] / c.max_score * c.weight for c in criteria), Decimal(0)) for s in complete)
        kept = totals[1:-1] if len(totals) >= 5 else totals
        final = _q(sum(kept, Decimal(0)) / len(kept))
        means = [_q(sum((s[c.pk] / c.max_score * 100 for s in complete), Decimal(0)) / len(complete)) for c in criteria]
        out.append(Ranked(e, final, len(complete), [means[i] for i in heavy_first]))
    scored = sorted(
        (r for r in out if r.final is not None),
        key=lambda r: ([-r.final] + [-m for m in r.criterion_means], r.entry.pk),
    )
    prev_key, rank = None, 0
    for i, r in enumerate(scored, start=1):
        key = (r.final, tuple(r.criterion_means))
        if key != prev_key:
            rank = i
            prev_key = key
        r.rank = rank
    return scored + [r for r in out if r.final is None]


def published_rounds(contest: Contest) -> list[tuple[Round, list[Ranked]]]:
    return [(r, round_ranking(r)) for r in contest.rounds.filter(state=RoundState.PUBLISHED).order_by("order")]


def get_public_contest(pk) -> Contest:
    c = Contest.objects.select_related("org").filter(pk=pk, rounds__state=RoundState.PUBLISHED).distinct().first()
    if c is None:
        raise Http404
    return c


def public_contests() -> QuerySet[Contest]:
    return (
        Contest.objects.filter(rounds__state=RoundState.PUBLISHED)
        .select_related("org")
        .distinct()
        .order_by("-year", "pk")
    )
