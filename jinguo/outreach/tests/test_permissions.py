"""Every permission edge of lectures: the sibling gets 404, the leader reads but cannot write."""

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.outreach.tests.factories import new_lecture


@pytest.fixture
def lecture(actors, tree, calendar, lecturer):
    return new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)


@pytest.fixture
def bearer(actors):
    def _for(name):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors[name])}"}

    return _for


def test_the_sibling_county_gets_404_everywhere(login, actors, lecture, client, bearer):
    c = login(actors["sibling_cadre"])
    for url in ("", "edit/", "correct/", "qr.svg", "photos/1/"):
        assert c.get(f"/outreach/lectures/{lecture.pk}/{url}").status_code == 404, url
    for url in ("held/", "verify/", "delete/", "photos/"):
        assert c.post(f"/outreach/lectures/{lecture.pk}/{url}").status_code == 404, url
    assert "学习贯彻" not in c.get("/outreach/lectures/").content.decode()
    auth = bearer("sibling_cadre")
    assert client.get(f"/api/v1/lectures/{lecture.pk}", **auth).status_code == 404
    assert client.post(f"/api/v1/lectures/{lecture.pk}/verify", **auth).status_code == 404
    assert client.get("/api/v1/lectures", **auth).json()["count"] == 0


def test_the_leader_reads_but_cannot_write(login, actors, lecture, client, bearer):
    c = login(actors["leader"])
    assert c.get(f"/outreach/lectures/{lecture.pk}/").status_code == 200
    assert c.get(f"/outreach/lectures/{lecture.pk}/edit/").status_code == 403
    assert c.post(f"/outreach/lectures/{lecture.pk}/delete/").status_code == 403
    assert c.post(f"/outreach/lectures/{lecture.pk}/held/").status_code == 403
    assert c.get("/outreach/lectures/new/").status_code == 403
    assert c.post(f"/outreach/lectures/{lecture.pk}/verify/").status_code == 403
    assert c.get("/outreach/teams/new/").status_code == 403
    assert c.get("/outreach/coverage/").status_code == 200
    auth = bearer("leader")
    assert client.get(f"/api/v1/lectures/{lecture.pk}", **auth).status_code == 200
    assert client.post(f"/api/v1/lectures/{lecture.pk}/verify", **auth).status_code == 403


def test_an_outsider_sees_nothing(login, actors, lecture):
    c = login(actors["outsider"])
    assert c.get(f"/outreach/lectures/{lecture.pk}/").status_code == 404
    assert c.get("/outreach/lectures/").status_code == 403
    assert c.get("/outreach/coverage/").status_code == 403


def test_a_village_cadre_sees_its_village_only(login, actors, lecture, tree, calendar, lecturer):
    other = new_lecture(actors["county_cadre"], tree["150602001001"], calendar, lecturer, title="社区宣讲")
    c = login(actors["village_cadre"])
    assert c.get(f"/outreach/lectures/{lecture.pk}/").status_code == 200
    assert c.get(f"/outreach/lectures/{other.pk}/").status_code == 404
