import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.people.tests.factories import new_person


@pytest.fixture
def bearer(actors):
    def _for(name):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors[name])}"}

    return _for


def test_no_token_is_401(client, actors):
    assert client.get("/api/v1/orgs").status_code == 401
    assert client.get("/api/v1/orgs", HTTP_AUTHORIZATION="Bearer jg_wrong").status_code == 401


def test_the_region_has_12_leagues_and_103_counties(client, bearer):
    auth = bearer("region_cadre")
    leagues = client.get("/api/v1/orgs?under=150000&level=league&limit=1000", **auth).json()
    counties = client.get("/api/v1/orgs?under=150000&level=county&limit=1000", **auth).json()
    assert leagues["count"] == 12 and counties["count"] == 103
    ordos = next(i for i in leagues["items"] if i["code"] == "150600")
    assert ordos == {
        "code": "150600",
        "name": "鄂尔多斯市",
        "level": "league",
        "parent": "150000",
        "parent_name": "内蒙古自治区",
        "is_generated": False,
    }
    assert {i["parent"][:4] == i["code"][:4] for i in counties["items"]} == {True}


def test_bad_parameters_are_4xx_with_a_reason(client, bearer):
    auth = bearer("region_cadre")
    r = client.get("/api/v1/orgs?level=planet", **auth)
    # A list's filters are the page's (core.lists): a refused value is a 400 with the field's message.
    assert r.status_code == 400 and "level" in r.json()["detail"]
    assert client.get("/api/v1/orgs?under=abc", **auth).status_code == 404
    assert client.get("/api/v1/orgs?limit=-1", **auth).status_code in (400, 422)
    r = client.post("/api/v1/people", {"name": "x"}, content_type="application/json", **auth)
    assert r.status_code == 422
    r = client.post(
        "/api/v1/people",
        {
            "name": "某",
            "gender": "F",
            "ethnicity": "火星族",
            "birth_date": "1985-03-08",
            "id_number": "150602198503081234",
            "org": "150602",
        },
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 400 and set(r.json()["detail"]) >= {"ethnicity", "id_number"}


def test_people_are_masked_and_reveal_is_permissioned(client, bearer, actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], phone="13912345678")
    r = client.get("/api/v1/people", **bearer("leader")).json()
    assert r["items"][0]["phone"] == "139****5678"
    assert client.post(f"/api/v1/people/{p.pk}/reveal?field=phone", **bearer("leader")).status_code == 403
    r = client.post(f"/api/v1/people/{p.pk}/reveal?field=phone", **bearer("county_cadre"))
    assert r.json() == {"field": "phone", "value": "13912345678"}


def test_create_and_delete_through_the_api(client, bearer):
    from jinguo.people.idcard import make_id_number

    auth = bearer("county_cadre")
    number = make_id_number("150602", __import__("datetime").date(1985, 3, 8), 9)
    r = client.post(
        "/api/v1/people",
        {
            "name": "其其格",
            "gender": "F",
            "ethnicity": "蒙古族",
            "birth_date": "1985-03-08",
            "id_number": number,
            "org": "150602",
        },
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201 and r.json()["id_number"].startswith("150602****")
    assert client.delete(f"/api/v1/people/{r.json()['id']}", **auth).status_code == 204


def test_openapi_and_docs_are_served(client, bearer):
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


def test_api_token_command_prints_a_working_token(client, actors):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("api-token", "leader", stdout=out)
    token = out.getvalue().strip()
    assert client.get("/api/v1/orgs?limit=1", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
