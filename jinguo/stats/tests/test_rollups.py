"""Roll-ups equal a recount from the records after any sequence of creates, changes, moves and deletes."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person
from jinguo.people.services import person_create, person_delete, person_update
from jinguo.stats import rollups
from jinguo.stats.registry import METRICS, covered_key

UNITS = ["150602", "150602100", "150602100200", "150602001001", "150621", "150621100200", "150100"]


ops = st.lists(
    st.tuples(
        st.sampled_from(["create", "create", "move", "redate", "delete"]),
        st.sampled_from(UNITS),
        st.dates(min_value=datetime.date(2001, 1, 1), max_value=datetime.date(2002, 12, 31)),
        st.integers(min_value=0, max_value=10_000),
    ),
    min_size=1,
    max_size=12,
)

_seq = [0]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(ops=ops)
def test_rollups_equal_a_recount(actors, tree, births_metric, ops):
    actor = actors["region_cadre"]
    for op, unit, day, pick in ops:
        people = list(Person.objects.order_by("pk"))
        if op == "create" or not people:
            _seq[0] += 1
            person_create(
                actor=actor,
                org=tree[unit],
                name="人",
                gender="F",
                ethnicity="汉族",
                birth_date=day,
                id_number=make_id_number(unit[:6], day, _seq[0]),
            )
        elif op == "move":
            person_update(actor=actor, person=people[pick % len(people)], org=tree[unit])
        elif op == "redate":
            p = people[pick % len(people)]
            _seq[0] += 1
            person_update(actor=actor, person=p, birth_date=day, id_number=make_id_number(p.org.code[:6], day, _seq[0]))
        else:
            person_delete(actor=actor, person=people[pick % len(people)])
    keys = ["test.births", "people.registered"]
    expected = {}
    for key in keys:
        expected.update(rollups.recount(METRICS[key]))
    assert rollups.stored(keys) == expected


def test_rebuild_restores_rows_that_were_lost(actors, tree, births_metric):
    from jinguo.stats.models import Rollup

    for i, unit in enumerate(UNITS):
        day = datetime.date(2001, 1 + i, 5)
        person_create(
            actor=actors["region_cadre"],
            org=tree[unit],
            name="人",
            gender="F",
            ethnicity="汉族",
            birth_date=day,
            id_number=make_id_number(unit[:6], day, 900 + i),
        )
    before = rollups.stored(["test.births"])
    Rollup.objects.filter(metric="test.births", org_path="15").delete()
    assert rollups.stored(["test.births"]) != before
    rollups.rebuild(["test.births"])
    assert rollups.stored(["test.births"]) == before


def test_coverage_counts_villages_with_a_record(actors, tree, births_metric):
    day = datetime.date(2001, 3, 1)
    for i, unit in enumerate(["150602100200", "150602100200", "150602001001", "150621100200"]):
        person_create(
            actor=actors["region_cadre"],
            org=tree[unit],
            name="人",
            gender="F",
            ethnicity="汉族",
            birth_date=day,
            id_number=make_id_number(unit[:6], day, 700 + i),
        )
    stored = rollups.stored(["test.births"])
    village = covered_key("village", "test.births")
    assert stored[(village, "2001-03", "15")] == 3
    assert stored[(village, "2001Q1", "150602")] == 2
    assert stored[(covered_key("county", "test.births"), "2001", "1506")] == 2
    assert stored[("test.births", "2001-03", "150602100200")] == 2


def test_the_command_checks_and_rebuilds(actors, tree, births_metric):
    import io

    from django.core.management import CommandError, call_command

    from jinguo.stats.models import Rollup

    day = datetime.date(2001, 5, 5)
    person_create(
        actor=actors["region_cadre"],
        org=tree["150602"],
        name="人",
        gender="F",
        ethnicity="汉族",
        birth_date=day,
        id_number=make_id_number("150602", day, 77),
    )
    out = io.StringIO()
    call_command("rollups", "check", stdout=out)
    assert "match" in out.getvalue()
    Rollup.objects.filter(metric="test.births", org_path="15").update(value=99)
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check")
    call_command("rollups", "rebuild", stdout=out)
    call_command("rollups", "check", stdout=out)
