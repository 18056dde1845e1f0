"""Joint study sessions: form, leader, readings, attendees and attendance, scoped and audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.people.tests.factories import new_person
from jinguo.study.models import Attendance, StudyAttendance, StudySession
from jinguo.study.services import study_attendance_set, study_session_create, study_session_update


@pytest.fixture
def cadres(tree):
    return [
        new_person(SYSTEM, tree["150602"], name=n, birth=datetime.date(1980, 1, i + 1)) for i, n in enumerate("甲乙丙")
    ]


def _day(calendar):
    year = min(calendar["annual"])
    return datetime.date(year, 7, 10)


def _create(actor, org, calendar, **kw):
    day = kw.pop("date", None) or _day(calendar)
    data = {
        "title": "学习《习近平走进百姓家》",
        "form": "led",
        "date": day,
        "hours": "2.5",
        "theme": calendar["month"][(day.year, day.month)],
        "materials": "习近平走进百姓家\n\n 党的二十大报告 ",
    }
    data.update(kw)
    return study_session_create(actor=actor, org=org, **data)


def test_a_county_records_a_session_with_attendance(actors, tree, calendar, cadres):
    s = _create(
        actors["county_cadre"],
        tree["150602"],
        calendar,
        leader=cadres[0].pk,
        attendance={cadres[0].pk: "present", cadres[1].pk: "present", cadres[2].pk: "leave"},
    )
    assert s.material_list == ["习近平走进百姓家", "党的二十大报告"] and s.leader == cadres[0]
    assert str(s.hours) == "2.5"
    assert dict(s.attendance.values_list("person__name", "status")) == {"甲": "present", "乙": "present", "丙": "leave"}
    assert [e.event for e in AuditEvent.objects.filter(event__startswith="study.").order_by("seq")] == [
        "study.create",
        "study.attendance",
    ]


def test_attendance_is_replaced_as_a_whole(actors, tree, calendar, cadres):
    s = _create(actors["county_cadre"], tree["150602"], calendar, attendance={cadres[0].pk: "present"})
    study_attendance_set(
        actor=actors["county_cadre"], session=s, statuses={cadres[0].pk: "absent", cadres[1].pk: "present"}
    )
    assert dict(s.attendance.values_list("person_id", "status")) == {cadres[0].pk: "absent", cadres[1].pk: "present"}


def test_an_attendee_not_in_the_registry_is_refused(actors, tree, calendar, cadres):
    with pytest.raises(ValidationError) as e:
        _create(
            actors["county_cadre"], tree["150602"], calendar, attendance={cadres[0].pk: "present", 777777: "present"}
        )
    assert e.value.message_dict["attendance"] == ["Person #777777 is not in the people registry of your units."]
    assert not StudySession.objects.exists() and not StudyAttendance.objects.exists()


def test_a_person_of_a_sibling_county_cannot_be_listed(actors, tree, calendar):
    stranger = new_person(SYSTEM, tree["150621"], name="别人")
    with pytest.raises(ValidationError, match="of your units"):
        _create(actors["county_cadre"], tree["150602"], calendar, leader=stranger.pk)


def test_bad_fields_are_refused_together(actors, tree, calendar):
    wrong_theme = calendar["month"][(_day(calendar).year, 1)]
    with pytest.raises(ValidationError) as e:
        _create(actors["county_cadre"], tree["150602"], calendar, form="聊天", hours="0", theme=wrong_theme, title="")
    assert set(e.value.message_dict) == {"form", "hours", "theme", "title"}


def test_scope_sibling_404_and_leader_403(login, actors, tree, calendar, cadres):
    s = _create(actors["county_cadre"], tree["150602"], calendar)
    with pytest.raises(PermissionDenied):
        _create(actors["county_cadre"], tree["150621"], calendar)
    with pytest.raises(PermissionDenied):
        study_session_update(actor=actors["leader"], session=s, title="改")
    assert login(actors["sibling_cadre"]).get(f"/study/{s.pk}/").status_code == 404
    leader = login(actors["leader"])
    assert leader.get(f"/study/{s.pk}/").status_code == 200
    assert leader.get(f"/study/{s.pk}/edit/").status_code == 403
    assert leader.post(f"/study/{s.pk}/attendance/", {"add": [cadres[0].pk]}).status_code == 403
    assert leader.get("/study/new/").status_code == 403


def test_the_pages_record_a_session_and_take_attendance(login, actors, tree, calendar, cadres):
    client = login(actors["county_cadre"])
    day = _day(calendar)
    r = client.post(
        "/study/new/",
        {
            "title": "专题辅导",
            "form": "tutorial",
            "date": day.isoformat(),
            "hours": "3",
            "org_code": "150602",
            "theme": calendar["quarter"][(day.year, 3)].pk,
            "materials": "党的二十大报告",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    s = StudySession.objects.get()
    assert r["Location"] == f"/study/{s.pk}/"
    page = client.get(f"/study/{s.pk}/").content.decode()
    assert all(c.name in page for c in cadres)  # registered at the unit: offered as attendees
    client.post(f"/study/{s.pk}/attendance/", {"add": [c.pk for c in cadres]})
    assert s.attendance.filter(status=Attendance.PRESENT).count() == 3
    client.post(
        f"/study/{s.pk}/attendance/",
        {"person": [c.pk for c in cadres], f"status_{cadres[0].pk}": "leave", f"remove_{cadres[2].pk}": "1"},
    )
    assert dict(s.attendance.values_list("person_id", "status")) == {cadres[0].pk: "leave", cadres[1].pk: "present"}


def test_the_api_lists_and_creates_sessions(client, actors, tree, calendar, cadres):
    from jinguo.core.services import api_token_create

    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}
    day = _day(calendar)
    r = client.post(
        "/api/v1/study-sessions",
        {
            "org": "150602",
            "title": "研讨",
            "form": "discussion",
            "date": day.isoformat(),
            "hours": "2",
            "theme": calendar["month"][(day.year, 7)].pk,
            "attendance": [{"person": cadres[0].pk, "status": "present"}],
        },
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201, r.content
    assert r.json()["attendance"] == [{"person": cadres[0].pk, "name": "甲", "status": "present"}]
    assert client.get("/api/v1/study-sessions", **auth).json()["count"] == 1
    other = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['sibling_cadre'])}"}
    assert client.get(f"/api/v1/study-sessions/{r.json()['id']}", **other).status_code == 404
