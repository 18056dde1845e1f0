"""Check-in: a 6-digit code and a QR code per lecture; a public phone page, rate-limited."""

import datetime

import pytest

from jinguo.core.models import AuditEvent
from jinguo.outreach.models import CheckIn, Lecture
from jinguo.outreach.services import CHECKIN_LIMIT
from jinguo.outreach.tests.factories import new_lecture, today


@pytest.fixture
def lecture(actors, tree, calendar, lecturer):
    return new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)


def _url(lec):
    return f"/c/{lec.pk}/{lec.checkin_code}/"


def test_the_qr_code_is_an_svg_that_only_cadres_in_scope_get(login, actors, lecture):
    r = login(actors["county_cadre"]).get(f"/outreach/lectures/{lecture.pk}/qr.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml" and b"<svg" in r.content
    assert login(actors["sibling_cadre"]).get(f"/outreach/lectures/{lecture.pk}/qr.svg").status_code == 404


def test_the_lecture_page_shows_the_code_and_both_counts(login, actors, lecture):
    body = login(actors["county_cadre"]).get(f"/outreach/lectures/{lecture.pk}/").content.decode()
    assert lecture.checkin_code in body and _url(lecture) in body and 'data-testid="checkin-counts"' in body


def test_an_attendee_checks_in_without_logging_in(client, lecture):
    page = client.get(_url(lecture))
    assert page.status_code == 200 and lecture.title in page.content.decode()
    r = client.post(_url(lecture), {"name": "其其格", "village": "漫赖村"})
    assert r.status_code == 200 and 'data-testid="checked-in"' in r.content.decode()
    c = CheckIn.objects.get()
    assert (c.lecture, c.name, c.village, c.org_path) == (lecture, "其其格", "漫赖村", "150602100200")
    ev = AuditEvent.objects.get(event="checkin.create")
    assert "其其格" not in str(ev.detail)  # no personal data in the log
    counts = client.get(_url(lecture)).context["checked_in"]
    assert counts == 1


def test_the_page_shows_checked_in_beside_reported(client, lecture):
    client.post(_url(lecture), {"name": "其其格", "village": "漫赖村"})
    body = client.get(_url(lecture)).content.decode()
    assert 'data-testid="public-counts"' in body
    assert "1" in body and "40" in body


def test_a_wrong_code_is_not_found(client, lecture):
    wrong = "000000" if lecture.checkin_code != "000000" else "111111"
    assert client.get(f"/c/{lecture.pk}/{wrong}/").status_code == 404
    assert client.post(f"/c/{lecture.pk}/{wrong}/", {"name": "a", "village": "b"}).status_code == 404
    assert not CheckIn.objects.exists()


def test_typing_the_code_leads_to_the_lecture(client, lecture):
    r = client.post("/c/", {"code": lecture.checkin_code})
    assert r.status_code == 302 and r["Location"] == _url(lecture)
    assert client.post("/c/", {"code": "12ab"}).status_code == 400


def test_the_same_person_checks_in_once(client, lecture):
    client.post(_url(lecture), {"name": "其其格", "village": "漫赖村"})
    r = client.post(_url(lecture), {"name": "其其格", "village": "漫赖村"})
    assert r.status_code == 400 and CheckIn.objects.count() == 1


def test_check_in_is_rate_limited_per_phone_and_lecture(client, lecture, actors, tree, calendar, lecturer):
    for i in range(CHECKIN_LIMIT):
        assert client.post(_url(lecture), {"name": f"人{i}", "village": "漫赖村"}).status_code == 200
    r = client.post(_url(lecture), {"name": "又一人", "village": "漫赖村"})
    assert r.status_code == 429
    assert CheckIn.objects.count() == CHECKIN_LIMIT
    # Another phone is not held back, nor is the same phone at another lecture.
    assert client.post(_url(lecture), {"name": "别人", "village": "漫赖村"}, REMOTE_ADDR="10.0.0.9").status_code == 200
    other = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    assert client.post(_url(other), {"name": "又一人", "village": "漫赖村"}).status_code == 200


def test_code_guessing_is_rate_limited(client, lecture):
    for _ in range(20):
        client.post("/c/", {"code": "999999"})
    r = client.post("/c/", {"code": lecture.checkin_code})
    assert r.status_code == 400 and "Too many" in r.content.decode()


def test_check_in_opens_on_the_day_and_closes_the_day_after(client, lecture):
    Lecture.objects.filter(pk=lecture.pk).update(date=today() - datetime.timedelta(days=2))
    lecture.refresh_from_db()
    assert "day after" in client.get(_url(lecture)).content.decode()
    r = client.post(_url(lecture), {"name": "晚到的人", "village": "漫赖村"})
    assert r.status_code == 400 and not CheckIn.objects.exists()


def test_a_code_typed_in_full_width_or_mongolian_digits_finds_the_lecture(client, lecture):
    full_width = lecture.checkin_code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    r = client.post("/c/", {"code": f" {full_width} "})
    assert r.status_code == 302 and r["Location"] == _url(lecture)
    mongolian = lecture.checkin_code.translate(str.maketrans("0123456789", "᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙"))
    assert client.post("/c/", {"code": mongolian})["Location"] == _url(lecture)
    # A code that is not ASCII in the link is simply wrong, not a server error.
    assert client.get(f"/c/{lecture.pk}/{full_width}/").status_code == 404


@pytest.mark.django_db
def test_refused_tries_stay_counted(lecture):
    """A wrong code rolls the registration back, never the count of tries: after CHECKIN_LIMIT wrong codes the right
    one is refused too (the count was inside the transaction once, and a guesser was never stopped)."""
    from django.core.exceptions import ValidationError

    from jinguo.outreach.services import RateLimited, checkin_register

    for i in range(CHECKIN_LIMIT):
        with pytest.raises(ValidationError):
            checkin_register(lecture=lecture, code=f"{i:06d}x", name="王秀英", village="前进村", ip="10.0.0.9")
    with pytest.raises(RateLimited):
        checkin_register(lecture=lecture, code=lecture.checkin_code, name="王秀英", village="前进村", ip="10.0.0.9")
    assert CheckIn.objects.count() == 0
