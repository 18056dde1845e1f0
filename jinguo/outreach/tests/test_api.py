"""The outreach API: teams, lectures and coverage, scoped like the pages."""

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.outreach.models import Lecture
from jinguo.outreach.services import lecture_verify, team_create
from jinguo.outreach.tests.factories import api_payload, new_lecture, today


@pytest.fixture
def bearer(actors):
    def _for(name):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors[name])}"}

    return _for


def test_coverage_returns_each_child_unit_with_its_count(client, bearer, actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    q = (today().month - 1) // 3 + 1
    r = client.get(f"/api/v1/coverage?under=150000&period={today().year}Q{q}", **bearer("region_cadre"))
    assert r.status_code == 200
    body = r.json()
    assert body["period"] == f"{today().year}Q{q}" and body["lectures"] == 1 and len(body["children"]) == 12
    ordos = next(c for c in body["children"] if c["code"] == "150600")
    assert ordos == {"code": "150600", "name": "鄂尔多斯市", "level": "league", "count": 1, "covered": True}
    assert {lv["level"]: lv["covered"] for lv in body["levels"]} == {"league": 1, "county": 1, "town": 1, "village": 1}
    month = client.get(f"/api/v1/coverage?under=150602&period={today():%Y-%m}", **bearer("county_cadre")).json()
    assert [c["count"] for c in month["children"]] == [0, 1]
    gaps = client.get(
        f"/api/v1/coverage/gaps?under=150602&period={today().year}&level=village", **bearer("county_cadre")
    )
    assert [g["code"] for g in gaps.json()["items"]] == ["150602001001"]
    assert gaps.json()["count"] == 1 and gaps.json()["items"][0]["parent"] == "150602001"
    assert gaps.json()["items"][0]["parent_name"]


def test_coverage_refuses_bad_periods_and_other_units(client, bearer, calendar):
    auth = bearer("county_cadre")
    r = client.get("/api/v1/coverage?under=150602&period=2026Q5", **auth)
    assert r.status_code == 422 and "period" in str(r.json()["detail"])  # the OpenAPI pattern refuses it
    assert client.get("/api/v1/coverage?under=150621&period=2026", **auth).status_code == 404
    assert client.get("/api/v1/coverage?under=150000&period=2026", **auth).status_code == 404
    assert client.get("/api/v1/coverage?under=150602", **auth).status_code == 422
    assert client.get("/api/v1/coverage?under=150602&period=2026").status_code == 401


def test_lectures_are_created_listed_and_verified(client, bearer, calendar, lecturer):
    r = client.post(
        "/api/v1/lectures", api_payload(calendar, lecturer), content_type="application/json", **bearer("county_cadre")
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["state"] == "held" and body["lecturers"] == [lecturer.pk] and body["org"] == "150602100200"
    listed = client.get(f"/api/v1/lectures?period={today().year}&state=held", **bearer("county_cadre")).json()
    assert listed["count"] == 1
    assert client.post(f"/api/v1/lectures/{body['id']}/verify", **bearer("county_cadre")).status_code == 403
    v = client.post(f"/api/v1/lectures/{body['id']}/verify", **bearer("ordos_cadre"))
    assert v.status_code == 200 and v.json()["state"] == "verified"


def test_bad_lectures_are_400_with_the_reasons_and_write_nothing(client, bearer, calendar, lecturer):
    auth = bearer("county_cadre")
    r = client.post(
        "/api/v1/lectures",
        api_payload(calendar, lecturer, audience_count=None, lecturers=[99999]),  # out-of-range counts: test_bounds
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 400
    assert set(r.json()["detail"]) == {"audience_count", "lecturers"}
    r = client.post(
        "/api/v1/lectures", api_payload(calendar, lecturer, org="150621"), content_type="application/json", **auth
    )
    assert r.status_code == 404
    r = client.post(
        "/api/v1/lectures", api_payload(calendar, lecturer), content_type="application/json", **bearer("leader")
    )
    assert r.status_code == 403
    assert not Lecture.objects.exists()


def test_teams_are_listed_with_their_lecturers(client, bearer, actors, tree):
    team_create(actor=actors["region_cadre"], org=tree["150000"], name="自治区宣讲团")
    team_create(actor=actors["sibling_cadre"], org=tree["150621"], name="达拉特旗宣讲团")
    r = client.post(
        "/api/v1/teams",
        {"org": "150602", "name": "东胜区宣讲团"},
        content_type="application/json",
        **bearer("county_cadre"),
    )
    assert r.status_code == 201
    names = [t["name"] for t in client.get("/api/v1/teams", **bearer("county_cadre")).json()["items"]]
    assert names == ["自治区宣讲团", "东胜区宣讲团"]  # the region's (above) and its own, not the sibling's
    detail = client.get(f"/api/v1/teams/{r.json()['id']}", **bearer("county_cadre")).json()
    assert detail["lecturers"] == [] and detail["level"] == "county"


def test_the_openapi_schema_lists_the_outreach_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/coverage", "/api/v1/lectures", "/api/v1/teams", "/api/v1/study-sessions", "/api/v1/themes"} <= set(
        paths
    )
