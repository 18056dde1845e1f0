"""Every permission edge of the org-subtree scope, in pages and API alike."""

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.scope import in_scope, scope_paths
from jinguo.people.tests.factories import new_person


def test_scope_paths_are_minimal(actors, tree):
    from jinguo.core.roles import Role
    from jinguo.core.services import membership_grant

    user = actors["county_cadre"]
    membership_grant(actor=SYSTEM, user=user, org=tree["150600"], role=Role.CADRE)
    assert scope_paths(user) == ["1506"]


def test_a_unit_reaches_its_whole_subtree(actors):
    assert in_scope(actors["county_cadre"], "150602100200")
    assert in_scope(actors["ordos_cadre"], "150602100200")
    assert not in_scope(actors["county_cadre"], "150621100200")
    assert not in_scope(actors["county_cadre"], "1506")  # not upward


@pytest.fixture
def sibling_person(actors, tree):
    return new_person(actors["sibling_cadre"], tree["150621100200"])


def test_sibling_county_gets_404_on_the_person_page(login, actors, sibling_person):
    client = login(actors["county_cadre"])
    assert client.get(f"/people/{sibling_person.pk}/").status_code == 404
    assert client.get(f"/people/{sibling_person.pk}/edit/").status_code == 404
    assert client.post(f"/people/{sibling_person.pk}/delete/").status_code == 404
    assert client.post(f"/people/{sibling_person.pk}/reveal/id_number/").status_code == 404


def test_sibling_county_gets_404_in_the_api(client, actors, sibling_person):
    from jinguo.core.services import api_token_create

    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/v1/people/{sibling_person.pk}", **auth).status_code == 404
    assert client.delete(f"/api/v1/people/{sibling_person.pk}", **auth).status_code == 404
    assert client.get("/api/v1/orgs/150621", **auth).status_code == 404
    assert client.get("/api/v1/orgs?under=150621", **auth).status_code == 404


def test_sibling_county_does_not_see_the_unit_in_the_tree(login, actors):
    client = login(actors["county_cadre"])
    assert client.get("/orgs/?code=150621").status_code == 404
    assert client.get("/orgs/?code=150602").status_code == 200


def test_lists_hold_only_the_users_subtree(login, actors, tree, sibling_person):
    mine = new_person(actors["county_cadre"], tree["150602100200"], name="乌兰")
    body = login(actors["county_cadre"]).get("/people/").content.decode()
    assert mine.name in body and sibling_person.name not in body
    body = login(actors["ordos_cadre"]).get("/people/").content.decode()
    assert mine.name in body and sibling_person.name in body


def test_leader_reads_but_cannot_write(login, actors, tree):
    person = new_person(actors["county_cadre"], tree["150602"])
    client = login(actors["leader"])
    assert client.get(f"/people/{person.pk}/").status_code == 200
    assert client.get(f"/people/{person.pk}/edit/").status_code == 403
    assert client.post(f"/people/{person.pk}/delete/").status_code == 403
    assert client.get("/people/new/").status_code == 403
    assert client.post(f"/people/{person.pk}/reveal/id_number/").status_code == 403


def test_leader_cannot_create_through_the_api(client, actors):
    from jinguo.core.services import api_token_create

    token = api_token_create(actor=SYSTEM, user=actors["leader"])
    r = client.post(
        "/api/v1/people",
        {
            "name": "某",
            "gender": "F",
            "ethnicity": "汉族",
            "birth_date": "1985-03-08",
            "id_number": "150602198503081005",
            "org": "150602",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert r.status_code == 403


def test_a_cadre_cannot_register_a_person_above_their_unit(login, actors):
    client = login(actors["county_cadre"])
    r = client.post(
        "/people/new/",
        {
            "name": "某",
            "gender": "F",
            "ethnicity": "汉族",
            "birth_date": "1985-03-08",
            "id_number": "150602198503081005",
            "org_code": "150600",
        },
    )
    assert r.status_code == 200
    assert "150600" in r.content.decode()  # the form keeps what was typed
    from jinguo.people.models import Person

    assert not Person.objects.exists()


def test_outsider_sees_nothing(login, actors, tree):
    new_person(actors["county_cadre"], tree["150602"])
    client = login(actors["outsider"])
    assert client.get("/people/").status_code == 403
    assert client.get("/orgs/?code=150000").status_code == 404


def test_pages_need_login(client):
    r = client.get("/people/")
    assert r.status_code == 302 and "/login/" in r["Location"]
