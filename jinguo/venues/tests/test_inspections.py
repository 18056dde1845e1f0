"""Yearly inspections: made by a unit above the venue, once a year; the venue takes the status found; problems are
fixed with a date; the figures and the coverage of villages with a 妇女之家 in use move with them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.stats.models import Rollup
from jinguo.venues import selectors as sel
from jinguo.venues import services
from jinguo.venues.tests.factories import inspect, new_venue


@pytest.fixture
def home(actors, tree, venue_kinds):
    return new_venue(actors["village_cadre"], tree["150602100200"])


def test_the_unit_above_inspects_and_the_venue_takes_the_status_found(actors, tree, home):
    with pytest.raises(PermissionDenied):  # not the venue's own unit
        inspect(actors["village_cadre"], home)
    with pytest.raises(PermissionDenied):  # nor a sibling county
        inspect(actors["sibling_cadre"], home)
    i = inspect(
        actors["county_cadre"],
        home,
        status="repair",
        checks=["hours", "signage", "hours"],
        problems=[("屋顶漏雨", timezone.localdate() + datetime.timedelta(days=30))],
    )
    home.refresh_from_db()
    assert home.status == "repair" and i.checks == ["signage", "hours"] and i.inspector_path == "150602"
    assert not i.home_in_use  # under repair: not a 妇女之家 in use
    ev = AuditEvent.objects.get(event="venues.inspect")
    assert ev.detail["status"] == {"before": "in_use", "after": "repair"} and ev.detail["problems"] == ["屋顶漏雨"]
    with pytest.raises(ValidationError) as e:
        inspect(actors["ordos_cadre"], home)
    assert "already inspected" in e.value.message_dict["date"][0]


def test_the_bounds_and_the_checklist_are_checked(actors, home):
    with pytest.raises(ValidationError) as e:
        inspect(actors["county_cadre"], home, score=101, checks=["signage", "moon"])
    assert set(e.value.message_dict) == {"score", "checks"}
    with pytest.raises(ValidationError) as e:
        inspect(actors["county_cadre"], home, day=timezone.localdate() + datetime.timedelta(days=1))
    assert "future" in e.value.message_dict["date"][0]


def test_a_problem_is_fixed_by_the_venues_unit(actors, home, login):
    i = inspect(actors["county_cadre"], home, problems=[("资料陈旧", None)])
    problem = i.problems.get()
    with pytest.raises(ValidationError):
        services.problem_fix(actor=actors["village_cadre"], problem=problem, fixed_on=i.date - datetime.timedelta(1))
    web = login(actors["village_cadre"])
    web.post(
        f"/venues/problems/{problem.pk}/fix/", {"fixed_on": timezone.localdate().isoformat(), "fix_note": "已更新"}
    )
    problem.refresh_from_db()
    assert problem.fixed_on == timezone.localdate() and problem.fix_note == "已更新"
    assert login(actors["sibling_cadre"]).post(f"/venues/problems/{problem.pk}/fix/", {}).status_code == 404


def test_the_figures_and_the_coverage_follow_the_inspections(actors, tree, home):
    day = timezone.localdate() - datetime.timedelta(days=1)
    year = str(day.year)
    inspect(actors["county_cadre"], home, day=day)
    covered = dict(
        Rollup.objects.filter(period=year, metric__startswith="covered:", metric__endswith="venues.homes_in_use")
        .filter(org_path="150602")
        .values_list("metric", "value")
    )
    assert covered == {"covered:town:venues.homes_in_use": 1, "covered:village:venues.homes_in_use": 1}
    result = sel.homes_coverage(tree["150602"], day.year)
    village = next(lv for lv in result.levels if lv.level == "village")
    assert (village.covered, village.units) == (1, 2)
    assert [u.code for u in sel.homes_gaps(tree["150602"], day.year)] == ["150602001001"]
    services.inspection_delete(actor=actors["county_cadre"], inspection=home.inspections.get())
    assert not Rollup.objects.filter(metric__endswith="venues.homes_in_use").exclude(value=0).exists()


def test_a_park_in_use_is_not_a_womens_home(actors, tree, venue_kinds):
    park = new_venue(SYSTEM, tree["150602100200"], kind="park", name="公园")
    assert not inspect(actors["county_cadre"], park).home_in_use


def test_the_coverage_page_and_api(actors, tree, home, login, client):
    from jinguo.core.services import api_token_create

    day = timezone.localdate() - datetime.timedelta(days=1)
    inspect(actors["county_cadre"], home, day=day)
    web = login(actors["county_cadre"])
    page = web.get(f"/venues/coverage/?year={day.year}")
    assert page.status_code == 200 and 'data-testid="coverage-village"' in page.content.decode()
    assert "天骄社区" in page.content.decode()  # the gap
    assert web.get(f"/venues/coverage/?code=150621&year={day.year}").status_code == 404
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    r = client.get(f"/api/v1/venues/coverage?under=150602&year={day.year}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and r.json()["homes"] == 1
    assert {lv["level"]: lv["covered"] for lv in r.json()["levels"]} == {"town": 1, "village": 1}
