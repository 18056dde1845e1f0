"""Back-filled hours: marked, capped per volunteer and month, approved (one by one or in bulk) by the level above,
and refused in a month the level above has closed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jinguo.core.models import AuditEvent
from jinguo.stats.models import Rollup
from jinguo.volunteer import services
from jinguo.volunteer.models import RecordState, ServiceRecord


def _last_month_day(n: int) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=n)


def _backfill(actor, volunteer, org, hours, day=None, **kw):
    return services.backfill_create(
        actor=actor,
        volunteer=volunteer,
        org=org,
        date=day or _last_month_day(10),
        hours=hours,
        note="入户看望，忘记签到",
        **kw,
    )


def test_a_backfill_is_marked_and_waits_for_the_level_above(actors, tree, volunteer, league_approver):
    r = _backfill(actors["county_cadre"], volunteer, tree["150602100200"], "3")
    assert r.backfilled and r.state == RecordState.PENDING and r.hours == Decimal("3.0")
    services.record_approve(actor=league_approver, record=r)
    assert ServiceRecord.objects.get(pk=r.pk).state == RecordState.APPROVED
    month = _last_month_day(1).strftime("%Y-%m")
    assert Rollup.objects.get(metric="volunteer.hours", period=month, org_path="15").value == 30


def test_the_monthly_cap_is_enforced_with_the_numbers(actors, tree, volunteer, settings):
    settings.VOLUNTEER_BACKFILL_CAP = 10
    cadre, village = actors["county_cadre"], tree["150602100200"]
    _backfill(cadre, volunteer, village, "6")
    _backfill(cadre, volunteer, village, "4", day=_last_month_day(12))
    with pytest.raises(ValidationError) as e:
        _backfill(cadre, volunteer, village, "0.5", day=_last_month_day(20))
    message = str(e.value)
    assert "capped at 10 a month" in message and "has 10" in message and "0.5 asked" in message
    # Another month has its own cap; a declined record frees its hours.
    this_month = timezone.localdate().replace(day=1)
    assert _backfill(cadre, volunteer, village, "2", day=this_month).pk


def test_declined_hours_no_longer_use_the_cap(actors, tree, volunteer, league_approver, settings):
    settings.VOLUNTEER_BACKFILL_CAP = 5
    r = _backfill(actors["county_cadre"], volunteer, tree["150602100200"], "5")
    services.record_decline(actor=league_approver, record=r, reason="无佐证")
    assert _backfill(actors["county_cadre"], volunteer, tree["150602100200"], "5").pk
    assert ServiceRecord.objects.filter(state=RecordState.DECLINED).count() == 1


def test_hours_are_bounded_and_a_future_day_is_refused(actors, tree, volunteer):
    for hours in ("0", "12.5", "abc", "-1"):
        with pytest.raises(ValidationError):
            _backfill(actors["county_cadre"], volunteer, tree["150602100200"], hours)
    with pytest.raises(ValidationError, match="passed"):
        _backfill(
            actors["county_cadre"],
            volunteer,
            tree["150602100200"],
            "2",
            day=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_the_sibling_county_cannot_backfill_for_our_volunteer(actors, tree, volunteer):
    with pytest.raises(PermissionDenied):
        _backfill(actors["sibling_cadre"], volunteer, tree["150602100200"], "2")
    # In its own unit, our volunteer is "not among your volunteers", like an unknown id.
    with pytest.raises(ValidationError) as known:
        _backfill(actors["sibling_cadre"], volunteer.pk, tree["150621"], "2")
    with pytest.raises(ValidationError) as unknown:
        _backfill(actors["sibling_cadre"], 987654, tree["150621"], "2")
    assert str(known.value).replace(str(volunteer.pk), "#") == str(unknown.value).replace("987654", "#")


def test_bulk_approval_approves_each_and_leaves_what_it_may_not(actors, tree, volunteer, league_approver):
    mine = [
        _backfill(actors["county_cadre"], volunteer, tree["150602100200"], "1", day=_last_month_day(d))
        for d in (3, 4, 5)
    ]
    services.record_decline(actor=league_approver, record=mine[2], reason="重复")
    result = services.records_approve(actor=league_approver, records=[mine[0], mine[1], mine[2]])
    assert result["approved"] == 2 and len(result["refused"]) == 1
    assert AuditEvent.objects.filter(event="volunteer.approve").count() == 2
    assert volunteer.__class__.objects.get(pk=volunteer.pk).hours_total == Decimal("2.0")


def test_a_closed_month_refuses_new_and_changed_hours(actors, tree, volunteer, league_approver):
    village, cadre = tree["150602100200"], actors["county_cadre"]
    waiting = _backfill(cadre, volunteer, village, "2")
    # Closing waits for every decision of the month.
    with pytest.raises(ValidationError, match="wait for approval"):
        services.hours_month_close(actor=league_approver, org=tree["150602"], month=_last_month_day(1))
    services.record_approve(actor=league_approver, record=waiting)
    # The county cannot close its own month: the level above does.
    with pytest.raises(PermissionDenied):
        services.hours_month_close(actor=cadre, org=tree["150602"], month=_last_month_day(1))
    period = services.hours_month_close(actor=league_approver, org=tree["150602"], month=_last_month_day(1))
    assert period.settled == 1
    with pytest.raises(ValidationError, match="closed"):
        _backfill(cadre, volunteer, village, "1", day=_last_month_day(20))
    services.hours_month_reopen(actor=league_approver, period=period)
    assert _backfill(cadre, volunteer, village, "1", day=_last_month_day(20)).pk


def test_a_volunteer_backfills_her_own_hours(volunteer, volunteer_user, tree, league_approver):
    r = _backfill(volunteer_user, volunteer, tree["150602100200"], "2")
    assert r.created_by == volunteer_user and r.state == RecordState.PENDING
    # Not for someone else, and not in a unit outside hers.
    with pytest.raises(ValidationError):
        _backfill(volunteer_user, volunteer, tree["150621"], "2")
