"""A month's ranking equals a recount from the daily rows (hypothesis): each account's index is the documented
formula over its rows of the month, and the order is index, then reads, then the account's number."""

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.media.index import Inputs, wci
from jinguo.media.models import DailyMetric
from jinguo.media.selectors import ranking

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


def _recount(rows, accounts, keep):
    per = {}
    for key, day, reads, likes, shares, comments, wows in rows:
        if not keep(key) or not MONTH[0] <= day <= MONTH[1]:
            continue
        s = per.setdefault(accounts[key].pk, Inputs(days=28))
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
    rows, seen = [], set()
    for key, offset, *figures in raw:
        day = MONTH[0] + datetime.timedelta(days=offset)
        if (key, day) in seen:
            continue
        seen.add((key, day))
        rows.append((key, day, *figures))
    DailyMetric.objects.bulk_create(
        [
            DailyMetric(
                account=accounts[k],
                org_path=accounts[k].org_path,
                day=d,
                reads=r,
                likes=lk,
                shares=sh,
                comments=c,
                wows=w,
            )
            for k, d, r, lk, sh, c, w in rows
        ]
    )
    for user, keep in (
        ("region_cadre", lambda k: True),
        ("county_cadre", lambda k: k in ("dongsheng", "dongsheng_dy")),
    ):
        got = [(r["account"].pk, r["wci"], r["inputs"].reads) for r in ranking(actors[user], *MONTH)]
        assert got == _recount(rows, accounts, keep)
        assert [r["rank"] for r in ranking(actors[user], *MONTH)] == list(range(1, len(got) + 1))


def test_the_index_formula():
    assert wci(Inputs(days=30)) == Decimal("0.00")
    quiet, busy = Inputs(days=30, reads=300, likes=3), Inputs(days=30, reads=300_000, likes=3_000, max_reads=30_000)
    assert Decimal("0") < wci(quiet) < wci(busy)
    # one viral day weighs less than a steady month of the same total
    steady = Inputs(days=30, reads=30_000, max_reads=1_000)
    viral = Inputs(days=30, reads=30_000, max_reads=30_000)
    assert wci(viral) - wci(steady) < wci(steady)
