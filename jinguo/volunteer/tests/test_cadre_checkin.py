"""A volunteer without a phone is checked in and out by the cadre on the activity page: the same checks as her
own check-in (once, the open window, overlaps), the cadre's unit only, and an out-of-reach volunteer gets the
answer an unknown one gets."""

import datetime

import pytest
from django.utils import timezone

from jinguo.volunteer import services
from jinguo.volunteer.models import ServiceRecord


@pytest.fixture
def running(actors, tree, project):
    """A shift of 东胜区's project at 漫赖村 that started ten minutes ago."""
    now = timezone.now()
    a = services.activity_create(
        actor=actors["county_cadre"],
        project=project,
        org=tree["150602100200"],
        title="敬老院陪伴",
        date=timezone.localtime(now).date(),
        shifts=[(now - datetime.timedelta(minutes=10), now + datetime.timedelta(minutes=50), 5)],
    )
    return a, a.shifts.get()


def _messages(response) -> str:
    """The messages the redirected page shows (following the redirect reads them)."""
    return " ".join(str(m) for m in response.context["messages"])


def test_the_cadre_checks_a_team_member_in_and_out(login, actors, volunteer, running):
    activity, shift = running
    web = login(actors["county_cadre"])
    page = web.get(f"/volunteer/activities/{activity.pk}/").content.decode()
    assert 'data-testid="roster"' in page and f'<option value="{volunteer.pk}">娜仁</option>' in page
    r = web.post(f"/volunteer/shifts/{shift.pk}/checkin/", {"volunteer": volunteer.pk})
    assert r.status_code == 302 and r["Location"].endswith(f"/volunteer/activities/{activity.pk}/#shift-{shift.pk}")
    record = ServiceRecord.objects.get(shift=shift, volunteer=volunteer)
    assert record.checkin_at is not None and record.created_by == actors["county_cadre"]
    again = web.post(f"/volunteer/shifts/{shift.pk}/checkin/", {"volunteer": volunteer.pk}, follow=True)
    assert "already checked in" in _messages(again) and ServiceRecord.objects.filter(shift=shift).count() == 1
    page = web.get(f"/volunteer/activities/{activity.pk}/").content.decode()
    assert f"/volunteer/records/{record.pk}/checkout/" in page
    web.post(f"/volunteer/records/{record.pk}/checkout/")
    record.refresh_from_db()
    assert record.checkout_at is not None


def test_a_volunteer_out_of_reach_is_answered_as_an_unknown_one(login, actors, tree, running):
    from jinguo.people.tests.factories import new_person

    _activity, shift = running
    theirs = services.volunteer_register(
        actor=actors["sibling_cadre"],
        person=new_person(actors["sibling_cadre"], tree["150621100200"], name="林原"),
        consent_by="本人",
        consent_method="书面同意书",
    )
    web = login(actors["county_cadre"])
    hidden = _messages(web.post(f"/volunteer/shifts/{shift.pk}/checkin/", {"volunteer": theirs.pk}, follow=True))
    unknown = _messages(
        web.post(f"/volunteer/shifts/{shift.pk}/checkin/", {"volunteer": theirs.pk + 1000}, follow=True)
    )
    assert hidden.replace(str(theirs.pk), "#") == unknown.replace(str(theirs.pk + 1000), "#") and "林原" not in hidden
    assert not ServiceRecord.objects.exists()


def test_a_siblings_cadre_cannot_check_anyone_in(login, actors, volunteer, running):
    _activity, shift = running
    r = login(actors["sibling_cadre"]).post(f"/volunteer/shifts/{shift.pk}/checkin/", {"volunteer": volunteer.pk})
    assert r.status_code == 404 and not ServiceRecord.objects.exists()
