"""The venues import (every problem reported, all or none; a unit out of reach reads like an unknown one), the list
pages' query counts, and the map's points."""

import io

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.testing import xlsx_file
from jinguo.people.tests.factories import new_person
from jinguo.venues.models import Venue
from jinguo.venues.tests.factories import inspect, new_venue

HEADERS = ["org_code", "kind", "name", "address", "lng", "lat", "area", "manager", "status"]


def _sheet(rows) -> io.BytesIO:
    return xlsx_file(rows, HEADERS)


def test_a_good_sheet_is_written(actors, tree, venue_kinds):
    new_person(actors["county_cadre"], tree["150602"], name="娜仁")
    rows = [
        ["150602100200", "妇女之家", "漫赖村妇女之家", "村委会", "109.98", "39.81", "60", "娜仁", "在用"],
        ["１５０６０２", "妇女儿童公园", "东胜区妇女儿童公园", "铁西", None, None, "52,000", None, None],
    ]
    result = xlsx.run_import(xlsx.REGISTRY["venues"](actors["county_cadre"]), _sheet(rows))
    assert result.ok, result.errors
    park = Venue.objects.get(kind__code="park")
    assert park.area == 52000 and park.status == "in_use" and not park.located
    assert Venue.objects.get(kind__code="women_home").manager.name == "娜仁"


def test_every_problem_is_reported_and_nothing_is_written(actors, tree, venue_kinds):
    new_venue(actors["county_cadre"], tree["150602"], name="已有的")
    rows = [
        ["150621", "妇女之家", "别县的", "某处", None, None, None, None, None],
        ["150699", "没有的种类", "x" * 61, "某处", "109.9", None, "-1", "陌生人", "拆了"],
        ["150602", "妇女之家", "已有的", "某处", None, None, None, None, None],
        ["150602100200", "妇女之家", "同名", "某处", None, None, None, None, None],
        ["150602100200", "妇女之家", "同名", "某处", None, None, None, None, None],
    ]
    result = xlsx.run_import(xlsx.REGISTRY["venues"](actors["county_cadre"]), _sheet(rows))
    by_row: dict = {}
    for e in result.errors:
        by_row.setdefault(e.row, {})[e.column] = e.reason
    assert set(by_row) == {2, 3, 4, 6}
    assert by_row[2]["Org unit code"].replace("150621", "X") == by_row[3]["Org unit code"].replace("150699", "X")
    assert set(by_row[3]) == {"Org unit code", "Kind", "Name", "Area (m²)", "Person in charge", "Status", "Latitude"}
    assert "already has a venue" in by_row[4]["Name"] and "twice" in by_row[6]["Name"]
    assert Venue.objects.count() == 1


def test_the_lists_cost_a_fixed_number_of_queries(login, actors, tree, venue_kinds, assert_queries):
    for code in ("150602", "150602100200", "150602001001"):
        inspect(actors["ordos_cadre"], new_venue(SYSTEM, tree[code]), problems=[("旧", None)])
    web = login(actors["county_cadre"])
    web.get("/venues/")
    with assert_queries(7):  # session, user, roles, count, page, bell, the kind filter's list, session save
        assert web.get("/venues/").context["page"].paginator.count == 3
    with assert_queries(6):  # session, user, roles, count, page (open problems counted in it), bell, save
        assert web.get("/venues/inspections/?open=true").context["page"].paginator.count == 3
    new_venue(SYSTEM, tree["150602100"])
    with assert_queries(7):
        assert web.get("/venues/").context["page"].paginator.count == 4


def test_the_map_shows_the_located_venues_of_the_users_units(login, actors, tree, venue_kinds):
    new_venue(SYSTEM, tree["150602100200"])
    new_venue(SYSTEM, tree["150602"], name="没有坐标", lng=None, lat=None)
    new_venue(SYSTEM, tree["150621"], name="别县的")
    web = login(actors["county_cadre"])
    page = web.get("/venues/map/")
    data = page.context["data"]
    assert data["map"] == "150600"  # a county's venues over its league's map
    assert [p["name"] for p in data["points"]] == ["漫赖村妇女之家"]
    assert data["points"][0]["url"] == f"/venues/{Venue.objects.get(name='漫赖村妇女之家').pk}/"
    region = login(actors["region_cadre"]).get("/venues/map/").context["data"]
    assert region["map"] == "150000" and len(region["points"]) == 2
    assert login(actors["county_cadre"]).get("/venues/map/?code=150621").status_code == 404
