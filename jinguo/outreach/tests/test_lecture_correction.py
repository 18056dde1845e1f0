"""A verified lecture changes only through a recorded correction by the verifying level."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import AuditEvent
from jinguo.outreach.models import Lecture, LectureCorrection, LectureState
from jinguo.outreach.services import lecture_correct, lecture_verify
from jinguo.outreach.tests.factories import new_lecture


@pytest.fixture
def verified(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_verify(actor=actors["ordos_cadre"], lecture=lec)
    return Lecture.objects.get(pk=lec.pk)


def test_the_league_corrects_a_verified_lecture_with_a_reason(actors, verified):
    corr = lecture_correct(actor=actors["ordos_cadre"], lecture=verified, reason="人数统计有误", audience_count=45)
    lec = Lecture.objects.get()
    assert lec.audience_count == 45 and lec.state == LectureState.VERIFIED
    assert (corr.before, corr.after, corr.reason) == ({"audience_count": 40}, {"audience_count": 45}, "人数统计有误")
    ev = AuditEvent.objects.get(event="lecture.correct")
    assert ev.detail == {"reason": "人数统计有误", "before": {"audience_count": 40}, "after": {"audience_count": 45}}


def test_the_county_cannot_correct_its_verified_lecture(actors, verified):
    with pytest.raises(PermissionDenied):
        lecture_correct(actor=actors["county_cadre"], lecture=verified, reason="想改一下", audience_count=99)
    assert Lecture.objects.get().audience_count == 40 and not LectureCorrection.objects.exists()


def test_a_correction_needs_a_reason_and_a_change(actors, verified):
    with pytest.raises(ValidationError) as e:
        lecture_correct(actor=actors["ordos_cadre"], lecture=verified, reason="", audience_count=41)
    assert "reason" in e.value.message_dict
    with pytest.raises(ValidationError, match="Nothing"):
        lecture_correct(actor=actors["ordos_cadre"], lecture=verified, reason="核对无误", audience_count=40)
    assert not LectureCorrection.objects.exists()


def test_a_correction_is_checked_like_a_new_record(actors, verified):
    with pytest.raises(ValidationError) as e:
        lecture_correct(actor=actors["ordos_cadre"], lecture=verified, reason="人数有误", audience_count=-5)
    assert e.value.message_dict["audience_count"] == ["The audience count cannot be below zero."]
    assert Lecture.objects.get().audience_count == 40


def test_only_a_verified_lecture_is_corrected(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    with pytest.raises(ValidationError, match="directly"):
        lecture_correct(actor=actors["ordos_cadre"], lecture=lec, reason="人数有误", audience_count=1)


def test_the_correction_page_records_it_and_the_lecture_shows_it(login, actors, verified):
    client = login(actors["county_cadre"])
    assert client.get(f"/outreach/lectures/{verified.pk}/correct/").status_code == 403
    client = login(actors["ordos_cadre"])
    page = client.get(f"/outreach/lectures/{verified.pk}/correct/")
    assert page.status_code == 200
    form = page.context["form"]
    post = {k: v for k, v in form.initial.items() if v not in (None, "")}
    post.update({"audience_count": "44", "reason": "复核后更正人数"})
    r = client.post(f"/outreach/lectures/{verified.pk}/correct/", post)
    assert r.status_code == 302, r.content.decode()[:500]
    body = client.get(f"/outreach/lectures/{verified.pk}/").content.decode()
    assert "复核后更正人数" in body and Lecture.objects.get().audience_count == 44
