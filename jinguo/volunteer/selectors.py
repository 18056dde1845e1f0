"""Reads of the volunteer service, scoped to the acting user. A volunteer (the volunteer role) reads only her own
records and her teams' open shifts; cadres read their units' subtree; the public reads public projects only."""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from jinguo.core.paths import LEVEL_DIGITS, TOP_LEVEL, level_of
from jinguo.core.scope import get_for_user, scope_paths, scoped, scoped_with_lineage
from jinguo.volunteer.models import (
    Activity,
    Application,
    Deed,
    DeliveryCategory,
    Project,
    RecordState,
    ServiceRecord,
    Shift,
    SignUp,
    Tally,
    Team,
    TeamMember,
    Volunteer,
)
from jinguo.volunteer.module import APPROVE

# --- teams, volunteers, projects ---------------------------------------------------------------------------------


def team_list(user) -> QuerySet[Team]:
    """The teams of the user's units, each with its active members counted by a subquery (only the page's rows)."""
    members = (
        TeamMember.objects.filter(team=OuterRef("pk"), active=True)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        scoped(Team.objects.select_related("org", "leader"), user)
        .annotate(n_members=Coalesce(Subquery(members, output_field=IntegerField()), 0))
        .order_by("org_path", "name")
    )


def team_choices(user) -> QuerySet[Team]:
    """Teams a project or a back-fill may name: of the user's units, below them and above them."""
    return scoped_with_lineage(Team.objects.select_related("org").filter(active=True), user).order_by(
        "org_path", "name"
    )


def get_team_for_user(user, pk, *, write: bool = False) -> Team:
    return get_for_user(Team.objects.select_related("org", "leader"), user, pk, write=write)


def team_members(team: Team) -> QuerySet[TeamMember]:
    return (
        TeamMember.objects.filter(team=team, active=True)
        .select_related("volunteer__person", "volunteer__org")
        .order_by("volunteer__person__name", "pk")
    )


def volunteer_list(user) -> QuerySet[Volunteer]:
    return scoped(Volunteer.objects.select_related("person", "org"), user).order_by("org_path", "pk")


def get_volunteer_for_user(user, pk, *, write: bool = False) -> Volunteer:
    return get_for_user(Volunteer.objects.select_related("person", "org", "user"), user, pk, write=write)


def volunteer_teams(volunteer: Volunteer) -> list[Team]:
    return list(
        Team.objects.filter(members__volunteer=volunteer, members__active=True).select_related("org").order_by("name")
    )


def project_list(user) -> QuerySet[Project]:
    return scoped(Project.objects.select_related("org", "team", "delivery"), user).order_by("org_path", "name")


def project_choices(user) -> QuerySet[Project]:
    """Projects an activity may serve: of the user's units, below and above them (a region's project in a village)."""
    return scoped_with_lineage(Project.objects.select_related("org").filter(active=True), user).order_by(
        "org_path", "name"
    )


def get_project_for_user(user, pk, *, write: bool = False) -> Project:
    return get_for_user(
        Project.objects.select_related("org", "team", "delivery"), user, pk, write=write, lineage=not write
    )


def categories() -> QuerySet[DeliveryCategory]:
    return DeliveryCategory.objects.filter(active=True).order_by("sort", "pk")


# --- activities and shifts ---------------------------------------------------------------------------------------


def activity_list(user) -> QuerySet[Activity]:
    return scoped(Activity.objects.select_related("org", "project", "venue"), user).order_by("-date", "-pk")


def get_activity_for_user(user, pk, *, write: bool = False) -> Activity:
    return get_for_user(Activity.objects.select_related("org", "project__team", "venue"), user, pk, write=write)


def activities_at_venue(user, venue, *, limit: int = 20) -> tuple[list[Activity], int]:
    """The latest volunteer activities held at a venue that the user reads, and how many there are: two queries."""
    qs = scoped(Activity.objects.filter(venue=venue).select_related("org", "project"), user).order_by("-date", "-pk")
    return list(qs[:limit]), qs.count()


def activity_shifts(activity: Activity) -> list[Shift]:
    return list(
        activity.shifts.annotate(
            n_signed=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            n_in=Count("records", distinct=True),
        ).order_by("starts_at", "pk")
    )


def attach_rosters(shifts: list[Shift]) -> None:
    """Each shift's `roster`: its signed-up volunteers and whoever checked in, with their record (or None), for
    the cadre who checks in the volunteers without a phone. Two queries for all the shifts."""
    from jinguo.volunteer.models import ServiceRecord, SignUp

    ids = [s.pk for s in shifts]
    records = {
        (r.shift_id, r.volunteer_id): r
        for r in ServiceRecord.objects.filter(shift_id__in=ids).select_related("volunteer__person")
    }
    people: dict[int, dict[int, Volunteer]] = {pk: {} for pk in ids}
    for su in SignUp.objects.filter(shift_id__in=ids, cancelled_at__isnull=True).select_related("volunteer__person"):
        people[su.shift_id][su.volunteer_id] = su.volunteer
    for (shift_id, volunteer_id), r in records.items():
        people[shift_id].setdefault(volunteer_id, r.volunteer)
    for s in shifts:
        s.roster = sorted(
            ((v, records.get((s.pk, v.pk))) for v in people[s.pk].values()), key=lambda p: (p[0].person.name, p[0].pk)
        )


def get_shift_for_user(user, pk, *, write: bool = False) -> Shift:
    return get_for_user(Shift.objects.select_related("activity__project", "org"), user, pk, write=write)


# --- a volunteer's own -------------------------------------------------------------------------------------------


def own_volunteer(user) -> Volunteer | None:
    if getattr(user, "pk", None) is None:
        return None
    return Volunteer.objects.select_related("person", "org").filter(user_id=user.pk, active=True).first()


def open_shifts(volunteer: Volunteer, *, days: int = 30) -> QuerySet[Shift]:
    """Her teams' shifts that have not ended, for the next `days` days, with the places taken and whether she is
    signed up (a project without a team offers its shifts to the volunteers of its unit's subtree)."""
    now = timezone.now()
    teams = TeamMember.objects.filter(volunteer=volunteer, active=True).values("team_id")
    mine = SignUp.objects.filter(shift=OuterRef("pk"), volunteer=volunteer, cancelled_at__isnull=True)
    checked = ServiceRecord.objects.filter(shift=OuterRef("pk"), volunteer=volunteer)
    no_team = Q(activity__project__team__isnull=True)
    no_team_paths = Q()
    for depth in LEVEL_DIGITS.values():  # the project's unit is one of her unit's ancestors, or her unit
        if depth <= len(volunteer.org_path):
            no_team_paths |= Q(activity__project__org_path=volunteer.org_path[:depth])
    return (
        Shift.objects.filter(
            Q(activity__project__team_id__in=teams) | (no_team & no_team_paths),
            cancelled=False,
            ends_at__gt=now,
            starts_at__lt=now + datetime.timedelta(days=days),
        )
        .select_related("activity__project", "org")
        .annotate(
            n_signed=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            signed=Exists(mine),
            checked_in=Exists(checked),
        )
        .order_by("starts_at", "pk")
    )


def my_records(volunteer: Volunteer) -> QuerySet[ServiceRecord]:
    return (
        ServiceRecord.objects.filter(volunteer=volunteer)
        .select_related("shift__activity", "project", "org")
        .order_by("-date", "-pk")
    )


def my_open_record(volunteer: Volunteer, shift: Shift) -> ServiceRecord | None:
    return ServiceRecord.objects.filter(volunteer=volunteer, shift=shift).first()


# --- service records ---------------------------------------------------------------------------------------------


def record_list(user) -> QuerySet[ServiceRecord]:
    return scoped(
        ServiceRecord.objects.select_related("volunteer__person", "org", "project", "team", "shift"), user
    ).order_by("-date", "-pk")


def get_record_for_user(user, pk) -> ServiceRecord:
    """A record of the user's units, or one of her own (a volunteer); 404 otherwise, as for an unknown id."""
    qs = ServiceRecord.objects.select_related(
        "volunteer__person", "volunteer__org", "org", "project", "team", "shift__activity", "created_by", "decided_by"
    )
    own = own_volunteer(user)
    if own is not None:
        from jinguo.core.bounds import record_id

        found = qs.filter(pk=record_id(pk) or 0, volunteer=own).first()
        if found is not None:
            return found
    return get_for_user(qs, user, pk)


def approvable_q(user) -> Q | None:
    """Records the user may approve: their reporting unit (the county of a village) is strictly below a unit
    where the user holds `volunteer.approve`; the region approves its own too (core.workflow.may_check)."""
    q = None
    for p in scope_paths(user, APPROVE):
        level = level_of(p)
        if level == TOP_LEVEL or p == "":
            part = Q(org_path__startswith=p)
        elif len(p) < LEVEL_DIGITS["county"]:
            part = Q(org_path__startswith=p) & ~Q(org_path=p)
        else:
            continue
        q = part if q is None else q | part
    return q


def awaiting_my_approval(user) -> QuerySet[ServiceRecord]:
    q = approvable_q(user)
    if q is None:
        return ServiceRecord.objects.none()
    return (
        ServiceRecord.objects.filter(q, state=RecordState.PENDING)
        .select_related("volunteer__person", "org", "project", "team")
        .order_by("date", "pk")
    )


# --- leaderboards and totals -------------------------------------------------------------------------------------


def leaderboard(user, *, kind: str, period: str, under_path: str | None = None, limit: int = 20) -> list[dict]:
    """The top volunteers, teams or projects by approved hours in a period, within the user's units (or `under`):
    one indexed read of the tallies and one of the names."""
    qs = scoped(Tally.objects.filter(kind=kind, period=period, tenths__gt=0), user)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    rows = list(qs.order_by("-tenths", "ref").values("ref", "tenths", "org_path")[:limit])
    model = {Tally.Kind.VOLUNTEER: Volunteer, Tally.Kind.TEAM: Team, Tally.Kind.PROJECT: Project}[kind]
    related = ["person", "org"] if model is Volunteer else ["org"]
    objs = model.objects.select_related(*related).in_bulk([r["ref"] for r in rows])
    return [{"obj": objs.get(r["ref"]), "hours": r["tenths"] / 10, "rank": i} for i, r in enumerate(rows, start=1)]


def hours_of(kind: str, refs, period: str = Tally.ALL) -> dict[int, float]:
    """Approved hours of the given volunteers, teams or projects in a period, by id (one query)."""
    rows = Tally.objects.filter(kind=kind, ref__in=list(refs), period=period).values_list("ref", "tenths")
    return {ref: tenths / 10 for ref, tenths in rows}


def certificate_records(volunteer: Volunteer, start: datetime.date, end: datetime.date) -> QuerySet[ServiceRecord]:
    return (
        ServiceRecord.objects.filter(volunteer=volunteer, state=RecordState.APPROVED, date__range=(start, end))
        .select_related("project", "org")
        .order_by("date", "pk")
    )


# --- applications, deeds -----------------------------------------------------------------------------------------


def application_list(user) -> QuerySet[Application]:
    return scoped(Application.objects.select_related("project", "org"), user).order_by("-pk")


def get_application_for_user(user, pk, *, write: bool = False) -> Application:
    return get_for_user(Application.objects.select_related("project"), user, pk, write=write)


def deed_list(user, *, year: int | None = None) -> QuerySet[Deed]:
    qs = scoped(Deed.objects.select_related("org"), user)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org_path", "pk")


def get_deed_for_user(user, pk, *, write: bool = False) -> Deed:
    return get_for_user(Deed.objects.select_related("org"), user, pk, write=write)


def deeds_progress(user, *, year: int, under_path: str | None = None) -> dict:
    """The year's deeds of the user's units (or below `under`): how many, done, and the target met in all."""
    from django.db.models import Sum

    qs = deed_list(user, year=year)
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    agg = qs.aggregate(n=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False)), target=Sum("target"))
    progress = qs.aggregate(p=Sum("progress"))["p"] or 0
    target = agg["target"] or 0
    return {
        "deeds": agg["n"],
        "done": agg["done"],
        "target": target,
        "progress": progress,
        "percent": min(100, int(progress * 100 / target)) if target else 0,
    }


# --- public ------------------------------------------------------------------------------------------------------


def public_projects() -> QuerySet[Project]:
    return (
        Project.objects.filter(public=True, active=True)
        .select_related("org", "team", "delivery")
        .order_by("-excellent", "org_path", "name")
    )


def public_project(pk) -> Project:
    from jinguo.core.bounds import record_id

    found = public_projects().filter(pk=record_id(pk) or 0).first()
    if found is None:
        raise Http404
    return found
