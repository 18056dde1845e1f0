"""A volunteer's own pages: sign up, check in with the code (typed, or carried by the QR code), check out, her
hours; the organiser's shift shows the code and the QR code; the certificate of a period."""

import datetime
import io

from django.utils import timezone

from jinguo.core.models import AuditEvent
from jinguo.volunteer import services
from jinguo.volunteer.models import RecordState, ServiceRecord, SignUp


def _soon(activity_shift):
    """Move a shift to start now, so that the page (which uses the clock) can check in and out."""
    now = timezone.now()
    activity_shift.starts_at = now - datetime.timedelta(minutes=5)
    activity_shift.ends_at = now + datetime.timedelta(minutes=5)
    activity_shift.save()
    return activity_shift


def test_sign_up_check_in_and_out_on_the_phone_pages(login, volunteer, volunteer_user, shifts):
    web = login(volunteer_user)
    shift = shifts[0]
    page = web.get("/volunteer/me/").content.decode()
    assert f'data-testid="signup-{shift.pk}"' in page
    web.post(f"/volunteer/me/shifts/{shift.pk}/signup/")
    assert SignUp.objects.filter(shift=shift, volunteer=volunteer, cancelled_at__isnull=True).exists()
    _soon(shift)
    r = web.post(f"/volunteer/me/shifts/{shift.pk}/", {"code": "000000" if shift.checkin_code != "000000" else "1"})
    assert r.status_code == 400 and "wrong" in r.content.decode()
    r = web.post(f"/volunteer/me/shifts/{shift.pk}/", {"code": shift.checkin_code})
    assert r.status_code == 302
    assert 'data-testid="checked-in"' in web.get(r["Location"]).content.decode()
    r = web.post(f"/volunteer/me/shifts/{shift.pk}/", {"code": shift.checkin_code})
    record = ServiceRecord.objects.get()
    assert record.checkout_at is not None and record.state in (RecordState.PENDING, RecordState.SHORT)
    assert AuditEvent.objects.filter(event="volunteer.checkout").count() == 1


def test_the_qr_link_fills_in_the_code(login, volunteer, volunteer_user, shifts):
    shift = shifts[0]
    page = login(volunteer_user).get(f"/volunteer/c/{shift.pk}/{shift.checkin_code}/").content.decode()
    assert f'value="{shift.checkin_code}"' in page


def test_the_organiser_sees_the_code_and_the_qr_code(login, actors, activity, shifts):
    web = login(actors["county_cadre"])
    page = web.get(f"/volunteer/activities/{activity.pk}/").content.decode()
    assert shifts[0].checkin_code in page and f"/volunteer/shifts/{shifts[0].pk}/qr.svg" in page
    svg = web.get(f"/volunteer/shifts/{shifts[0].pk}/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert login(actors["sibling_cadre"]).get(f"/volunteer/shifts/{shifts[0].pk}/qr.svg").status_code == 404


def test_a_full_shift_takes_no_more_sign_ups(login, actors, tree, team, volunteer, volunteer_user, shifts):
    from django.core.exceptions import ValidationError

    from jinguo.people.tests.factories import new_person

    other = services.volunteer_register(
        actor=actors["county_cadre"],
        person=new_person(actors["county_cadre"], tree["150602"], name="满员"),
        consent_by="本人",
        consent_method="口头",
        teams=[team],
    )
    services.signup_create(actor=actors["county_cadre"], shift=shifts[2], volunteer=other)  # needs 1
    try:
        services.signup_create(actor=volunteer_user, shift=shifts[2])
        raise AssertionError("a full shift took a sign-up")
    except ValidationError as e:
        assert "full" in str(e)


def test_the_home_page_card_of_a_volunteer(login, volunteer, volunteer_user, shifts):
    page = login(volunteer_user).get("/").content.decode()
    assert 'data-testid="volunteer-home"' in page and 'data-testid="my-service"' in page


def test_the_certificate_of_a_period(login, actors, tree, volunteer, league_approver):
    from docx import Document

    day = timezone.localdate() - datetime.timedelta(days=3)
    r = services.backfill_create(
        actor=actors["county_cadre"], volunteer=volunteer, org=tree["150602100200"], date=day, hours="2.5", note="入户"
    )
    services.record_approve(actor=league_approver, record=r)
    url = f"/volunteer/volunteers/{volunteer.pk}/certificate.docx?start={day.replace(day=1)}&end={timezone.localdate()}"
    got = login(actors["county_cadre"]).get(url)
    assert got.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(got.content)).paragraphs)
    assert "娜仁" in text and "2.5" in text
    assert AuditEvent.objects.filter(event="volunteer.certificate").count() == 1
    assert login(actors["sibling_cadre"]).get(url).status_code == 404
