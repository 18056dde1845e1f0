"""Hours, texts, ids and the attendance list of a study session are bounded on the model; the API, the form
and the service refuse what lies outside with a reason and write nothing. Runs on SQLite and PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.bounds import MAX_ID, Bounds, bounds
from jinguo.core.services import api_token_create
from jinguo.people.tests.factories import new_person
from jinguo.study.models import StudyAttendance, StudySession
from jinguo.study.services import study_attendance_set, study_session_create

LONG = "读" * 100_001


@pytest.fixture
def cadre(tree):
    return new_person(SYSTEM, tree["150602"], name="甲", birth=datetime.date(1980, 1, 1))


@pytest.fixture
def bearer(actors):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}


def _day(calendar) -> datetime.date:
    return datetime.date(min(calendar["annual"]), 7, 10)


def _payload(calendar, cadre, **over) -> dict:
    day = _day(calendar)
    p = {
        "org": "150602",
        "title": "研讨",
        "form": "discussion",
        "date": day.isoformat(),
        "hours": "2",
        "theme": calendar["month"][(day.year, 7)].pk,
        "leader": cadre.pk,
        "attendance": [{"person": cadre.pk, "status": "present"}],
    }
    p.update(over)
    return p


def _post(client, bearer, payload):
    return client.post("/api/v1/study-sessions", payload, content_type="application/json", **bearer)


def _refused(response) -> set:
    return {e["loc"][2] for e in response.json()["detail"] if e["loc"][0] == "body"}


def _service_data(calendar, **over) -> dict:
    day = _day(calendar)
    d = {"title": "学习", "form": "led", "date": day, "hours": "2", "theme": calendar["month"][(day.year, 7)]}
    d.update(over)
    return d


def test_the_model_declares_the_bounds():
    assert bounds(StudySession, "hours") == Bounds(Decimal("0.5"), Decimal("12"), None)
    assert bounds(StudySession, "materials").max_length == bounds(StudySession, "summary").max_length == 5_000
    s = StudySession(hours=Decimal("12.5"), materials="x" * 5_001, summary="x" * 5_001)
    checked = {"hours", "materials", "summary"}
    with pytest.raises(ValidationError) as e:
        s.clean_fields(exclude=[f.name for f in StudySession._meta.fields if f.name not in checked])
    assert set(e.value.message_dict) == checked


@pytest.mark.parametrize(
    "over, field",
    [
        ({"hours": "12.5"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"hours": "1e30"}, "hours"),
        ({"materials": LONG}, "materials"),
        ({"summary": LONG}, "summary"),
        ({"title": "题" * 101}, "title"),
        ({"theme": 2**63}, "theme"),
        ({"leader": 2**63}, "leader"),
        ({"leader": MAX_ID + 1}, "leader"),
        ({"attendance": [{"person": 2**63}]}, "attendance"),
        ({"org": "1" * 1000}, "org"),
        ({"org": "150602\x00"}, "org"),
        ({"materials": "原著\x00"}, "materials"),
    ],
)
def test_the_api_refuses_values_out_of_bounds(client, bearer, calendar, cadre, over, field):
    r = _post(client, bearer, _payload(calendar, cadre, **over))
    assert r.status_code == 422 and _refused(r) == {field}
    assert not StudySession.objects.exists()


def test_the_api_refuses_an_attendance_list_longer_than_the_model_takes(client, bearer, calendar, cadre):
    n = StudyAttendance.MAX_PER_SESSION + 1
    r = _post(client, bearer, _payload(calendar, cadre, attendance=[{"person": i} for i in range(1, n + 1)]))
    assert r.status_code == 422 and _refused(r) == {"attendance"}


def test_the_api_takes_twelve_hours_and_the_longest_readings_but_no_more(client, bearer, calendar, cadre):
    r = _post(client, bearer, _payload(calendar, cadre, hours="12.1"))
    assert r.status_code == 422 and _refused(r) == {"hours"}
    r = _post(client, bearer, _payload(calendar, cadre, hours="12", materials="篇" * 5_000))
    assert r.status_code == 201, r.content
    assert StudySession.objects.get().hours == Decimal("12.0")


def test_the_service_names_the_bound_it_refuses(actors, tree, calendar, cadre):
    cadre_user, county = actors["county_cadre"], tree["150602"]
    with pytest.raises(ValidationError) as e:
        study_session_create(
            actor=cadre_user, org=county, **_service_data(calendar, hours="13", materials="x" * 5_001, leader=2**63)
        )
    assert set(e.value.message_dict) == {"hours", "leader", "materials"}
    assert e.value.message_dict["hours"] == ["Hours are a number from 0.5 to 12, such as 2 or 1.5."]
    assert e.value.message_dict["materials"] == ["Readings: at most 5,000 characters (5,001 given)."]
    with pytest.raises(ValidationError) as e:
        study_session_create(actor=cadre_user, org=county, attendance={2**63: "present"}, **_service_data(calendar))
    assert list(e.value.message_dict) == ["attendance"]
    assert not StudySession.objects.exists()
    s = study_session_create(actor=cadre_user, org=county, **_service_data(calendar))
    many = {i: "present" for i in range(1, StudyAttendance.MAX_PER_SESSION + 2)}
    with pytest.raises(ValidationError) as e:
        study_attendance_set(actor=cadre_user, session=s, statuses=many)
    assert e.value.message_dict == {"attendance": ["A session lists at most 1,000 attendees."]}


def test_the_form_refuses_too_long_readings_and_keeps_what_was_typed(login, actors, calendar):
    day = _day(calendar)
    r = login(actors["county_cadre"]).post(
        "/study/new/",
        {
            "title": "学习原著",
            "form": "led",
            "date": day.isoformat(),
            "hours": "2",
            "org_code": "150602",
            "theme": calendar["month"][(day.year, 7)].pk,
            "materials": LONG,
        },
    )
    body = r.content.decode()
    assert r.status_code == 200 and "at most 5000 characters" in body and 'value="学习原著"' in body
    r = login(actors["county_cadre"]).post(
        "/study/new/",
        {
            "title": "学习原著",
            "form": "led",
            "date": day.isoformat(),
            "hours": "99",
            "org_code": "150602",
            "theme": calendar["month"][(day.year, 7)].pk,
        },
    )
    assert r.status_code == 200 and "Hours are a number from 0.5 to 12" in r.content.decode()
    assert not StudySession.objects.exists()
