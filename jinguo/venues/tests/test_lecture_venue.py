"""A lecture names the venue it was held at, through the form, the API and the import alike (venues.selectors
resolves it); a venue out of reach is refused like an unknown one; the venue's page lists its lectures through
outreach's panel."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.outreach.models import AudienceGroup, Lecture, Topic
from jinguo.outreach.tests.factories import api_payload, new_lecture, today
from jinguo.venues.tests.factories import new_venue


@pytest.fixture
def home(actors, tree, venue_kinds):
    return new_venue(actors["village_cadre"], tree["150602100200"])


def test_a_lecture_held_at_the_villages_womens_home(actors, tree, calendar, lecturer, home):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, venue=home)
    assert lec.venue == home
    town = new_lecture(actors["county_cadre"], tree["150602100"], calendar, lecturer, venue=home, title="镇上的")
    assert town.venue == home  # a town's lecture at one of its villages' venues: on the unit's line


def test_a_venue_off_the_units_line_is_refused(actors, tree, calendar, lecturer, home):
    with pytest.raises(ValidationError) as e:
        new_lecture(actors["county_cadre"], tree["150602001001"], calendar, lecturer, venue=home)
    assert "not on this unit's line" in e.value.message_dict["venue"][0]


def _payload(calendar, lecturer, venue_id):
    return api_payload(calendar, lecturer, title="接口录入", venue=venue_id)


def test_the_api_names_the_venue_and_refuses_a_siblings_like_an_unknown_one(
    client, actors, tree, calendar, lecturer, home
):
    theirs = new_venue(SYSTEM, tree["150621100200"], name="林原村妇女之家")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}

    def post(venue_id):
        r = client.post(
            "/api/v1/lectures",
            json.dumps(_payload(calendar, lecturer, venue_id)),
            content_type="application/json",
            **auth,
        )
        return r.status_code, r.json()

    hidden, unknown = post(theirs.pk), post(theirs.pk + 1000)
    assert hidden == unknown and hidden[0] == 400 and "林原村" not in json.dumps(hidden, ensure_ascii=False)
    status, body = post(home.pk)
    assert status == 201 and body["venue"] == home.pk and body["venue_name"] == "漫赖村妇女之家"


def test_the_form_offers_and_takes_the_venue(login, actors, tree, calendar, lecturer, home):
    web = login(actors["county_cadre"])
    page = web.get("/outreach/lectures/new/")
    select = re.search(r'<select name="venue".*?</select>', page.content.decode(), re.S)
    assert select and f'<option value="{home.pk}">漫赖村妇女之家' in select[0]
    d = today()
    data = {
        "submit_token": re.search(r'name="submit_token" value="([^"]+)"', page.content.decode())[1],
        "title": "在妇女之家",
        "kind": "lecture",
        "date": d.isoformat(),
        "org_code": "150602100200",
        "venue": str(home.pk),
        "lecturers": [str(lecturer.pk)],
        "theme": str(calendar["month"][(d.year, d.month)].pk),
        "topic": str(Topic.objects.first().pk),
        "audience_group": str(AudienceGroup.objects.first().pk),
        "mode": "offline",
        "audience_count": "20",
        "language": "zh",
        "held": "on",
    }
    r = web.post("/outreach/lectures/new/", data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    lec = Lecture.objects.get(title="在妇女之家")
    assert lec.venue == home
    assert 'data-testid="lecture-venue"' in web.get(f"/outreach/lectures/{lec.pk}/").content.decode()


HEADERS = ["title", "kind", "date", "org_code", "lecturers", "theme", "topic", "audience_group", "audience_count"]


def test_the_import_names_the_venue(actors, tree, calendar, lecturer, home):
    d = today()
    theme = calendar["month"][(d.year, d.month)].title
    common = [lecturer.name, theme, "家庭教育", "农牧民", "10"]
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADERS, "venue"])
    ws.append(["一", "宣讲", d.isoformat(), "150602100200", *common, "漫赖村妇女之家"])
    ws.append(["二", "宣讲", d.isoformat(), "150602001001", *common, "漫赖村妇女之家"])  # off the unit's line
    ws.append(["三", "宣讲", d.isoformat(), "150602100200", *common, "没有的阵地"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = xlsx.run_import(xlsx.REGISTRY["lectures"](actors["county_cadre"]), buf)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Venue"), (4, "Venue")], result.errors
    assert not Lecture.objects.exists()
    buf = io.BytesIO()
    wb.remove(ws)
    ws = wb.create_sheet()
    ws.append([*HEADERS, "venue"])
    ws.append(["一", "宣讲", d.isoformat(), "150602100200", *common, "漫赖村妇女之家"])
    wb.save(buf)
    buf.seek(0)
    assert xlsx.run_import(xlsx.REGISTRY["lectures"](actors["county_cadre"]), buf).ok
    assert Lecture.objects.get().venue == home


def test_the_venue_page_lists_its_lectures_in_a_fixed_number_of_queries(
    login, actors, tree, calendar, lecturer, home, assert_queries
):
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, venue=home, title="第一场")
    web = login(actors["county_cadre"])
    web.get(f"/venues/{home.pk}/")
    with assert_queries(14):  # session, user, roles, venue, inspections, photos, 2 lectures, 2 volunteer activities,
        # bell, history 3, save
        page = web.get(f"/venues/{home.pk}/")
    assert 'data-testid="venue-lectures"' in page.content.decode() and "第一场" in page.content.decode()
    for i in range(3):
        new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, venue=home, title=f"第{i}场")
    with assert_queries(14):  # … whatever the number of lectures
        assert web.get(f"/venues/{home.pk}/").status_code == 200
    # The sibling's cadre reads none of them: the page itself is 404.
    assert login(actors["sibling_cadre"]).get(f"/venues/{home.pk}/").status_code == 404
