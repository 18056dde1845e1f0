"""API of joint study sessions, through the same selectors and services as the pages."""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import Error, Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.planning.selectors import get_theme_for_user
from jinguo.study import selectors as sel
from jinguo.study import services
from jinguo.study.lists import SESSIONS
from jinguo.study.models import StudyAttendance, StudySession

router = Router(tags=["study"])


class AttendanceOut(Schema):
    person: int
    name: str
    status: str

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


class SessionOut(OrgFields):
    id: int
    title: str
    form: str
    date: datetime.date
    hours: Decimal
    theme: int
    leader: int | None
    materials: list[str]

    @staticmethod
    def resolve_theme(obj) -> int:
        return obj.theme_id

    @staticmethod
    def resolve_leader(obj) -> int | None:
        return obj.leader_id

    @staticmethod
    def resolve_materials(obj) -> list[str]:
        return obj.material_list


class SessionDetail(SessionOut):
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_attendance(obj) -> list:
        return list(sel.session_attendance(obj))


class AttendanceIn(Schema):
    person: Id
    status: Literal["present", "leave", "absent"] = "present"


class SessionIn(Schema):
    """Bounds of every number, text and list come from the StudySession and StudyAttendance models."""

    org: OrgCode
    title: str = schema_field(StudySession, "title")
    form: Literal["led", "discussion", "self", "tutorial"]
    date: datetime.date
    hours: Decimal = schema_field(StudySession, "hours")
    theme: Id
    leader: Id | None = None
    materials: str = schema_field(StudySession, "materials", "")
    summary: str = schema_field(StudySession, "summary", "")
    attendance: list[AttendanceIn] = Field([], max_length=StudyAttendance.MAX_PER_SESSION)


list_route(router, SESSIONS, response=SessionOut)


@router.get("/{session_id}", response={200: SessionDetail, 404: Error})
def get_session(request, session_id: int = RecordId):
    return sel.get_session_for_user(request.user, session_id)


@router.post("", response={201: SessionDetail, 400: Error, 403: Error, 404: Error})
def create_session(request, payload: SessionIn):
    org = get_org_for_user(request.user, payload.org)
    try:
        theme = get_theme_for_user(request.user, payload.theme)
    except Http404:
        theme = None
    s = services.study_session_create(
        actor=request.user,
        org=org,
        title=payload.title,
        form=payload.form,
        date=payload.date,
        hours=payload.hours,
        theme=theme,
        leader=payload.leader,
        materials=payload.materials,
        summary=payload.summary,
        attendance={a.person: a.status for a in payload.attendance},
    )
    return Status(201, sel.get_session_for_user(request.user, s.pk))
