"""API of the outreach module: teams, lectures and coverage, through the same selectors and services."""

import datetime
from typing import Annotated, Literal

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from jinguo.api.lists import list_route
from jinguo.api.params import (
    MAX_CODES,
    PERIOD_PATTERN,
    ConfirmCode,
    Error,
    Id,
    LevelOut,
    OrgFields,
    Pagination,
    RecordId,
)
from jinguo.core.bounds import MAX_ID, schema_field
from jinguo.core.periods import parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.outreach import selectors as sel
from jinguo.outreach import services
from jinguo.outreach.inputs import lecture_refs
from jinguo.outreach.lists import LECTURES, TEAMS
from jinguo.outreach.models import Lecture, LectureFormat, LectureKind, LectureTeam
from jinguo.planning.selectors import get_theme_for_user

teams_router = Router(tags=["outreach"])
lectures_router = Router(tags=["outreach"])
coverage_router = Router(tags=["outreach"])


# --- teams ---------------------------------------------------------------------------------------


class TeamOut(OrgFields):
    id: int
    name: str
    level: str
    members: int

    @staticmethod
    def resolve_level(obj) -> str:
        return obj.org.level

    @staticmethod
    def resolve_members(obj) -> int:
        return getattr(obj, "n_members", 0)


class MemberOut(Schema):
    person: int
    name: str
    languages: str
    active: bool
    categories: list[str]
    topics: list[str]

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_categories(obj) -> list[str]:
        return [c.name for c in obj.categories.all()]

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.name for t in obj.topics.all()]


class TeamDetail(TeamOut):
    description: str
    lecturers: list[MemberOut]

    @staticmethod
    def resolve_lecturers(obj) -> list:
        return list(sel.team_members(obj))


class TeamIn(Schema):
    org: OrgCode
    name: str = schema_field(LectureTeam, "name")
    description: str = schema_field(LectureTeam, "description", "")


list_route(teams_router, TEAMS, response=TeamOut)


@teams_router.get("/{team_id}", response={200: TeamDetail, 404: Error})
def get_team(request, team_id: int = RecordId):
    team = sel.get_team_for_user(request.user, team_id)
    team.n_members = team.members.count()
    return team


@teams_router.post("", response={201: TeamOut, 400: Error, 403: Error, 404: Error})
def create_team(request, payload: TeamIn):
    org = get_org_for_user(request.user, payload.org)
    team = services.team_create(actor=request.user, org=org, name=payload.name, description=payload.description)
    team.n_members = 0
    return Status(201, team)


# --- lectures ------------------------------------------------------------------------------------

# Times of day go out as local "HH:MM" and come in as text the service parses (14:30, 14.30, 14:30-16:00).
TimeOfDay = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["14:30"])]
TimeText = Annotated[str, Field(max_length=40, examples=["14:30", "14:30-16:00"])]


def _hh_mm(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


class LectureOut(OrgFields):
    id: int
    title: str
    kind: str
    date: datetime.date
    start_time: TimeOfDay | None
    end_time: TimeOfDay | None
    place: str
    venue: int | None
    venue_name: str | None
    team: int | None
    theme: int
    theme_title: str
    topic: str
    campaign: str | None
    formats: list[str]
    audience_group: str
    audience_count: int | None
    mode: str
    online_views: int
    language: str
    state: str
    lecturers: list[int]

    @staticmethod
    def resolve_start_time(obj) -> str | None:
        return _hh_mm(obj.start_time)

    @staticmethod
    def resolve_end_time(obj) -> str | None:
        return _hh_mm(obj.end_time)

    @staticmethod
    def resolve_team(obj) -> int | None:
        return obj.team_id

    @staticmethod
    def resolve_venue(obj) -> int | None:
        return obj.venue_id

    @staticmethod
    def resolve_venue_name(obj) -> str | None:
        return obj.venue.name if obj.venue_id else None

    @staticmethod
    def resolve_theme(obj) -> int:
        return obj.theme_id

    @staticmethod
    def resolve_theme_title(obj) -> str:
        return obj.theme.title

    @staticmethod
    def resolve_topic(obj) -> str:
        return obj.topic.name

    @staticmethod
    def resolve_campaign(obj) -> str | None:
        return obj.campaign.name if obj.campaign_id else None

    @staticmethod
    def resolve_audience_group(obj) -> str:
        return obj.audience_group.name

    @staticmethod
    def resolve_lecturers(obj) -> list[int]:
        return [p.pk for p in obj.lecturers.all()]


class LectureIn(Schema):
    """Bounds of every number, text and list come from the Lecture model."""

    org: OrgCode
    title: str = schema_field(Lecture, "title")
    date: datetime.date
    theme: Id
    topic: Id
    audience_group: Id
    lecturers: list[Id] = Field(..., max_length=Lecture.MAX_LECTURERS)
    kind: Literal[tuple(LectureKind.values)] = LectureKind.LECTURE  # type: ignore[valid-type]
    start_time: TimeText | None = Field(None, description="Local time such as 14:30, or a range 14:30-16:00")
    end_time: TimeText | None = Field(None, description="Local time such as 16:00; optional")
    place: str = schema_field(Lecture, "place", "")
    team: Id | None = None
    venue: Id | None = Field(None, description="The publicity venue it was held at (GET /api/v1/venues)")
    campaign: Id | None = None
    formats: list[Literal[tuple(LectureFormat.values)]] = Field(  # type: ignore[valid-type]
        [], max_length=len(LectureFormat.values)
    )
    audience_count: int | None = schema_field(Lecture, "audience_count", None)
    mode: Literal["offline", "online", "hybrid"] = "offline"
    online_views: int = schema_field(Lecture, "online_views", 0)
    language: Literal["zh", "mn", "both"] = "zh"
    summary: str = schema_field(Lecture, "summary", "")
    held: bool = False
    confirm: list[ConfirmCode] = Field(
        [], max_length=MAX_CODES, description="Codes of the cautions a 409 answer listed, once checked"
    )


list_route(lectures_router, LECTURES, response=LectureOut)


@lectures_router.get("/{lecture_id}", response={200: LectureOut, 404: Error})
def get_lecture(request, lecture_id: int = RecordId):
    return sel.get_lecture_for_user(request.user, lecture_id)


@lectures_router.post("", response={201: LectureOut, 400: Error, 403: Error, 404: Error, 409: Error})
def create_lecture(request, payload: LectureIn):
    """Record a lecture: ids the caller may not name are refused as the form and the import refuse them."""
    require(request.user, Perm.WRITE)  # as the form's page: who may record nothing is told so first
    org = get_org_for_user(request.user, payload.org)
    refs = lecture_refs(
        request.user,
        team=payload.team,
        theme=payload.theme,
        topic=payload.topic,
        campaign=payload.campaign,
        audience_group=payload.audience_group,
        venue=payload.venue,
    )
    lec = services.lecture_create(
        actor=request.user,
        org=org,
        held=payload.held,
        title=payload.title,
        kind=payload.kind,
        date=payload.date,
        start_time=payload.start_time,
        end_time=payload.end_time,
        place=payload.place,
        lecturer_ids=payload.lecturers,
        formats=payload.formats,
        audience_count=payload.audience_count,
        mode=payload.mode,
        online_views=payload.online_views,
        language=payload.language,
        summary=payload.summary,
        confirm=payload.confirm,
        **refs,
    )
    return Status(201, sel.get_lecture_for_user(request.user, lec.pk))


@lectures_router.post("/{lecture_id}/verify", response={200: LectureOut, 400: Error, 403: Error, 404: Error})
def verify_lecture(request, lecture_id: int = RecordId):
    """The level above verifies a held lecture."""
    lec = sel.get_lecture_for_user(request.user, lecture_id)
    services.lecture_verify(actor=request.user, lecture=lec)
    return sel.get_lecture_for_user(request.user, lecture_id)


# --- coverage ------------------------------------------------------------------------------------


class ChildOut(Schema):
    code: str
    name: str
    level: str
    count: int
    covered: bool


class CoverageOut(Schema):
    under: str
    under_name: str
    period: str
    start: datetime.date
    end: datetime.date
    basis: str
    lectures: int
    children: list[ChildOut]
    levels: list[LevelOut]


class GapOut(Schema):
    code: str
    name: str
    parent: str
    parent_name: str

    @staticmethod
    def resolve_parent(unit) -> str:
        return unit.parent.code if unit.parent_id else ""

    @staticmethod
    def resolve_parent_name(unit) -> str:
        return unit.parent.name if unit.parent_id else ""


@coverage_router.get("", response={200: CoverageOut, 400: Error, 404: Error})
def get_coverage(
    request,
    under: str,
    period: str = Query(..., pattern=PERIOD_PATTERN),
    theme: int | None = Query(None, ge=1, le=MAX_ID),
    campaign: int | None = Query(None, ge=1, le=MAX_ID),
    basis: Literal["verified", "reported"] = "verified",
):
    """Each child unit of `under` with its count of lectures in the period, and the coverage per level.

    `period` is a year (2026), a quarter (2026Q3) or a month (2026-07). Lectures count when verified
    (basis=reported: held or verified); a unit is covered when one was held at it or below it.
    """
    org = get_org_for_user(request.user, under)
    p = parse_period(period)
    t = get_theme_for_user(request.user, theme) if theme is not None else None
    c = sel.get_campaign(campaign) if campaign is not None else None
    result = sel.coverage(org, p, theme=t, campaign=c, basis=basis)
    return {
        "under": org.code,
        "under_name": org.name,
        "period": p.code,
        "start": p.start,
        "end": p.end,
        "basis": basis,
        "lectures": result.lectures,
        "children": [
            {"code": ch.org.code, "name": ch.org.name, "level": ch.org.level, "count": ch.count, "covered": ch.covered}
            for ch in result.children
        ],
        "levels": [
            {"level": lv.level, "units": lv.units, "covered": lv.covered, "percent": lv.percent} for lv in result.levels
        ],
    }


@coverage_router.get("/gaps", response={200: list[GapOut], 400: Error, 404: Error})
@paginate(Pagination)
def get_gaps(
    request,
    under: str,
    level: Literal["league", "county", "town", "village"],
    period: str = Query(..., pattern=PERIOD_PATTERN),
    basis: Literal["verified", "reported"] = "verified",
):
    """Units at `level` below `under` where no lecture was held in the period."""
    org = get_org_for_user(request.user, under)
    result = sel.coverage(org, parse_period(period), basis=basis)
    return sel.coverage_gaps(result, level)  # paged in SQL, counted from the coverage counters
