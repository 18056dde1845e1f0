"""The API under /api/v1/volunteer/: a volunteer's shifts, sign-up, check-in and check-out with the code, the
refusals (after the end, overlapping), back-fill, bulk approval and the leaderboard."""

import datetime

import pytest
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.volunteer.models import RecordState, ServiceRecord


@pytest.fixture
def api(client):
    def call(user, method, path, payload=None):
        token = api_token_create(actor=SYSTEM, user=user)
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if payload is not None:
            kwargs.update(data=payload, content_type="application/json")
        return getattr(client, method)(f"/api/v1/volunteer{path}", **kwargs)

    return call


def _now_shift(shift, *, started=5, ends_in=5):
    now = timezone.now()
    shift.starts_at = now - datetime.timedelta(minutes=started)
    shift.ends_at = now + datetime.timedelta(minutes=ends_in)
    shift.save()
    return shift


def test_a_volunteer_signs_up_checks_in_and_out(api, volunteer, volunteer_user, shifts):
    mine = api(volunteer_user, "get", "/me/shifts")
    assert mine.status_code == 200 and {s["id"] for s in mine.json()} == {s.pk for s in shifts}
    assert api(volunteer_user, "post", f"/shifts/{shifts[0].pk}/signup").status_code == 201
    shift = _now_shift(shifts[0])
    r = api(volunteer_user, "post", f"/shifts/{shift.pk}/checkin", {"code": shift.checkin_code})
    assert r.status_code == 201 and r.json()["state"] == "open"
    out = api(volunteer_user, "post", f"/records/{r.json()['id']}/checkout", {"code": shift.checkin_code})
    assert out.status_code == 200 and out.json()["state"] in ("pending", "short")


def test_the_api_refuses_a_code_after_the_end_and_overlapping_shifts(api, volunteer, volunteer_user, shifts):
    a, b = _now_shift(shifts[0]), _now_shift(shifts[1], started=1, ends_in=30)
    assert api(volunteer_user, "post", f"/shifts/{a.pk}/checkin", {"code": a.checkin_code}).status_code == 201
    overlap = api(volunteer_user, "post", f"/shifts/{b.pk}/checkin", {"code": b.checkin_code})
    assert overlap.status_code == 400 and "overlaps this shift" in str(overlap.json()["detail"])
    c = _now_shift(shifts[2], started=120, ends_in=-60)
    late = api(volunteer_user, "post", f"/shifts/{c.pk}/checkin", {"code": c.checkin_code})
    assert late.status_code in (400, 404)  # an ended shift is no longer offered to her, nor checks anyone in
    assert ServiceRecord.objects.count() == 1


def test_a_cadre_backfills_and_the_level_above_approves_in_bulk(api, actors, volunteer, league_approver):
    day = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).isoformat()
    ids = []
    for hours in ("2", "1.5"):
        payload = {"volunteer": volunteer.pk, "org": "150602100200", "date": day, "hours": hours, "note": "入户"}
        r = api(actors["county_cadre"], "post", "/backfills", payload)
        assert r.status_code == 201 and r.json()["backfilled"]
        ids.append(r.json()["id"])
    too_much = {"volunteer": volunteer.pk, "org": "150602100200", "date": day, "hours": "12.5", "note": "入户"}
    assert api(actors["county_cadre"], "post", "/backfills", too_much).status_code == 422
    # The county is not the level above its village; the league is.
    assert api(actors["county_cadre"], "post", "/approvals", {"records": ids}).json()["approved"] == 0
    done = api(actors["ordos_cadre"], "post", "/approvals", {"records": ids})
    assert done.status_code == 200 and done.json() == {"approved": 2, "refused": {}}
    assert set(ServiceRecord.objects.values_list("state", flat=True)) == {RecordState.APPROVED}
    board = api(actors["county_cadre"], "get", "/leaderboard")
    assert board.status_code == 200
    year = day[:4]
    board = api(actors["county_cadre"], "get", f"/leaderboard?period={year}")
    assert board.json()[0]["id"] == volunteer.pk and board.json()[0]["hours"] == 3.5
