import datetime
from decimal import Decimal

from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.publications import services


def this_year() -> int:
    return timezone.localdate().year


def new_publication(tree, *, title="中国妇女报", kind="newspaper", price="288.00", year=None, org="150000"):
    return services.publication_create(
        actor=SYSTEM, org=tree[org], title=title, kind=kind, unit_price=Decimal(price), year=year or this_year()
    )


def subscribe(actor, org, pub, copies=10, *, day=None, amount=None, payer="村委会"):
    return services.subscription_create(
        actor=actor,
        org=org,
        publication=pub,
        copies=copies,
        amount=amount,
        payer=payer,
        date=day or datetime.date(pub.year, 3, 8),
    )


def round_trip(user, tree):
    """Two subscriptions of 东胜区 for the import round trip (core/tests/test_import_columns.py): the records as
    the import keeps them, and how to remove them."""
    from jinguo.publications.models import Subscription

    pub = new_publication(tree)
    subscribe(user, tree["150602100200"], pub, 12, payer="=SUM(A1)")
    subscribe(user, tree["150602"], pub, 3, amount=Decimal("800.50"), payer="东胜区妇联")

    def records():
        return sorted(
            Subscription.objects.values_list("org__code", "publication_id", "copies", "amount", "payer", "date")
        )

    return records, lambda: Subscription.objects.all().delete()
