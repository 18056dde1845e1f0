"""A lone surrogate ("\\ud800") in any string of a JSON body is a 400 naming the field, never a 500."""

import datetime
import json

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.outreach.models import Lecture, LectureTeam
from jinguo.outreach.tests.factories import api_payload
from jinguo.people.models import Person
from jinguo.study.models import StudySession

BAD = "王\ud800"


@pytest.fixture
def post(client, actors):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}

    def _post(path, body):
        # json.dumps writes a lone surrogate as the escape "\ud800", as a client would send it.
        return client.post(path, json.dumps(body), content_type="application/json", **auth)

    return _post


def _refused(r, field):
    assert r.status_code == 400, r.content
    detail = r.json()["detail"]
    assert field in detail and "\\ud800" in detail[field][0]


def test_a_person_with_a_surrogate_is_refused(post):
    body = {
        "name": BAD,
        "gender": "F",
        "ethnicity": "蒙古族",
        "birth_date": "1985-03-08",
        "id_number": "15060219850308122X",
        "org": "150602",
    }
    _refused(post("/api/v1/people", body), "name")
    assert not Person.objects.exists()


def test_a_lecture_with_a_surrogate_is_refused(post, calendar, lecturer):
    body = api_payload(calendar, lecturer, title="宣讲", summary=f"很好{BAD}")
    _refused(post("/api/v1/lectures", body), "summary")
    assert not Lecture.objects.exists()


def test_a_study_session_with_a_surrogate_is_refused(post, calendar, lecturer):
    d = datetime.date.today()
    body = {
        "org": "150602",
        "title": "学习",
        "form": "led",
        "date": d.isoformat(),
        "hours": "2",
        "theme": calendar["month"][(d.year, d.month)].pk,
        "materials": BAD,
    }
    _refused(post("/api/v1/study-sessions", body), "materials")
    assert not StudySession.objects.exists()


def test_a_team_with_a_surrogate_is_refused(post):
    _refused(post("/api/v1/teams", {"org": "150602", "name": BAD}), "name")
    assert not LectureTeam.objects.exists()


def test_a_surrogate_in_a_nested_value_or_a_key_is_named(post):
    _refused(post("/api/v1/teams", {"org": "150602", "name": "宣讲团", "x": [{"y": BAD}]}), "x.0.y")
    _refused(post("/api/v1/teams", {"org": "150602", "name": "宣讲团", "\udfff": 1}), "\\udfff")
    assert not LectureTeam.objects.exists()
