"""API of village micro-governance: each line's list (the list's filters), a record, recording one, the workflow
steps (an agreement done, an item closed) and the overview of a unit's villages."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import PERIOD_PATTERN, Error, Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.periods import parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.governance import selectors as sel
from jinguo.governance import services
from jinguo.governance.lines import BY_KEY, LINES
from jinguo.governance.lists import SPECS
from jinguo.governance.models import Agreement, MicroOrg, MicroOrgKind, MicroService, SupervisionItem
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user

router = Router(tags=["governance"])
LineKey = Literal[tuple(line.key for line in LINES)]  # type: ignore[valid-type]


class GovernanceRecordOut(OrgFields):
    id: int
    line: str
    date: datetime.date
    title: str
    participants: int
    outcome: str
    state: str | None = None
    households: int | None = None
    household: str | None = None
    due: datetime.date | None = None
    raised_by: str | None = None
    kind: str | None = None
    micro_org: int | None = None

    @staticmethod
    def resolve_line(obj) -> str:
        return next(line.key for line in LINES if isinstance(obj, line.model))

    @staticmethod
    def resolve_micro_org(obj) -> int | None:
        return getattr(obj, "micro_org_id", None)


class RecordIn(Schema):
    """A record of a line; the fields a line does not have are left out. Bounds come from the models."""

    org: OrgCode
    date: datetime.date
    title: str = schema_field(MicroService, "title")
    participants: int = schema_field(MicroService, "participants", 0)
    outcome: str = schema_field(MicroService, "outcome", "")
    households: int = schema_field(MicroService, "households", 0)
    micro_org: Id | None = None
    household: str = schema_field(Agreement, "household", "")
    due: datetime.date | None = None
    raised_by: str = schema_field(SupervisionItem, "raised_by", "")
    kind: MicroOrgKind | None = None
    leader: Id | None = None
    members: list[Id] = Field([], max_length=MicroOrg.MAX_MEMBERS)


for _line in LINES:
    list_route(router, SPECS[_line.key], response=GovernanceRecordOut, path=f"/{_line.key}")


@router.get("/overview", response={200: dict, 400: Error, 404: Error})
def get_overview(
    request,
    under: str = Query(..., max_length=12, pattern=r"^[0-9]+$"),
    period: str = Query(..., pattern=PERIOD_PATTERN),
):
    """Each line's records and villages reached below `under` in the period, and each village's (or, above a
    county, each county's) figures."""
    org = get_org_for_user(request.user, under)
    data = sel.overview(org, parse_period(period))
    return {
        "under": org.code,
        "period": data.period.code,
        "lines": [
            {"line": f["line"].key, "records": f["total"], "villages": f["villages"], "covered": f["covered"]}
            for f in data.figures()
        ],
        "rows": [
            {"code": r.org.code, "name": r.org.name, **{line.key: n for line, n in zip(LINES, r.cells(), strict=True)}}
            for r in data.rows
        ],
    }


@router.get("/{key}/{record_id}", response={200: GovernanceRecordOut, 404: Error})
def get_record(request, key: LineKey, record_id: int = RecordId):
    return sel.get_record_for_user(request.user, BY_KEY[key], record_id)


def _create_route(key: str):
    line = BY_KEY[key]

    def create(request, payload: RecordIn):
        """Record one of the line: people and micro-organisations the caller may not name are refused like unknown
        ones; the fields the line does not have are left out."""
        require(request.user, Perm.WRITE)
        org = get_org_for_user(request.user, payload.org)
        data = {"date": payload.date, "title": payload.title, "participants": payload.participants}
        data["outcome"] = payload.outcome
        extra = {}
        if line.model is MicroOrg:
            data.update(kind=payload.kind, leader=payload.leader)
            extra["members"] = payload.members
        if "households" in line.extra:
            data["households"] = payload.households
        if "micro_org" in line.extra:
            data["micro_org"] = sel.resolve_micro_org(request.user, payload.micro_org)
        if "household" in line.extra:
            data.update(household=payload.household, due=payload.due)
        if "raised_by" in line.extra:
            data["raised_by"] = payload.raised_by
        record = services.record_create(key, actor=request.user, org=org, **data, **extra)
        return Status(201, sel.get_record_for_user(request.user, line, record.pk))

    create.__name__ = f"create_{key}"
    router.post(
        f"/{key}",
        response={201: GovernanceRecordOut, 400: Error, 403: Error, 404: Error},
        operation_id=f"create_governance_{key}",
    )(create)


for _key in BY_KEY:
    _create_route(_key)


class OutcomeIn(Schema):
    outcome: str = schema_field(SupervisionItem, "outcome", "")


@router.post("/supervision/{record_id}/close", response={200: GovernanceRecordOut, 400: Error, 403: Error, 404: Error})
def close_item(request, payload: OutcomeIn, record_id: int = RecordId):
    """Close a supervision item with its resolution."""
    item = sel.get_record_for_user(request.user, BY_KEY["supervision"], record_id)
    return services.supervision_close(actor=request.user, item=item, outcome=payload.outcome)


@router.post(
    "/agreements/{record_id}/complete", response={200: GovernanceRecordOut, 400: Error, 403: Error, 404: Error}
)
def complete_agreement(request, payload: OutcomeIn, record_id: int = RecordId):
    """Mark a household agreement done."""
    agreement = sel.get_record_for_user(request.user, BY_KEY["agreements"], record_id)
    return services.agreement_complete(actor=request.user, agreement=agreement, outcome=payload.outcome)
