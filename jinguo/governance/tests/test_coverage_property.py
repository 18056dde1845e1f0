"""The coverage of villages per micro-line equals a recount after random edits (hypothesis): records of every line
at every village and, refused, at other levels; edits that move a record's date; removals; closes and reopens."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.core.periods import parse_period
from jinguo.core.testing import property_settings
from jinguo.governance import selectors as sel
from jinguo.governance import services
from jinguo.governance.lines import BY_KEY, LINES
from jinguo.governance.tests.factories import new_record
from jinguo.orgs.models import OrgUnit
from jinguo.stats import rollups
from jinguo.stats.registry import METRICS

YEAR = 2025
VILLAGES = ["150602100200", "150602001001", "150621100200"]
PERIODS = [str(YEAR), f"{YEAR}Q1", f"{YEAR}Q4", f"{YEAR}-06"]
edit = st.tuples(
    st.sampled_from([line.key for line in LINES]),
    st.sampled_from(VILLAGES),
    st.integers(-5, 370),  # the day of the year
    st.sampled_from(["keep", "keep", "move", "remove", "close"]),
    st.integers(-40, 40),  # days moved
)


@property_settings(6)
@given(edits=st.lists(edit, min_size=1, max_size=14), under=st.sampled_from(["150000", "150600", "150602"]))
def test_the_coverage_of_each_line_equals_a_recount(tree, edits, under):
    _check(tree, edits, under)


@pytest.mark.slow
@property_settings(50)
@given(edits=st.lists(edit, min_size=5, max_size=30), under=st.sampled_from(["150000", "150600", "150602", "150621"]))
def test_the_coverage_of_each_line_equals_a_recount_at_length(tree, edits, under):
    _check(tree, edits, under)


def _check(tree, edits, under_code):
    from jinguo.stats.models import Rollup

    for line in LINES:
        line.model.objects.all().delete()
    Rollup.objects.filter(metric__contains="governance.").delete()
    first = datetime.date(YEAR, 1, 1)
    for key, code, day, what, shift in edits:
        record = new_record(SYSTEM, key, tree[code], date=first + datetime.timedelta(days=day))
        if what == "move":
            data = {f: getattr(record, f) for f in ("title", "participants", "outcome", *BY_KEY[key].extra)}
            data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
            data["date"] = record.date + datetime.timedelta(days=shift)
            services.village_record_update(actor=SYSTEM, record=record, **data)
        elif what == "remove":
            services.village_record_delete(actor=SYSTEM, record=record)
        elif what == "close" and key == "supervision":
            services.supervision_close(actor=SYSTEM, item=record, outcome="好了")
        elif what == "close" and key == "agreements":
            services.agreement_complete(actor=SYSTEM, agreement=record)
    keys = [m for m in METRICS if m.startswith("governance.")]
    expected = {}
    for k in keys:
        expected.update(rollups.recount(METRICS[k]))
    assert rollups.stored(keys) == {k: v for k, v in expected.items() if v}

    under = tree[under_code]
    villages = [u for u in OrgUnit.objects.filter(level="village", path__startswith=under.path)]
    for code in PERIODS:
        period = parse_period(code)
        data = sel.overview(under, period)
        for f in data.figures():
            dated = [
                r
                for r in f["line"].model.objects.all()
                if period.start <= r.date <= period.end and r.org_path.startswith(under.path)
            ]
            covered = {v.code for v in villages if any(r.org_path == v.path for r in dated)}
            assert (f["total"], f["covered"], f["villages"]) == (len(dated), len(covered), len(villages))
