"""Benchmark data and scenarios of the media module: the matrix of 496 accounts with three years of daily rows
(the demo's builders, in bulk), the rankings page and the metrics import."""

import datetime
import io
import random

from django.utils import timezone

from jinguo.bench.generate import Context, generator
from jinguo.bench.scenarios import client_for, get_ok, raw, scenario, undo_after_checks
from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.media import demo
from jinguo.media.models import Account, DailyMetric
from jinguo.orgs.models import OrgUnit
from jinguo.stats import rollups

DAYS = {"small": 90, "medium": 365, "full": 3 * 365}


@generator("media")
def media(ctx: Context) -> int:
    """496 accounts (18 own, 478 matrix) and DAYS[size] days of daily rows for each: 543,120 rows at full size."""
    options = {"seed": 7, "media_days": DAYS.get(ctx.size.name, 365), "region": OrgUnit.objects.get(code="150000")}
    with rollups.deferred():
        demo.seed_platforms(out=ctx.say, options=options)
        demo.seed_accounts(out=ctx.say, options=options)
        demo.seed_metrics(out=ctx.say, options=options)
    return DailyMetric.objects.count()


# A ten-federation deployment: nine other provinces' federations beside the region, each with its own matrix of
# 496 accounts, and daily rows enough that the table holds this many more (full: 10 million).
OTHER_FEDERATIONS = 9
FEDERATION_ROWS = {"small": 200_000, "medium": 1_000_000, "full": 10_000_000}


@generator("media ten federations")
def media_ten_federations(ctx: Context) -> int:
    """Nine other provinces' federations (their units to county level from the shipped divisions) with 496
    accounts each and daily rows for as many days as make FEDERATION_ROWS[size] in all: the rankings page and
    the metrics import of one federation measured on the table a ten-federation deployment fills."""
    from jinguo.orgs.services import orgs_init, read_divisions

    provinces = sorted({r["code"][:2] for r in read_divisions()} - {"15"})[:OTHER_FEDERATIONS]
    total = FEDERATION_ROWS.get(ctx.size.name, 0)
    days = max(1, total // (OTHER_FEDERATIONS * (demo.OWN + demo.MATRIX)))
    written = 0
    with rollups.deferred():
        for i, code in enumerate(provinces):
            orgs_init(actor=SYSTEM, province_code=f"{code}0000")
            region = OrgUnit.objects.get(code=f"{code}0000")
            options = {"seed": 100 + i, "media_days": days, "region": region}
            demo.seed_accounts(out=ctx.say, options=options)
            written += demo.seed_metrics(out=ctx.say, options=options).get("daily metric rows", 0)
    return written


def _last_month() -> str:
    first = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    return f"{first:%Y-%m}"


@scenario(
    name="media rankings page (a month)",
    kind="page",
    target=100,
    baselines={
        "raw": lambda env: raw(
            "SELECT account_id, SUM(reads), SUM(likes), SUM(shares), SUM(comments), SUM(wows), MAX(reads) "
            "FROM media_dailymetric WHERE day BETWEEN %s AND %s AND org_path LIKE '15%%' GROUP BY account_id",
            [f"{_last_month()}-01", f"{_last_month()}-28"],
        ),
    },
)
def rankings_page(env: dict):
    return get_ok(client_for(env["region_user"]), f"/matrix/rankings/?period={_last_month()}")


@scenario(
    name="media metrics import (.csv, 496 accounts × 40 days)",
    kind="rows",
    target=20_000,
    iterations=3,
    writes=("media.DailyMetric", "stats.Rollup"),
)
def metrics_import(env: dict):
    """One platform's back-office export through the real importer: every row checked, all written in one
    transaction (rolled back after each run so every run writes the same rows)."""
    from django.db import transaction
    from django.utils import translation

    from jinguo.media.importers import import_metrics
    from jinguo.media.models import Platform

    platform = Platform.objects.get(code="wechat")
    accounts = list(
        Account.objects.filter(platform=platform, org_path__startswith="15").values_list("platform_uid", flat=True)
    )
    headers = [
        platform.columns[k] for k in ("account", "day", "reads", "likes", "shares", "comments", "wows", "followers")
    ]
    rng = random.Random(5)
    first = timezone.localdate() - datetime.timedelta(days=40)
    lines = [",".join(headers)]
    while len(lines) < 20_001:
        for i in range(40):
            day = (first + datetime.timedelta(days=i)).isoformat()
            for uid in accounts:
                r = rng.randint(100, 20_000)
                lines.append(f"{uid},{day},{r},{r // 40},{r // 80},{r // 250},{r // 100},{rng.randint(1000, 90_000)}")
        first -= datetime.timedelta(days=40)
    content = "\n".join(lines).encode("utf-8")
    user = User.objects.get(username=env["region_user"])

    def run():
        f = io.BytesIO(content)
        f.name = "export.csv"
        with translation.override("zh-hans"), transaction.atomic():
            result = import_metrics(user, platform, f)
            assert result.ok, result.errors[:3]
            undo_after_checks()
        return result.written

    return run
