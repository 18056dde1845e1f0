"""Submit once (core.idempotency): every create form carries a one-time token and the API takes an
Idempotency-Key, so a double click, a resent form or a retried call creates one record."""

import datetime
import json

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.idempotency import FIELD, HEADER
from jinguo.core.services import api_token_create
from jinguo.outreach.models import LectureTeam
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person

CREATE_PAGES = [
    "/outreach/lectures/new/",
    "/outreach/teams/new/",
    "/people/new/",
    "/planning/themes/new/",
    "/planning/series/new/",
    "/study/new/",
    "/contest/new/",
    ("sysadmin", "/users/"),
    "/imports/lectures/",
    "/imports/people/",
]


@pytest.mark.parametrize("url", CREATE_PAGES)
def test_every_create_form_carries_a_token(login, actors, url):
    who, url = url if isinstance(url, tuple) else ("region_cadre", url)
    page = login(actors[who]).get(url)
    assert page.status_code == 200
    assert page.content.decode().count(f'name="{FIELD}"') >= 1


def _team(client, token, name="东胜区宣讲团"):
    return client.post("/outreach/teams/new/", {FIELD: token, "org_code": "150602", "name": name})


def test_a_form_page_sent_twice_creates_one_record_and_both_land_on_it(login, actors):
    client = login(actors["county_cadre"])
    first, again = _team(client, "t1"), _team(client, "t1")
    team = LectureTeam.objects.get()
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert str(team.pk) in first["Location"]
    _team(client, "t2", name="另一个宣讲团")
    assert LectureTeam.objects.count() == 2


def test_a_refused_form_keeps_its_token_for_the_corrected_send(login, actors):
    client = login(actors["county_cadre"])
    assert _team(client, "t3", name="").status_code == 200
    assert _team(client, "t3").status_code == 302 and LectureTeam.objects.count() == 1


ID_A = make_id_number("150602", datetime.date(1990, 3, 7), 1)
ID_B = make_id_number("150602", datetime.date(1990, 3, 7), 2)


def _person(n=ID_A):
    return {
        "name": "王芳",
        "gender": "F",
        "birth_date": "1990-03-07",
        "ethnicity": "汉族",
        "id_number": n,
        "org": "150602100200",
    }


@pytest.fixture
def api(client, actors):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}

    def post(body, key=None):
        headers = dict(auth)
        if key:
            headers["HTTP_" + HEADER.upper().replace("-", "_")] = key
        return client.post("/api/v1/people", json.dumps(body), content_type="application/json", **headers)

    return post


def test_an_api_call_retried_with_its_key_gets_the_same_answer_and_creates_once(api):
    first = api(_person(), key="k-1")
    assert first.status_code == 201, first.content
    again = api(_person(), key="k-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert Person.objects.count() == 1
    assert api(_person(), key="k-2").status_code == 400  # a new key is a new call: the registry refuses the repeat


def test_a_refused_api_call_releases_its_key(api):
    assert api(_person("123"), key="k-3").status_code in (400, 422)
    assert api(_person(), key="k-3").status_code == 201


def test_keys_belong_to_their_caller(client, actors, api):
    assert api(_person(), key="k-4").status_code == 201
    other = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['region_cadre'])}"}
    answer = client.post(
        "/api/v1/people",
        json.dumps(_person(ID_B)),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-4",
        **other,
    )
    assert answer.status_code == 201 and not answer.has_header("Idempotent-Replayed")
