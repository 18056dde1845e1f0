"""API of the opinion module: the push endpoint, the mentions and alerts lists, an alert's acknowledgement."""

import datetime

from ninja import Field, Router, Schema

from jinguo.api.lists import list_route
from jinguo.api.params import Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.scope import require
from jinguo.opinion import selectors as sel
from jinguo.opinion import services
from jinguo.opinion.lists import ALERTS, MENTIONS
from jinguo.opinion.models import Alert
from jinguo.opinion.module import MONITOR

mentions_router = Router(tags=["opinion"])
opinion_router = Router(tags=["opinion"])


class ItemIn(Schema):
    """One mention. Bounds are the model's; a wrong value of one item is answered for that item only."""

    url: str = Field(..., max_length=2000)
    title: str = Field("", max_length=2000)
    text: str = Field("", max_length=20000)
    author: str = Field("", max_length=2000)
    published_at: str | None = Field(None, max_length=40, description="ISO 8601, such as 2026-07-15T08:30:00+08:00")
    reach: int = Field(0, ge=-(2**31), le=2**31, description="readers, views or followers reached (0–1,000,000,000)")


class PushIn(Schema):
    source: Id = Field(..., description="the id of a source of your units")
    items: list[ItemIn] = Field(..., max_length=services.MAX_BATCH, description="at most 1,000 mentions")


class ItemOut(Schema):
    index: int
    status: str = Field(..., description="created, exists (the source already has this address) or invalid")
    id: int | None = None
    errors: dict = {}


class PushOut(Schema):
    created: int
    exists: int
    invalid: int
    items: list[ItemOut]


@mentions_router.post("", response={200: PushOut}, operation_id="push_mentions")
def push_mentions(request, data: PushIn):
    """Push a batch of up to 1,000 mentions for one source. Idempotent on source and address: an address the source
    already has is answered `exists` with its id and nothing changes. Each item gets its own answer."""
    require(request.user, MONITOR)
    source = sel.get_source_for_user(request.user, data.source)
    answers = services.mentions_ingest(
        actor=request.user, source=source, items=[i.dict() for i in data.items], channel="api"
    )
    count = {s: sum(a.status == s for a in answers) for s in ("created", "exists", "invalid")}
    return {**count, "items": [{"index": a.index, "status": a.status, "id": a.id, "errors": a.errors} for a in answers]}


class MentionOut(OrgFields):
    id: int
    source: str
    url: str
    title: str
    author: str
    published_at: datetime.datetime
    reach: int
    sentiment: str
    score: float
    topics: list
    story: int | None

    @staticmethod
    def resolve_source(m):
        return m.source.name

    @staticmethod
    def resolve_story(m):
        return m.story_id


list_route(mentions_router, MENTIONS, response=MentionOut)


class AlertOut(OrgFields):
    id: int
    level: str
    state: str
    reason: str
    story: int
    story_title: str
    raised_at: datetime.datetime
    due_at: datetime.datetime

    @staticmethod
    def resolve_story(a):
        return a.story_id

    @staticmethod
    def resolve_story_title(a):
        return a.story.title


list_route(opinion_router, ALERTS, response=AlertOut, path="/alerts")


class AckIn(Schema):
    note: str = schema_field(Alert, "note", "")


@opinion_router.post("/alerts/{pk}/acknowledge", response=AlertOut, operation_id="acknowledge_alert")
def acknowledge_alert(request, pk: int = RecordId, data: AckIn | None = None):
    """Acknowledge an alert of your units (ends its reminders and escalation)."""
    alert = sel.get_alert_for_user(request.user, pk)
    return services.alert_acknowledge(actor=request.user, alert=alert, note=(data.note if data else ""))
