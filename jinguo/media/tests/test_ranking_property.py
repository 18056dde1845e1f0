"""A month's ranking equals a recount from the daily rows (hypothesis): each account's index is the documented
formula over its rows of the month, and the order is index, then reads, then the account's number."""

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.media.index import Inputs, wci
from jinguo.media.models import AccountMonth, DailyMetric
from jinguo.media.selectors import ranking
from jinguo.media.services import metrics_write

MONTH = (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
KEYS = ["own", "ordos", "dongsheng", "dongsheng_dy", "dalad"]

day_rows = st.lists(
    st.tuples(
        st.sampled_from(KEYS),
        st.integers(min_value=-5, max_value=33),  # days around February: rows outside it must not count
        st.integers(0, 50_000),
        st.integers(0, 2_000),
        st.integers(0, 500),
        st.integers(0, 200),
        st.integers(0, 300),
    ),
    max_size=40,
)


def _recount(rows, accounts, keep, span=MONTH):
    per = {}
    for key, day, reads, likes, shares, comments, wows in rows:
        if not keep(key) or not span[0] <= day <= span[1]:
            continue
        s = per.setdefault(accounts[key].pk, Inputs(days=(span[1] - span[0]).days + 1))
        s.reads += reads
        s.likes += likes
        s.shares += shares
        s.comments += comments
        s.wows += wows
        s.max_reads = max(s.max_reads, reads)
    out = [(pk, wci(i), i.reads) for pk, i in per.items()]
    out.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=day_rows)
def test_a_months_ranking_equals_a_recount_of_the_daily_rows(raw, accounts, actors):
    DailyMetric.objects.all().delete()
    AccountMonth.objects.all().delete()
    rows, seen = [], set()
    for key, offset, *figures in raw:
        day = MONTH[0] + datetime.timedelta(days=offset)
        if (key, day) in seen:
            continue
        seen.add((key, day))
        rows.append((key, day, *figures))
    metrics_write(
        actor=SYSTEM,
        rows=[
            {"account": accounts[k], "day": d, "reads": r, "likes": lk, "shares": sh, "comments": c, "wows": w}
            for k, d, r, lk, sh, c, w in rows
        ],
    )
    for user, keep in (
        ("region_cadre", lambda k: True),
        ("county_cadre", lambda k: k in ("dongsheng", "dongsheng_dy")),
    ):
        month = ranking(actors[user], *MONTH)
        assert [(r["account"].pk, r["wci"], r["inputs"].reads) for r in month] == _recount(rows, accounts, keep)
        assert [r["rank"] for r in month] == list(range(1, len(month) + 1))
        # a range that cuts through the month reads the daily rows
        span = (datetime.date(2026, 2, 3), datetime.date(2026, 2, 27))
        got = [(r["account"].pk, r["wci"], r["inputs"].reads) for r in ranking(actors[user], *span)]
        assert got == _recount(rows, accounts, keep, span)


def test_the_index_formula():
    assert wci(Inputs(days=30)) == Decimal("0.00")
    quiet, busy = Inputs(days=30, reads=300, likes=3), Inputs(days=30, reads=300_000, likes=3_000, max_reads=30_000)
    assert Decimal("0") < wci(quiet) < wci(busy)
    # one viral day weighs less than a steady month of the same total
    steady = Inputs(days=30, reads=30_000, max_reads=1_000)
    viral = Inputs(days=30, reads=30_000, max_reads=30_000)
    assert wci(viral) - wci(steady) < wci(steady)
