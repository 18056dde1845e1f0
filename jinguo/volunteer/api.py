"""API of the volunteer service under /api/v1/volunteer/: the five lists (with the pages' filters), a volunteer's own
open shifts, sign-up, check-in and check-out, back-fill, approval and the leaderboard. Same selectors and
services as the pages; an out-of-scope id answers as an unknown one."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import PERIOD_PATTERN, Error, Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.periods import current_period, parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.selectors import get_org_for_user
from jinguo.volunteer import inputs, services
from jinguo.volunteer import selectors as sel
from jinguo.volunteer.lists import ACTIVITIES, PROJECTS, RECORDS, TEAMS, VOLUNTEERS
from jinguo.volunteer.models import ServiceRecord, Tally
from jinguo.volunteer.module import APPROVE, MANAGE, SERVE

router = Router(tags=["volunteer"])


class VolunteerTeamOut(OrgFields):
    id: int
    name: str
    founded: datetime.date | None
    members: int
    hours: float

    @staticmethod
    def resolve_members(t) -> int:
        return t.n_members

    @staticmethod
    def resolve_hours(t) -> float:
        return t.tenths / 10


class VolunteerOut(OrgFields):
    id: int
    name: str
    skills: list[str]
    areas: list[str]
    joined: datetime.date
    hours: float
    active: bool

    @staticmethod
    def resolve_name(v) -> str:
        return v.person.name

    @staticmethod
    def resolve_skills(v) -> list[str]:
        return v.skill_list

    @staticmethod
    def resolve_areas(v) -> list[str]:
        return v.area_list

    @staticmethod
    def resolve_hours(v) -> float:
        return float(v.hours_total)


class ProjectOut(OrgFields):
    id: int
    name: str
    action: str
    delivery: str
    team: int | None
    started: datetime.date
    excellent: bool
    hours: float

    @staticmethod
    def resolve_delivery(p) -> str:
        return p.delivery.name if p.delivery_id else ""

    @staticmethod
    def resolve_team(p) -> int | None:
        return p.team_id

    @staticmethod
    def resolve_hours(p) -> float:
        return p.tenths / 10


class ActivityOut(OrgFields):
    id: int
    title: str
    date: datetime.date
    project: int
    place: str
    venue: int | None
    venue_name: str | None
    shifts: int

    @staticmethod
    def resolve_venue(a) -> int | None:
        return a.venue_id

    @staticmethod
    def resolve_venue_name(a) -> str | None:
        return a.venue.name if a.venue_id else None

    @staticmethod
    def resolve_project(a) -> int:
        return a.project_id

    @staticmethod
    def resolve_shifts(a) -> int:
        return a.n_shifts


class ServiceRecordOut(OrgFields):
    id: int
    volunteer: int
    volunteer_name: str
    date: datetime.date
    hours: Decimal
    minutes: int
    state: str
    backfilled: bool
    shift: int | None
    project: int | None

    @staticmethod
    def resolve_volunteer(r) -> int:
        return r.volunteer_id

    @staticmethod
    def resolve_volunteer_name(r) -> str:
        return r.volunteer.person.name

    @staticmethod
    def resolve_shift(r) -> int | None:
        return r.shift_id

    @staticmethod
    def resolve_project(r) -> int | None:
        return r.project_id


list_route(router, TEAMS, response=VolunteerTeamOut, path="/teams")
list_route(router, VOLUNTEERS, response=VolunteerOut, path="/volunteers")
list_route(router, PROJECTS, response=ProjectOut, path="/projects")
list_route(router, ACTIVITIES, response=ActivityOut, path="/activities")
list_route(router, RECORDS, response=ServiceRecordOut, path="/records")


# --- a volunteer's own -----------------------------------------------------------------------------------------


class ShiftOut(Schema):
    id: int
    activity: str
    project: str
    org: str
    org_name: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    needed: int
    signed_up: int
    mine: bool
    checked_in: bool

    @staticmethod
    def resolve_activity(s) -> str:
        return s.activity.title

    @staticmethod
    def resolve_project(s) -> str:
        return s.activity.project.name

    @staticmethod
    def resolve_org(s) -> str:
        return s.org.code

    @staticmethod
    def resolve_org_name(s) -> str:
        return s.org.name

    @staticmethod
    def resolve_signed_up(s) -> int:
        return s.n_signed

    @staticmethod
    def resolve_mine(s) -> bool:
        return bool(s.signed)


def _own(request):
    require(request.user, SERVE)
    v = sel.own_volunteer(request.user)
    if v is None:
        raise Http404
    return v


def _own_shift(v, shift_id: int):
    shift = sel.open_shifts(v, days=400).filter(pk=shift_id).first()
    if shift is None:
        raise Http404
    return shift


@router.get("/me/shifts", response={200: list[ShiftOut], 403: Error, 404: Error}, operation_id="volunteer_my_shifts")
def my_shifts(request):
    """The caller's teams' shifts that have not ended (the next 30 days): she is a volunteer with a login."""
    return list(sel.open_shifts(_own(request))[:200])


@router.get(
    "/me/records", response={200: list[ServiceRecordOut], 403: Error, 404: Error}, operation_id="volunteer_my_records"
)
def my_records(request):
    """The caller's own service records, newest first (at most 200)."""
    return list(sel.my_records(_own(request)).select_related("volunteer__person")[:200])


@router.post(
    "/shifts/{shift_id}/signup",
    response={201: ShiftOut, 400: Error, 403: Error, 404: Error},
    operation_id="volunteer_signup",
)
def signup(request, shift_id: int = RecordId):
    v = _own(request)
    services.signup_create(actor=request.user, shift=_own_shift(v, shift_id))
    return Status(201, _own_shift(v, shift_id))


class CodeIn(Schema):
    code: str = Field(..., min_length=1, max_length=12, pattern=r"^[^\x00]*$", description="the shift's 6-digit code")


class CheckinIn(CodeIn):
    volunteer: Id | None = Field(None, description="for a cadre checking in a volunteer of her units; empty: oneself")


def _shift_for_checkin(request, shift_id: int, volunteer):
    if volunteer is None:
        return _own_shift(_own(request), shift_id), None
    shift = sel.get_shift_for_user(request.user, shift_id)
    require(request.user, MANAGE, shift.org_path)
    return shift, inputs.volunteer_ref(request.user, volunteer)


@router.post(
    "/shifts/{shift_id}/checkin",
    response={201: ServiceRecordOut, 400: Error, 403: Error, 404: Error, 429: Error},
    operation_id="volunteer_checkin",
)
def checkin(request, payload: CheckinIn, shift_id: int = RecordId):
    """Check in with the shift's code, from 30 minutes before it starts until it ends; refused twice, after the
    end, or while checked in to an overlapping shift."""
    shift, volunteer = _shift_for_checkin(request, shift_id, payload.volunteer)
    try:
        r = services.checkin(actor=request.user, shift=shift, code=payload.code, volunteer=volunteer)
    except services.RateLimited as e:
        return Status(429, {"detail": str(e)})
    return Status(201, r)


def _record_for_checkout(request, record_id: int) -> ServiceRecord:
    r = sel.get_record_for_user(request.user, record_id)
    if r.shift_id is None:
        raise Http404
    return r


@router.post(
    "/records/{record_id}/checkout",
    response={200: ServiceRecordOut, 400: Error, 403: Error, 404: Error, 429: Error},
    operation_id="volunteer_checkout",
)
def checkout(request, payload: CodeIn, record_id: int = RecordId):
    """Check out with the shift's code; hours count when at least 60 per cent of the shift was attended."""
    r = _record_for_checkout(request, record_id)
    try:
        return services.checkout(actor=request.user, record=r, code=payload.code)
    except services.RateLimited as e:
        return Status(429, {"detail": str(e)})


# --- back-fill and approval ------------------------------------------------------------------------------------


class BackfillIn(Schema):
    volunteer: Id
    org: str = Field(..., min_length=6, max_length=12, pattern=r"^[0-9]+$")
    date: datetime.date
    hours: Decimal = Field(..., gt=0, le=12, max_digits=4, decimal_places=1)
    note: str = schema_field(ServiceRecord, "note")
    team: Id | None = None
    project: Id | None = None


@router.post(
    "/backfills",
    response={201: ServiceRecordOut, 400: Error, 403: Error, 404: Error},
    operation_id="volunteer_backfill",
)
def backfill(request, payload: BackfillIn):
    """Back-filled hours of a volunteer of the caller's units, waiting for the level above; capped per month."""
    require(request.user, MANAGE)
    org = get_org_for_user(request.user, payload.org)
    r = services.backfill_create(
        actor=request.user,
        volunteer=inputs.volunteer_ref(request.user, payload.volunteer),
        org=org,
        date=payload.date,
        hours=payload.hours,
        note=payload.note,
        team=inputs.team_ref(request.user, payload.team),
        project=inputs.project_ref(request.user, payload.project, required=False),
    )
    return Status(201, r)


class DeclineIn(Schema):
    reason: str = schema_field(ServiceRecord, "decision_reason")


@router.post(
    "/records/{record_id}/approve",
    response={200: ServiceRecordOut, 400: Error, 403: Error, 404: Error},
    operation_id="volunteer_approve",
)
def approve(request, record_id: int = RecordId):
    require(request.user, APPROVE)
    return services.record_approve(actor=request.user, record=sel.get_record_for_user(request.user, record_id))


@router.post(
    "/records/{record_id}/decline",
    response={200: ServiceRecordOut, 400: Error, 403: Error, 404: Error},
    operation_id="volunteer_decline",
)
def decline(request, payload: DeclineIn, record_id: int = RecordId):
    require(request.user, APPROVE)
    r = sel.get_record_for_user(request.user, record_id)
    return services.record_decline(actor=request.user, record=r, reason=payload.reason)


class BulkIn(Schema):
    records: list[Id] = Field(..., min_length=1, max_length=500)


class BulkOut(Schema):
    approved: int
    refused: dict[str, str]


@router.post("/approvals", response={200: BulkOut, 403: Error}, operation_id="volunteer_approve_many")
def approve_many(request, payload: BulkIn):
    """Approve many waiting records at once; those the caller may not approve, or that were decided first, are
    listed with the reason (an id that is not waiting for the caller is simply not approved)."""
    require(request.user, APPROVE)
    chosen = list(sel.awaiting_my_approval(request.user).filter(pk__in=payload.records))
    result = services.records_approve(actor=request.user, records=chosen)
    return {"approved": result["approved"], "refused": {str(r.pk): why for r, why in result["refused"]}}


# --- leaderboard -----------------------------------------------------------------------------------------------


class BoardRow(Schema):
    rank: int
    id: int
    name: str
    org: str
    hours: float


class BoardParams(Schema):
    kind: Tally.Kind = Tally.Kind.VOLUNTEER
    period: str | None = Field(None, pattern=PERIOD_PATTERN, description="2026, 2026Q3 or 2026-07; default: this year")
    under: str | None = Field(None, max_length=12, pattern=r"^[0-9]+$")
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "/leaderboard", response={200: list[BoardRow], 403: Error, 404: Error}, operation_id="volunteer_leaderboard"
)
def leaderboard(request, params: Query[BoardParams]):
    """Approved hours ranked: volunteers, teams or projects of the caller's units in a period."""
    require(request.user, Perm.READ)
    period = parse_period(params.period) if params.period else current_period("year", timezone.localdate())
    under = get_org_for_user(request.user, params.under) if params.under else None
    rows = sel.leaderboard(
        request.user, kind=params.kind, period=period.code, under_path=under.path if under else None, limit=params.limit
    )
    return [
        {"rank": r["rank"], "id": r["obj"].pk, "name": str(r["obj"]), "org": r["obj"].org.code, "hours": r["hours"]}
        for r in rows
        if r["obj"] is not None
    ]
