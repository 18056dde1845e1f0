"""Reads of the outreach module, scoped to the acting user; coverage (全覆盖) is computed here."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from jinguo.core.lists import Counted
from jinguo.core.paths import ancestors_or_self, at_level
from jinguo.core.periods import Period
from jinguo.core.planner import scoped_broad
from jinguo.core.roles import Perm
from jinguo.core.scope import get_for_user, lineage_paths, scope_paths, scoped, scoped_with_lineage
from jinguo.orgs.models import LEVEL_DIGITS, LEVEL_ORDER, Level, OrgUnit
from jinguo.outreach.models import (
    AudienceGroup,
    Campaign,
    CheckIn,
    Lecture,
    LectureCorrection,
    Lecturer,
    LecturerCategory,
    LectureState,
    LectureTeam,
    Topic,
)
from jinguo.planning.models import Theme
from jinguo.planning.selectors import theme_subtree_ids
from jinguo.stats import coverage as stats_coverage

LECTURE_RELATED = ("org", "theme", "topic", "campaign", "audience_group", "team", "venue")


# --- lookups -------------------------------------------------------------------------------------


def lookup_choices(model) -> QuerySet:
    return model.objects.filter(active=True).order_by("sort", "pk")


def get_campaign(pk) -> Campaign:
    """A campaign by number, retired ones too (figures of the past name them); 404 when there is none."""
    from django.http import Http404

    from jinguo.core.bounds import record_id

    n = record_id(pk)
    campaign = Campaign.objects.filter(pk=n).first() if n is not None else None
    if campaign is None:
        raise Http404
    return campaign


def lookup_all() -> dict[str, list]:
    return {
        "categories": list(LecturerCategory.objects.order_by("sort", "pk")),
        "topics": list(Topic.objects.order_by("sort", "pk")),
        "campaigns": list(Campaign.objects.order_by("sort", "pk")),
        "audiences": list(AudienceGroup.objects.order_by("sort", "pk")),
    }


# --- teams ---------------------------------------------------------------------------------------


def team_list(user, *, under_path: str | None = None, level: str = "") -> QuerySet[LectureTeam]:
    """Teams of the user's units, below them and above them (a county sees the region's team)."""
    qs = scoped_with_lineage(LectureTeam.objects.select_related("org"), user).annotate(
        n_members=Count("members", distinct=True)
    )
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    if level:
        qs = qs.filter(org__level=level)
    return qs.order_by("org_path", "name")


def team_choices(user) -> QuerySet[LectureTeam]:
    """Teams that can serve the user's units: theirs, those below, and those above."""
    return scoped_with_lineage(LectureTeam.objects.select_related("org"), user, Perm.WRITE).order_by("org_path", "name")


def get_team_for_user(user, pk, *, write: bool = False) -> LectureTeam:
    return get_for_user(LectureTeam.objects.select_related("org"), user, pk, write=write, lineage=True)


def team_members(team: LectureTeam) -> QuerySet[Lecturer]:
    return (
        Lecturer.objects.filter(team=team)
        .select_related("person", "person__org")
        .prefetch_related("categories", "topics")
        .order_by("-active", "person__name", "pk")
    )


def get_lecturer_for_user(user, pk, *, write: bool = False) -> Lecturer:
    return get_for_user(Lecturer.objects.select_related("team", "person", "org"), user, pk, write=write, lineage=True)


def lecturer_candidates(user, *, team: LectureTeam | None = None, q: str = "", ids=None, limit: int = 30) -> list:
    """People a user may name as lecturers: a team's members, registered people found by name, or by number."""
    from jinguo.people.selectors import people_nameable, person_list

    above = set(lineage_paths(user, Perm.WRITE)) | set(scope_paths(user, Perm.WRITE))
    if ids is not None:
        members = Lecturer.objects.filter(team__org_path__in=sorted(above)).values("person_id")
        return list(people_nameable(user, ids, also=members).values())
    if team is not None:
        return [
            m.person for m in Lecturer.objects.filter(team=team, active=True).select_related("person", "person__org")
        ]
    q = (q or "").strip()
    if not q:
        return []
    mine = list(person_list(user, q=q)[:limit])
    members = [
        m.person
        for m in Lecturer.objects.filter(active=True, team__org_path__in=sorted(above), person__name__contains=q)
        .select_related("person", "person__org")
        .order_by("person__name")[:limit]
    ]
    seen, out = set(), []
    for p in mine + members:
        if p.pk not in seen:
            seen.add(p.pk)
            out.append(p)
    return out[:limit]


# --- lectures ------------------------------------------------------------------------------------


def lecture_list(
    user,
    *,
    under_path: str | None = None,
    q: str = "",
    state: str = "",
    kind: str = "",
    period: Period | None = None,
    theme: Theme | None = None,
    campaign: Campaign | None = None,
    team: LectureTeam | None = None,
) -> QuerySet[Lecture]:
    # For a region or a league SQLite walks the (date, id) index and stops after a page, as PostgreSQL does.
    qs = scoped_broad(Lecture.objects.select_related(*LECTURE_RELATED), user, up_to=4)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    q = (q or "").strip()
    if q:
        qs = qs.filter(title__contains=q)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if period is not None:
        qs = qs.filter(date__range=(period.start, period.end))
    if theme is not None:
        qs = qs.filter(theme_id__in=theme_subtree_ids(theme))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if team is not None:
        qs = qs.filter(team=team)
    return qs.order_by("-date", "-pk")


def lectures_given_by(user, person_id) -> QuerySet[Lecture]:
    """The lectures of the user's units at which the person was among the lecturers, newest first (an honoree's
    lectures, for the honours' publicity record)."""
    return lecture_list(user).filter(lecturers__id=person_id).order_by("-date", "-pk")


def lectures_at_venue(user, venue, *, limit: int = 20) -> tuple[list[Lecture], int]:
    """The latest lectures held at a venue that the user reads, and how many there are: two queries."""
    qs = scoped(Lecture.objects.filter(venue=venue).select_related("org"), user).order_by("-date", "-pk")
    return list(qs[:limit]), qs.count()


def with_lecturers(qs: QuerySet[Lecture]) -> QuerySet[Lecture]:
    from jinguo.people.models import Person

    return qs.prefetch_related(Prefetch("lecturers", queryset=Person.objects.only("pk", "name").order_by("name")))


def get_lecture_for_user(user, pk, *, write: bool = False) -> Lecture:
    return get_for_user(
        Lecture.objects.select_related(*LECTURE_RELATED, "verified_by", "created_by"), user, pk, write=write
    )


def lecture_corrections(lecture: Lecture) -> QuerySet[LectureCorrection]:
    return lecture.corrections.select_related("corrected_by").order_by("-created_at", "-pk")


def checkin_count(lecture: Lecture) -> int:
    return CheckIn.objects.filter(lecture=lecture).count()


def lecture_for_checkin(pk) -> Lecture | None:
    """The public check-in page reads one lecture by number (the code is checked by the caller)."""
    try:
        return Lecture.objects.select_related("org").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def lectures_by_code(code: str, days) -> list[Lecture]:
    return list(Lecture.objects.filter(checkin_code=code, date__in=list(days)).only("pk", "checkin_code", "date")[:2])


def _closed_months():
    from jinguo.core.models import ClosedPeriod

    return ClosedPeriod.objects.filter(subject="outreach.lecture").select_related("org", "closed_by")


def period_locks(user):
    """The closed lecture months of the user's units."""
    return scoped(_closed_months(), user).order_by("-month", "org_path")


def get_period_lock_for_user(user, pk):
    return get_for_user(_closed_months(), user, pk)


# --- coverage ------------------------------------------------------------------------------------

BASIS = ("verified", "reported")


@dataclass
class ChildCoverage:
    org: OrgUnit
    count: int

    @property
    def covered(self) -> bool:
        return self.count > 0


@dataclass
class LevelCoverage:
    level: str
    label: str
    units: int
    covered: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.covered / self.units, 1) if self.units else 0.0

    @property
    def gaps(self) -> int:
        return self.units - self.covered


@dataclass
class Breakdown:
    key: object  # a Theme or a Campaign
    covered: int
    units: int
    lectures: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.covered / self.units, 1) if self.units else 0.0


@dataclass
class Coverage:
    under: OrgUnit
    period: Period
    basis: str
    theme: Theme | None
    campaign: Campaign | None
    lectures: int = 0
    children: list[ChildCoverage] = field(default_factory=list)
    levels: list[LevelCoverage] = field(default_factory=list)
    by_theme: list[Breakdown] = field(default_factory=list)
    by_campaign: list[Breakdown] = field(default_factory=list)
    covered_paths: dict[str, set[str]] = field(default_factory=dict)  # the counted path (filters, ranges)
    engine: bool = False  # read from the roll-ups by stats.coverage

    @property
    def child_level(self) -> LevelCoverage | None:
        return self.levels[0] if self.levels else None


def counted_lectures(
    under: OrgUnit,
    period: Period,
    *,
    theme: Theme | None = None,
    campaign: Campaign | None = None,
    basis: str = "verified",
) -> QuerySet[Lecture]:
    """The lectures coverage counts: held at `under` or below, dated in the period, verified
    (or, with basis "reported", held or verified), linked to the theme or a theme under it."""
    states = [LectureState.VERIFIED] if basis == "verified" else [LectureState.HELD, LectureState.VERIFIED]
    qs = Lecture.objects.filter(
        org_path__startswith=under.path, date__gte=period.start, date__lte=period.end, state__in=states
    )
    if theme is not None:
        qs = qs.filter(theme_id__in=theme_subtree_ids(theme))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs


def coverage(
    under: OrgUnit,
    period: Period,
    *,
    theme: Theme | None = None,
    campaign: Campaign | None = None,
    basis: str = "verified",
    breakdowns: bool = False,
) -> Coverage:
    """Which units below `under` held at least one lecture in the period, per level.

    The caller has checked that the user may read `under` (get_org_for_user). A unit is covered
    when a counted lecture was held at it or anywhere below it.
    """
    result = Coverage(under=under, period=period, basis=basis, theme=theme, campaign=campaign)
    lectures = counted_lectures(under, period, theme=theme, campaign=campaign, basis=basis)
    labels = dict(Level.choices)
    if theme is None and campaign is None and period.stored:
        # The platform's coverage engine: roll-up rows and their covered counters only (stats.coverage).
        engine = stats_coverage.coverage(_coverage_metric(basis), under, period.code)
        result.lectures = engine.total
        result.levels = [LevelCoverage(lv.level, str(labels[lv.level]), lv.units, lv.covered) for lv in engine.levels]
        result.children = [ChildCoverage(c.org, c.count) for c in engine.children]
        result.engine = True
        if breakdowns and result.levels:
            _breakdowns(result, lectures, LEVEL_DIGITS[result.levels[0].level])
        return result
    per_org = dict(lectures.order_by().values("org_path").annotate(n=Count("pk")).values_list("org_path", "n"))
    result.lectures = sum(per_org.values())
    deeper = LEVEL_ORDER[LEVEL_ORDER.index(under.level) + 1 :]
    unit_counts = dict(
        OrgUnit.objects.filter(path__startswith=under.path, level__in=deeper)
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    for level in deeper:
        if not unit_counts.get(level):
            continue
        covered = {a for p in per_org if (a := at_level(p, level)) is not None}
        result.covered_paths[level] = covered
        result.levels.append(LevelCoverage(level, str(labels[level]), unit_counts[level], len(covered)))
    if deeper:
        counts: dict[str, int] = defaultdict(int)
        for p, n in per_org.items():
            if (child := at_level(p, deeper[0])) is not None:
                counts[child] += n
        result.children = [
            ChildCoverage(c, counts.get(c.path, 0)) for c in OrgUnit.objects.filter(parent=under).order_by("path")
        ]
        if breakdowns:
            _breakdowns(result, lectures, LEVEL_DIGITS[deeper[0]])
    return result


def _coverage_metric(basis: str) -> str:
    return "outreach.lectures_verified" if basis == "verified" else "outreach.lectures"


def _breakdowns(result: Coverage, lectures: QuerySet[Lecture], d: int) -> None:
    """Child units covered per campaign and per theme in force during the period (two grouped queries)."""
    units = len(result.children)
    per_campaign: dict[int, tuple[set, int]] = {}
    rows = (
        lectures.order_by()
        .annotate(child=Substr("org_path", 1, d))
        .values("child", "campaign_id")
        .annotate(n=Count("pk"))
        .values_list("child", "campaign_id", "n")
    )
    for child, cid, n in rows:
        if len(child) < d or cid is None:
            continue
        s, total = per_campaign.get(cid, (set(), 0))
        s.add(child)
        per_campaign[cid] = (s, total + n)
    for c in Campaign.objects.filter(active=True).order_by("sort", "pk"):
        s, n = per_campaign.get(c.pk, (set(), 0))
        result.by_campaign.append(Breakdown(c, len(s), units, n))

    themes = list(
        Theme.objects.filter(
            org_path__in=ancestors_or_self(result.under.path),
            starts_on__lte=result.period.end,
            ends_on__gte=result.period.start,
        ).order_by("starts_on", "kind", "-is_primary", "pk")
    )
    if not themes:
        return
    parents = dict(Theme.objects.filter(year__in={t.year for t in themes}).values_list("pk", "parent_id"))
    listed = {t.pk for t in themes}

    def listed_ancestors(tid):
        out = []
        seen = 0
        while tid is not None and seen < 5:
            if tid in listed:
                out.append(tid)
            tid = parents.get(tid)
            seen += 1
        return out

    per_theme: dict[int, tuple[set, int]] = {}
    rows = (
        lectures.order_by()
        .annotate(child=Substr("org_path", 1, d))
        .values("child", "theme_id")
        .annotate(n=Count("pk"))
        .values_list("child", "theme_id", "n")
    )
    for child, tid, n in rows:
        if len(child) < d:
            continue
        for anc in listed_ancestors(tid):
            s, total = per_theme.get(anc, (set(), 0))
            s.add(child)
            per_theme[anc] = (s, total + n)
    for t in themes:
        s, n = per_theme.get(t.pk, (set(), 0))
        result.by_theme.append(Breakdown(t, len(s), units, n))


def coverage_gaps(result: Coverage, level: str):
    """Units at `level` below the coverage's unit where no counted lecture was held (a queryset to page)."""
    if result.engine:
        return Counted(
            stats_coverage.gaps(_coverage_metric(result.basis), result.under, result.period.code, level),
            stats_coverage.gap_count(result.levels, level),
        )
    covered = result.covered_paths.get(level)
    if covered is None:
        return OrgUnit.objects.none()
    units = (
        OrgUnit.objects.filter(path__startswith=result.under.path, level=level)
        .select_related("parent")
        .order_by("path")
    )
    return [u for u in units if u.path not in covered]


def first_team_member(org, *, exclude=()):
    """The longest-serving member of `org`'s lecture teams (a unit's entrant in the demo contest), or None."""
    m = (
        Lecturer.objects.filter(team__org=org)
        .exclude(person_id__in=list(exclude))
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return m.person if m else None


# --- the work waiting for a user (the home page's queues) ------------------------------------------------


def awaiting_my_verification(user) -> QuerySet:
    """Held lectures the user may verify: below the units where they hold outreach.verify, not their own."""

    from jinguo.outreach.module import VERIFY

    q = Q(pk__in=[])
    for p in scope_paths(user, VERIFY):
        if len(p) == 2:  # the region verifies its leagues' records and its own
            q |= Q(org_path__startswith=p)
        elif len(p) == 4:  # a league verifies its counties' records, not its own
            q |= Q(org_path__startswith=p) & ~Q(org_path=p)
    return Lecture.objects.filter(q, state=LectureState.HELD).exclude(created_by_id=getattr(user, "pk", None))


def planned_and_past(user) -> QuerySet:
    """Planned lectures whose day has passed in the user's units: to close out as held (待补录)."""
    from django.utils import timezone

    return scoped(Lecture.objects.filter(state=LectureState.PLANNED, date__lt=timezone.localdate()), user, Perm.WRITE)


def returned_to_me(user) -> QuerySet:
    """Lectures the level above sent back, in the user's units."""
    return scoped(Lecture.objects.filter(state=LectureState.RETURNED), user, Perm.WRITE)
