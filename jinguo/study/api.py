"""API of joint study sessions, through the same selectors and services as the pages."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import Error, Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.study import selectors as sel
from jinguo.study import services
from jinguo.study.inputs import session_refs
from jinguo.study.lists import RECORDS, SESSIONS
from jinguo.study.models import StudyAttendance, StudyForm, StudySession

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


class RecordOut(Schema):
    """A person's learning record of the year: sessions attended, hours, and sessions per form."""

    person: int
    name: str
    org: str
    org_name: str
    sessions: int
    hours: Decimal
    forms: dict[str, int]

    @staticmethod
    def resolve_person(r) -> int:
        return r["person_id"]

    @staticmethod
    def resolve_name(r) -> str:
        return r["person__name"]

    @staticmethod
    def resolve_org(r) -> str:
        return r["person__org__code"]

    @staticmethod
    def resolve_org_name(r) -> str:
        return r["person__org__name"]

    @staticmethod
    def resolve_hours(r) -> Decimal:
        return r["hours"] or Decimal(0)

    @staticmethod
    def resolve_forms(r) -> dict[str, int]:
        return {f: r[f"n_{f}"] for f in StudyForm.values}


list_route(router, RECORDS, response=RecordOut, path="/records")


@router.get("/{session_id}", response={200: SessionDetail, 404: Error})
def get_session(request, session_id: int = RecordId):
    return sel.get_session_for_user(request.user, session_id)


@router.post("", response={201: SessionDetail, 400: Error, 403: Error, 404: Error})
def create_session(request, payload: SessionIn):
    require(request.user, Perm.WRITE)  # as the form's page
    org = get_org_for_user(request.user, payload.org)
    refs = session_refs(request.user, theme=payload.theme)
    s = services.study_session_create(
        actor=request.user,
        org=org,
        title=payload.title,
        form=payload.form,
        date=payload.date,
        hours=payload.hours,
        leader=payload.leader,
        **refs,
        materials=payload.materials,
        summary=payload.summary,
        attendance={a.person: a.status for a in payload.attendance},
    )
    return Status(201, sel.get_session_for_user(request.user, s.pk))
