"""planned → held → verified by the level above; a verified lecture is frozen."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import AuditEvent
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import (
    can_verify,
    lecture_delete,
    lecture_mark_held,
    lecture_update,
    lecture_verify,
)
from jinguo.outreach.tests.factories import new_lecture, today


@pytest.fixture
def planned(actors, tree, calendar, lecturer):
    return new_lecture(
        actors["county_cadre"], tree["150602100200"], calendar, lecturer, held=False, audience_count=None
    )


def test_the_full_path_planned_held_verified(actors, planned):
    lecture_mark_held(actor=actors["county_cadre"], lecture=planned, audience_count=60, summary="好")
    assert Lecture.objects.get().state == LectureState.HELD
    lecture_verify(actor=actors["ordos_cadre"], lecture=planned)
    lec = Lecture.objects.get()
    assert lec.state == LectureState.VERIFIED and lec.verified_by == actors["ordos_cadre"] and lec.verified_at
    assert list(
        AuditEvent.objects.filter(event__startswith="lecture.").order_by("seq").values_list("event", flat=True)
    ) == [
        "lecture.create",
        "lecture.held",
        "lecture.verify",
    ]


def test_a_planned_lecture_cannot_be_verified(actors, planned):
    with pytest.raises(ValidationError, match="not been closed out"):
        lecture_verify(actor=actors["ordos_cadre"], lecture=planned)


def test_closing_out_needs_an_audience_of_zero_or_more(actors, planned):
    with pytest.raises(ValidationError) as e:
        lecture_mark_held(actor=actors["county_cadre"], lecture=planned, audience_count=-1)
    assert "audience_count" in e.value.message_dict
    assert Lecture.objects.get().state == LectureState.PLANNED


def test_the_county_itself_cannot_verify_its_lecture(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["village_cadre"], tree["150602100200"], calendar, lecturer)
    assert not can_verify(actors["county_cadre"], lec.org_path)
    with pytest.raises(PermissionDenied):
        lecture_verify(actor=actors["county_cadre"], lecture=lec)
    assert Lecture.objects.get().state == LectureState.HELD


def test_the_region_may_verify_a_county_lecture_but_nobody_their_own(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["region_cadre"], tree["150602"], calendar, lecturer)
    with pytest.raises(PermissionDenied, match="themselves"):
        lecture_verify(actor=actors["region_cadre"], lecture=lec)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)


def test_the_leader_and_the_sibling_cannot_verify(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    for who in ("leader", "sibling_cadre", "outsider"):
        with pytest.raises(PermissionDenied):
            lecture_verify(actor=actors[who], lecture=lec)


def test_a_verified_lecture_cannot_be_edited_or_removed(actors, tree, calendar, lecturer, login):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    with pytest.raises(ValidationError, match="correction"):
        lecture_update(actor=actors["county_cadre"], lecture=lec, audience_count=999)
    with pytest.raises(ValidationError, match="correction"):
        lecture_delete(actor=actors["county_cadre"], lecture=lec)
    client = login(actors["county_cadre"])
    assert client.get(f"/outreach/lectures/{lec.pk}/edit/").status_code == 302
    assert client.post(f"/outreach/lectures/{lec.pk}/delete/").status_code == 302
    assert Lecture.objects.get().audience_count == 40


def test_verifying_twice_is_refused_cleanly(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    stale = Lecture.objects.get(pk=lec.pk)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    with pytest.raises(ValidationError, match="Already decided by ordos_cadre"):
        lecture_verify(actor=actors["region_cadre"], lecture=stale)  # it still reads "held"
    assert AuditEvent.objects.filter(event="lecture.verify").count() == 1


def test_the_league_verifies_from_the_page(login, actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    body = login(actors["county_cadre"]).get(f"/outreach/lectures/{lec.pk}/").content.decode()
    assert 'data-testid="verify"' not in body
    client = login(actors["ordos_cadre"])
    assert 'data-testid="verify"' in client.get(f"/outreach/lectures/{lec.pk}/").content.decode()
    assert client.post(f"/outreach/lectures/{lec.pk}/verify/").status_code == 302
    assert Lecture.objects.get().state == LectureState.VERIFIED


def test_a_held_lecture_is_edited_and_the_change_audited(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    lecture_update(actor=actors["county_cadre"], lecture=lec, audience_count=77, org=tree["150602100200"])
    lec.refresh_from_db()
    assert lec.audience_count == 77 and lec.org_path == "150602100200"
    ev = AuditEvent.objects.get(event="lecture.update")
    assert ev.detail["before"]["audience_count"] == 40 and ev.detail["after"]["audience_count"] == 77


def test_moving_the_date_gives_a_new_checkin_code_window(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, held=False, audience_count=None)
    day = today().replace(day=1)
    other = day if day != lec.date else day + datetime.timedelta(days=1)
    lecture_update(actor=actors["county_cadre"], lecture=lec, date=other)
    assert Lecture.objects.get().date == other
