"""API of publicity venues: the venue and inspection lists, one venue, adding a venue, the map's points and the
coverage of villages with a 妇女之家 in use, through the same selectors and services as the pages."""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema, Status

from jinguo.api.lists import list_route
from jinguo.api.params import Error, Id, LevelOut, OrgFields, RecordId
from jinguo.core.bounds import schema_field
from jinguo.core.inputs import resolve_lookup
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user
from jinguo.venues import selectors as sel
from jinguo.venues import services
from jinguo.venues.lists import INSPECTIONS, VENUES
from jinguo.venues.models import Venue, VenueKind, VenueStatus

venues_router = Router(tags=["venues"])
inspections_router = Router(tags=["venues"])


class VenueOut(OrgFields):
    id: int
    name: str
    kind: str
    address: str
    lng: Decimal | None
    lat: Decimal | None
    area: int | None
    opening_hours: str
    manager: str | None
    status: str
    opened_on: datetime.date | None

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.name

    @staticmethod
    def resolve_manager(obj) -> str | None:
        return obj.manager.name if obj.manager_id else None


class VenueIn(Schema):
    """Bounds of every number and text come from the Venue model."""

    org: OrgCode
    kind: Id
    name: str = schema_field(Venue, "name")
    address: str = schema_field(Venue, "address")
    lng: Decimal | None = schema_field(Venue, "lng", None, decimal_places=6)
    lat: Decimal | None = schema_field(Venue, "lat", None, decimal_places=6)
    area: int | None = schema_field(Venue, "area", None)
    opening_hours: str = schema_field(Venue, "opening_hours", "")
    manager: Id | None = None
    status: VenueStatus = VenueStatus.IN_USE
    opened_on: datetime.date | None = None
    description: str = schema_field(Venue, "description", "")


list_route(venues_router, VENUES, response=VenueOut)


class PointOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    unit: str
    value: list[float]


@venues_router.get("/map", response={200: list[PointOut], 404: Error})
def get_map(request, under: str = Query(..., max_length=12, pattern=r"^[0-9]+$")):
    """The located venues below `under`, as the map draws them ([longitude, latitude])."""
    return sel.map_points(request.user, get_org_for_user(request.user, under))


class VenueCoverageOut(Schema):
    under: str
    year: int
    homes: int
    levels: list[LevelOut]


@venues_router.get("/coverage", response={200: VenueCoverageOut, 404: Error})
def get_coverage(
    request, under: str = Query(..., max_length=12, pattern=r"^[0-9]+$"), year: int = Query(..., ge=2000, le=2100)
):
    """Units of every level below `under` with a 妇女之家 found in use by the year's inspection."""
    org = get_org_for_user(request.user, under)
    result = sel.homes_coverage(org, year)
    return {
        "under": org.code,
        "year": year,
        "homes": result.total,
        "levels": [
            {"level": lv.level, "units": lv.units, "covered": lv.covered, "percent": lv.percent} for lv in result.levels
        ],
    }


@venues_router.get("/{venue_id}", response={200: VenueOut, 404: Error})
def get_venue(request, venue_id: int = RecordId):
    return sel.get_venue_for_user(request.user, venue_id)


@venues_router.post("", response={201: VenueOut, 400: Error, 403: Error, 404: Error})
def create_venue(request, payload: VenueIn):
    """Add a venue; a person in charge the caller may not name is refused like an unknown one."""
    require(request.user, Perm.WRITE)
    org = get_org_for_user(request.user, payload.org)
    data = payload.dict(exclude={"org"})
    data["kind"] = resolve_lookup(VenueKind, payload.kind, field="kind")
    venue = services.venue_create(actor=request.user, org=org, **data)
    return Status(201, sel.get_venue_for_user(request.user, venue.pk))


class InspectionOut(OrgFields):
    id: int
    venue: int
    venue_name: str
    year: int
    date: datetime.date
    score: int
    status_found: str
    checks: list[str]
    open_problems: int

    @staticmethod
    def resolve_venue(obj) -> int:
        return obj.venue_id

    @staticmethod
    def resolve_venue_name(obj) -> str:
        return obj.venue.name


list_route(inspections_router, INSPECTIONS, response=InspectionOut)
