import datetime
from decimal import Decimal

from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.venues import services
from jinguo.venues.models import VenueKind


def kinds() -> dict[str, VenueKind]:
    services.kinds_seed(actor=SYSTEM)
    return {k.code: k for k in VenueKind.objects.all()}


def new_venue(actor, org, *, kind="women_home", name=None, lng="109.98", lat="39.81", **over):
    data = {
        "kind": VenueKind.objects.get(code=kind),
        "name": name or f"{org.name}妇女之家",
        "address": f"{org.name}村委会",
        "lng": Decimal(lng) if lng is not None else None,
        "lat": Decimal(lat) if lat is not None else None,
        "area": 60,
        "opening_hours": "工作日",
    }
    data.update(over)
    return services.venue_create(actor=actor, org=org, **data)


def inspect(actor, venue, *, day=None, status="in_use", score=90, checks=("signage", "hours"), problems=()):
    return services.inspection_record(
        actor=actor,
        venue=venue,
        date=day or timezone.localdate() - datetime.timedelta(days=1),
        score=score,
        status_found=status,
        checks=list(checks),
        problems=list(problems),
    )


# What the import writes besides the unit and the kind (the form's fields but the description).
IMPORTED = ("name", "address", "lng", "lat", "area", "opening_hours", "manager_id", "status", "opened_on")


def round_trip(user, tree):
    """Two venues of 东胜区 for the import round trip (core/tests/test_import_columns.py)."""
    from jinguo.people.tests.factories import new_person
    from jinguo.venues.models import Venue

    kinds()
    manager = new_person(user, tree["150602"], name="娜仁")
    new_venue(user, tree["150602100200"], manager=manager, opened_on=datetime.date(2020, 3, 8))
    new_venue(
        user, tree["150602"], kind="park", name="=东胜区妇女儿童公园", lng=None, lat=None, area=None, status="repair"
    )

    def records():
        return sorted(Venue.objects.values_list("org__code", "kind__code", *IMPORTED))

    return records, lambda: Venue.objects.all().delete()
