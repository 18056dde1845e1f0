"""Recording a lecture: what is accepted, and every bad input the issue names refused with a clear
message and nothing written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import lecture_create, period_close
from jinguo.outreach.tests.factories import data, last_month_day, new_lecture, today


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_county_cadre_records_a_held_lecture_in_a_village(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    assert lec.state == LectureState.HELD and lec.org_path == "150602100200"
    assert list(lec.lecturers.values_list("pk", flat=True)) == [lecturer.pk]
    assert len(lec.checkin_code) == 6 and lec.checkin_code.isdigit()
    ev = AuditEvent.objects.get(event="lecture.create")
    assert ev.org_path == "150602100200" and ev.detail["after"]["lecturers"] == [lecturer.pk]


def test_a_planned_lecture_needs_no_audience_yet(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, held=False, audience_count=None)
    assert lec.state == LectureState.PLANNED and lec.audience_count is None


def test_a_planned_lectures_audience_reads_as_a_dash_not_none(login, actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, held=False, audience_count=None)
    client = login(actors["county_cadre"])
    detail = client.get(f"/outreach/lectures/{lec.pk}/").content.decode()
    assert 'data-testid="audience">—</dd>' in detail and "None" not in detail
    assert "None" not in client.get("/outreach/lectures/").content.decode()


def _refused(exc, actor, org, **kw):
    with pytest.raises(exc) as e:
        lecture_create(actor=actor, org=org, held=kw.pop("held", True), **kw)
    assert not Lecture.objects.exists()
    assert not AuditEvent.objects.filter(event="lecture.create").exists()
    return e.value


def test_a_unit_outside_the_users_scope_is_refused(actors, tree, calendar, lecturer):
    err = _refused(PermissionDenied, actors["county_cadre"], tree["150621100200"], **data(calendar, lecturer))
    assert "林原村" in str(err)


def test_an_audience_below_zero_is_refused(actors, tree, calendar, lecturer):
    err = _refused(
        ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, audience_count=-3)
    )
    assert err.message_dict["audience_count"] == ["The audience count cannot be below zero."]


def test_a_date_in_a_verified_month_is_refused(actors, tree, calendar, lecturer):
    period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    err = _refused(
        ValidationError,
        actors["county_cadre"],
        tree["150602100200"],
        **data(calendar, lecturer, day=last_month_day()),
    )
    assert "has been checked by the level above and is closed" in err.message_dict["date"][0]


def test_a_lecturer_not_in_the_registry_is_refused(actors, tree, calendar, lecturer):
    err = _refused(
        ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, lecturer_ids=[987654])
    )
    assert err.message_dict["lecturers"] == [
        "Lecturer #987654 is neither in the people registry of your units nor in a lecture team serving this unit."
    ]


def test_a_registered_person_of_a_sibling_county_is_refused(actors, tree, calendar):
    from jinguo.people.tests.factories import new_person

    stranger = new_person(SYSTEM, tree["150621100200"], name="陌生人")
    err = _refused(ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, stranger))
    # The same answer as for an unknown id: the stranger's name is never shown.
    assert err.message_dict["lecturers"] == [
        f"Lecturer #{stranger.pk} is neither in the people registry of your units "
        "nor in a lecture team serving this unit."
    ]


def test_a_lecturer_of_a_team_above_may_be_named(actors, tree, calendar):
    """A region lecturer (not in the county's registry) speaks in a village: allowed through the team."""
    from jinguo.outreach.services import lecturer_add, team_create
    from jinguo.people.tests.factories import new_person

    region_person = new_person(SYSTEM, tree["150000"], name="其其格")
    team = team_create(actor=actors["region_cadre"], org=tree["150000"], name="自治区宣讲团")
    lecturer_add(actor=actors["region_cadre"], team=team, person=region_person)
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, region_person, team=team)
    assert lec.team == team


def test_no_lecturer_is_refused(actors, tree, calendar, lecturer):
    err = _refused(ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, lecturer_ids=[]))
    assert "lecturers" in err.message_dict


def test_a_theme_that_does_not_cover_the_date_is_refused(actors, tree, calendar, lecturer):
    wrong = calendar["month"][(last_month_day().year, last_month_day().month)]
    err = _refused(ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, theme=wrong))
    assert "outside it" in err.message_dict["theme"][0]


def test_a_theme_of_a_sibling_county_is_refused(actors, tree, calendar, lecturer):
    from jinguo.planning.services import theme_create

    d = today()
    theirs = theme_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        kind="month",
        year=d.year,
        month=d.month,
        title="达拉特旗的重点",
        parent=calendar["quarter"][(d.year, (d.month - 1) // 3 + 1)],
    )
    err = _refused(ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, theme=theirs))
    assert "belongs to another unit" in err.message_dict["theme"][0]


def test_a_held_lecture_cannot_be_in_the_future(actors, tree, calendar, lecturer):
    import datetime

    future = today() + datetime.timedelta(days=40)
    err = _refused(ValidationError, actors["county_cadre"], tree["150602"], **data(calendar, lecturer, day=future))
    assert "future" in err.message_dict["date"][0]


def test_offline_lectures_have_no_online_views(actors, tree, calendar, lecturer):
    err = _refused(
        ValidationError,
        actors["county_cadre"],
        tree["150602"],
        **data(calendar, lecturer, mode="offline", online_views=30),
    )
    assert "online_views" in err.message_dict


def test_the_form_shows_the_error_and_writes_nothing(login, actors, tree, calendar, lecturer):
    d = data(calendar, lecturer, audience_count=-1)
    r = login(actors["county_cadre"]).post(
        "/outreach/lectures/new/",
        {
            "title": d["title"],
            "kind": "lecture",
            "date": d["date"].isoformat(),
            "org_code": "150602100200",
            "lecturers": [lecturer.pk],
            "theme": d["theme"].pk,
            "topic": d["topic"].pk,
            "audience_group": d["audience_group"].pk,
            "mode": "offline",
            "language": "zh",
            "audience_count": "-1",
            "held": "on",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = r.content.decode()
    assert r.status_code == 200 and "The audience count cannot be below zero." in body and "is-invalid" in body
    assert not Lecture.objects.exists()


def test_the_form_refuses_a_unit_outside_the_users_units(login, actors, tree, calendar, lecturer):
    d = data(calendar, lecturer)
    r = login(actors["county_cadre"]).post(
        "/outreach/lectures/new/",
        {
            "title": d["title"],
            "kind": "lecture",
            "date": d["date"].isoformat(),
            "org_code": "150621100200",
            "lecturers": [lecturer.pk],
            "theme": d["theme"].pk,
            "topic": d["topic"].pk,
            "audience_group": d["audience_group"].pk,
            "mode": "offline",
            "language": "zh",
            "audience_count": "12",
            "held": "on",
        },
    )
    assert r.status_code == 200 and not Lecture.objects.exists()
    assert "form-control is-invalid" in r.content.decode()


def test_a_cadre_records_a_lecture_through_the_form(login, actors, tree, calendar, lecturer):
    d = data(calendar, lecturer)
    r = login(actors["county_cadre"]).post(
        "/outreach/lectures/new/",
        {
            "title": d["title"],
            "kind": "talk",
            "date": d["date"].isoformat(),
            "start_time": "14:30",
            "org_code": "150602100200",
            "place": "村委会",
            "lecturers": [lecturer.pk],
            "theme": d["theme"].pk,
            "topic": d["topic"].pk,
            "campaign": d["campaign"].pk,
            "formats": ["micro_film", "interaction"],
            "audience_group": d["audience_group"].pk,
            "mode": "hybrid",
            "online_views": "300",
            "language": "both",
            "audience_count": "55",
            "summary": "反响良好",
            "held": "on",
        },
    )
    lec = Lecture.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/outreach/lectures/{lec.pk}/"
    assert (lec.kind, lec.formats, lec.online_views, lec.audience_count, lec.state) == (
        "talk",
        ["micro_film", "interaction"],
        300,
        55,
        "held",
    )
