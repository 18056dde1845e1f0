"""Demo of publication distribution: the article's two publications for last year and this year, targets rolled
down to every league and county, subscriptions of most counties, and last year's national position (全国前五名)."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import OrgUnit
from jinguo.publications import services
from jinguo.publications.models import Publication, PublicationKind

PUBLICATIONS = [  # title, kind, unit price, region target
    ("中国妇女报", PublicationKind.NEWSPAPER, Decimal("288.00"), 12_000),
    ("习近平走进百姓家", PublicationKind.BOOK, Decimal("36.00"), 30_000),
]
PAYERS = ["村委会", "妇联", "中心校", "卫生院", "社区居委会", "党群服务中心"]


def seed_distribution(*, out, options) -> dict:
    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    if region is None or Publication.objects.filter(org=region).exists():
        return {}
    rng = random.Random(options.get("seed", 2026))
    today = timezone.localdate()
    leagues = list(OrgUnit.objects.filter(parent=region).order_by("path"))
    counties = {lg.pk: list(OrgUnit.objects.filter(parent=lg).order_by("path")) for lg in leagues}
    made = subs = 0
    with transaction.atomic():
        for year in (today.year - 1, today.year):
            for title, kind, price, target in PUBLICATIONS:
                pub = services.publication_create(
                    actor=SYSTEM, org=region, title=title, kind=kind, unit_price=price, year=year
                )
                made += 1
                targets = [(region, target)]
                share = target // max(len(leagues), 1)
                for lg in leagues:
                    targets.append((lg, share))
                    per = share // max(len(counties[lg.pk]), 1)
                    targets += [(c, per) for c in counties[lg.pk]]
                services.targets_set(actor=SYSTEM, publication=pub, targets=targets)
                last = today if year == today.year else datetime.date(year, 12, 31)
                rows = []
                for lg in leagues:
                    for c in counties[lg.pk]:
                        per = share // max(len(counties[lg.pk]), 1)
                        if rng.random() < 0.1:
                            continue  # a few counties have not started
                        done = per * rng.uniform(0.4, 1.3) if year < today.year else per * rng.uniform(0.1, 0.9)
                        copies = max(int(done), 1)
                        for part in _split(copies, rng.randint(1, 3), rng):
                            day = datetime.date(year, 1, 1) + datetime.timedelta(
                                days=rng.randint(0, (last - datetime.date(year, 1, 1)).days)
                            )
                            rows.append(
                                services.clean_subscription(
                                    org=c,
                                    publication=pub,
                                    copies=part,
                                    amount=None,
                                    payer=f"{c.name}{rng.choice(PAYERS)}",
                                    date=day,
                                )
                            )
                subs += services.subscriptions_bulk_create(actor=SYSTEM, subscriptions=rows)
                if year < today.year:
                    services.publication_set_national(actor=SYSTEM, publication=pub, rank=4, note="全国前五名")
    return {"publications": made, "subscriptions": subs}


def _split(total: int, parts: int, rng) -> list[int]:
    parts = min(parts, total)
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:], strict=False) if b > a]
