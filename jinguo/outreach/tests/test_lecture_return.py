"""The level above sends a lecture back with a reason; the recorder corrects it and submits it again."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.history import comment_add, history
from jinguo.core.models import Comment, Notification
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import lecture_resubmit, lecture_return, lecture_update, lecture_verify
from jinguo.outreach.tests.factories import new_lecture, today


@pytest.fixture
def held(actors, tree, calendar, lecturer):
    return new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)


def test_the_level_above_sends_back_with_a_reason_and_the_recorder_is_told(actors, held):
    lecture_return(actor=actors["ordos_cadre"], lecture=held, reason="受众人数与签到不符")
    held.refresh_from_db()
    assert held.state == LectureState.RETURNED and held.return_reason == "受众人数与签到不符"
    n = Notification.objects.get(recipient=actors["county_cadre"], kind="outreach.returned")
    assert n.body == "受众人数与签到不符" and n.url == f"/outreach/lectures/{held.pk}/"
    assert Notification.objects.get(recipient=actors["ordos_cadre"], kind="outreach.verify_request").resolved_at


def test_a_reason_is_required_and_only_the_level_above_sends_back(actors, held):
    with pytest.raises(ValidationError, match="corrected"):
        lecture_return(actor=actors["ordos_cadre"], lecture=held, reason="  ")
    for who in ("county_cadre", "sibling_cadre", "leader"):
        with pytest.raises(PermissionDenied):
            lecture_return(actor=actors[who], lecture=held, reason="不对")
    assert Lecture.objects.get().state == LectureState.HELD


def test_a_returned_lecture_is_corrected_and_submitted_again(actors, held):
    lecture_return(actor=actors["ordos_cadre"], lecture=held, reason="人数有误")
    with pytest.raises(ValidationError):
        lecture_verify(actor=actors["ordos_cadre"], lecture=held)  # not while it is sent back
    lecture_update(actor=actors["county_cadre"], lecture=held, audience_count=33)
    lecture_resubmit(actor=actors["county_cadre"], lecture=held)
    held.refresh_from_db()
    assert (held.state, held.return_reason, held.audience_count) == (LectureState.HELD, "", 33)
    assert Notification.objects.filter(recipient=actors["ordos_cadre"], kind="outreach.verify_request").count() == 2
    lecture_verify(actor=actors["ordos_cadre"], lecture=held)
    assert Lecture.objects.get().state == LectureState.VERIFIED


def test_the_history_tells_who_did_what_in_words_with_comments(actors, held):
    lecture_update(actor=actors["county_cadre"], lecture=held, audience_count=41)
    lecture_return(actor=actors["ordos_cadre"], lecture=held, reason="请补充照片")
    comment_add(actor=actors["county_cadre"], obj=held, text="已补充")
    entries = history(held, actors["ordos_cadre"])
    assert [e.what for e in entries] == ["Lecture recorded", "Lecture changed", "Sent back for correction", "Comment"]
    changed = entries[1].changes
    assert any(after == "41" for _label, _before, after in changed)
    assert entries[2].text == "请补充照片" and entries[2].who == "ordos_cadre"
    assert entries[3].text == "已补充"


def test_a_comment_needs_to_see_the_record_and_is_bounded(actors, held, login):
    with pytest.raises(PermissionDenied):
        comment_add(actor=actors["sibling_cadre"], obj=held, text="看不到")
    with pytest.raises(ValidationError):
        comment_add(actor=actors["county_cadre"], obj=held, text="字" * 1001)
    r = login(actors["sibling_cadre"]).post(f"/comments/outreach.lecture/{held.pk}/", {"text": "x"})
    assert r.status_code == 404
    r = login(actors["ordos_cadre"]).post(
        f"/comments/outreach.lecture/{held.pk}/", {"text": "核实中", "next": f"/outreach/lectures/{held.pk}/"}
    )
    assert r.status_code == 302 and r["Location"] == f"/outreach/lectures/{held.pk}/"
    assert Comment.objects.get().text == "核实中"
    assert login(actors["ordos_cadre"]).post("/comments/core.user/1/", {"text": "x"}).status_code == 404


def test_the_page_offers_send_back_and_shows_the_history(actors, held, login):
    page = login(actors["ordos_cadre"]).get(f"/outreach/lectures/{held.pk}/").content.decode()
    assert 'data-testid="send-back"' in page and 'data-testid="history"' in page
    r = login(actors["ordos_cadre"]).post(f"/outreach/lectures/{held.pk}/return/", {"reason": "照片缺失"})
    assert r.status_code == 302
    page = login(actors["county_cadre"]).get(f"/outreach/lectures/{held.pk}/").content.decode()
    assert "照片缺失" in page and 'data-testid="resubmit"' in page and 'data-testid="send-back"' not in page


def test_it_was_held_is_not_offered_for_a_lecture_in_the_future(actors, tree, calendar, lecturer, login):
    client = login(actors["county_cadre"])
    later = today() + datetime.timedelta(days=3)
    future = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, held=False, day=later)
    page = client.get(f"/outreach/lectures/{future.pk}/").content.decode()
    assert f"/outreach/lectures/{future.pk}/held/" not in page
    due = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, held=False, day=today())
    assert f"/outreach/lectures/{due.pk}/held/" in client.get(f"/outreach/lectures/{due.pk}/").content.decode()
