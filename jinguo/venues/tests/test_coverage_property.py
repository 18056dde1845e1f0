"""The coverage of villages with a 妇女之家 in use equals a recount after random edits (hypothesis): venues of
several kinds at every level, inspected in use or not, on random days, some inspections removed."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.core.testing import property_settings
from jinguo.orgs.models import OrgUnit
from jinguo.stats import rollups
from jinguo.venues import selectors as sel
from jinguo.venues import services
from jinguo.venues.models import Inspection, Venue
from jinguo.venues.tests.factories import kinds

YEAR = 2025
PLACES = ["150602100200", "150602001001", "150621100200", "150602100", "150602", "150621", "150600"]
UNDER = ["150000", "150600", "150602", "150602100"]
edit = st.tuples(
    st.sampled_from(PLACES),
    st.sampled_from(["women_home", "women_home", "park"]),
    st.sampled_from(["in_use", "in_use", "repair", "closed"]),
    st.integers(-3, 370),  # the day of the year it was inspected (some the year before or after)
    st.booleans(),  # removed again
)


@pytest.fixture
def world(tree):
    return {"kinds": kinds(), "units": {o.code: o for o in OrgUnit.objects.all()}}


@property_settings(8)
@given(edits=st.lists(edit, min_size=1, max_size=12), under=st.sampled_from(UNDER))
def test_the_coverage_equals_a_recount(world, edits, under):
    _check(world, edits, under)


@pytest.mark.slow
@property_settings(60)
@given(edits=st.lists(edit, min_size=5, max_size=30), under=st.sampled_from(UNDER))
def test_the_coverage_equals_a_recount_at_length(world, edits, under):
    _check(world, edits, under)


def _check(world, edits, under_code):
    from jinguo.stats.models import Rollup

    Inspection.objects.all().delete()
    Venue.objects.all().delete()
    Rollup.objects.filter(metric__contains="venues.").delete()
    units = world["units"]
    for i, (code, kind, status, day, remove) in enumerate(edits):
        venue = services.venue_create(
            actor=SYSTEM, org=units[code], kind=world["kinds"][kind], name=f"阵地{i}", address="某处"
        )
        inspection = services.inspection_record(
            actor=SYSTEM,
            venue=venue,
            date=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=day),
            score=80,
            status_found=status,
        )
        if remove:
            services.inspection_delete(actor=SYSTEM, inspection=inspection)
    keys = ["venues.homes_in_use", "venues.inspections"]
    expected = {}
    from jinguo.stats.registry import METRICS

    for k in keys:
        expected.update(rollups.recount(METRICS[k]))
    assert rollups.stored(keys) == {k: v for k, v in expected.items() if v}

    under = units[under_code]
    result = sel.homes_coverage(under, YEAR)
    counted = [
        i
        for i in Inspection.objects.select_related("venue__kind")
        if i.date.year == YEAR
        and i.venue.kind.code == "women_home"
        and i.status_found == "in_use"
        and i.org_path.startswith(under.path)
    ]
    assert result.total == len(counted)
    for lv in result.levels:
        level_units = [u for u in units.values() if u.level == lv.level and u.path.startswith(under.path)]
        covered = {u.code for u in level_units if any(i.org_path.startswith(u.path) for i in counted)}
        assert (lv.units, lv.covered) == (len(level_units), len(covered))
        assert {u.code for u in sel.homes_gaps(under, YEAR, lv.level)} == {u.code for u in level_units} - covered
