"""API of publication distribution: publications, progress and rankings, subscriptions (list, record, remove),
through the same selectors and services as the pages."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import Error, Id, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.publications import selectors as sel
from jinguo.publications import services
from jinguo.publications.lists import SUBSCRIPTIONS
from jinguo.publications.models import Subscription

publications_router = Router(tags=["publications"])
subscriptions_router = Router(tags=["publications"])


class PublicationOut(OrgFields):
    id: int
    title: str
    kind: str
    unit_price: Decimal
    year: int
    active: bool
    national_rank: int | None
    national_note: str


@publications_router.get("", response=list[PublicationOut])
def list_publications(request, year: int | None = Query(None, ge=2000, le=2100)):
    """The publications the caller distributes: their units' and the units' above."""
    require(request.user, Perm.READ)
    qs = sel.publication_list(request.user)
    return list(qs.filter(year=year) if year else qs[:1000])


class ProgressOut(Schema):
    code: str
    name: str
    level: str
    target: int
    copies: int
    percent: float | None
    rank: int


class SummaryOut(ProgressOut):
    allocated: int


class ProgressAnswer(Schema):
    year: int
    publication: int | None
    unit: SummaryOut
    rankings: dict[str, list[ProgressOut]]


def _row(p: sel.Progress) -> dict:
    return {
        "code": p.org.code,
        "name": p.org.name,
        "level": p.org.level,
        "target": p.target,
        "copies": p.copies,
        "percent": p.percent,
        "rank": p.rank,
        "allocated": p.allocated,
    }


@publications_router.get("/progress", response={200: ProgressAnswer, 404: Error})
def get_progress(
    request,
    under: str = Query(..., max_length=12, pattern=r"^[0-9]+$"),
    year: int = Query(..., ge=2000, le=2100),
    publication: int | None = Query(None, ge=1, le=9_999_999_999),
):
    """A unit's target and copies for a year (all publications, or one), and the leagues and counties below it
    ranked by progress against their targets."""
    org = get_org_for_user(request.user, under)
    pub = None
    if publication is not None:
        pub = sel.get_publication_for_user(request.user, publication)
    return {
        "year": year,
        "publication": pub.pk if pub else None,
        "unit": _row(sel.summary(org, year, pub)),
        "rankings": {lvl: [_row(r) for r in sel.ranking(org, year, lvl, pub)] for lvl in sel.rank_levels(org)},
    }


class SubscriptionOut(OrgFields):
    id: int
    publication: int
    title: str
    year: int
    copies: int
    amount: Decimal
    payer: str
    date: datetime.date

    @staticmethod
    def resolve_publication(obj) -> int:
        return obj.publication_id

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.publication.title

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.publication.year


class SubscriptionIn(Schema):
    """Bounds of every number and text come from the Subscription model; an empty amount is copies × price."""

    org: OrgCode
    publication: Id
    copies: int = schema_field(Subscription, "copies")
    amount: Decimal | None = schema_field(Subscription, "amount", None, decimal_places=2)
    payer: str = schema_field(Subscription, "payer")
    date: datetime.date


list_route(subscriptions_router, SUBSCRIPTIONS, response=SubscriptionOut)


@subscriptions_router.get("/{subscription_id}", response={200: SubscriptionOut, 404: Error})
def get_subscription(request, subscription_id: int = RecordId):
    return sel.get_subscription_for_user(request.user, subscription_id)


@subscriptions_router.post("", response={201: SubscriptionOut, 400: Error, 403: Error, 404: Error})
def create_subscription(request, payload: SubscriptionIn):
    """Record a subscription; a publication the caller cannot read is refused as an unknown one."""
    require(request.user, Perm.WRITE)
    org = get_org_for_user(request.user, payload.org)
    pub = sel.resolve_publication(request.user, payload.publication)
    sub = services.subscription_create(
        actor=request.user,
        org=org,
        publication=pub,
        copies=payload.copies,
        amount=payload.amount,
        payer=payload.payer,
        date=payload.date,
    )
    return Status(201, sel.get_subscription_for_user(request.user, sub.pk))


@subscriptions_router.delete("/{subscription_id}", response={204: None, 403: Error, 404: Error})
def delete_subscription(request, subscription_id: int = RecordId):
    sub = sel.get_subscription_for_user(request.user, subscription_id, write=True)
    services.subscription_delete(actor=request.user, subscription=sub)
    return Status(204, None)


Level = Literal["league", "county"]
