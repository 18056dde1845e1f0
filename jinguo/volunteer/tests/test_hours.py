"""Check-in and check-out on a shift: the 60 % rule, refusals (after the end, twice, overlapping shifts), the
approval by the level above, and decline-not-delete."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import AuditEvent, Notification
from jinguo.volunteer import services
from jinguo.volunteer.models import RecordState, ServiceRecord, Tally
from jinguo.volunteer.tests.conftest import at, tomorrow


def _in(volunteer_user, shift, hh, mm=0):
    return services.checkin(actor=volunteer_user, shift=shift, code=shift.checkin_code, at=at(tomorrow(), hh, mm))


def _out(volunteer_user, record, hh, mm=0):
    return services.checkout(
        actor=volunteer_user, record=record, code=record.shift.checkin_code, at=at(tomorrow(), hh, mm)
    )


def test_hours_count_when_at_least_60_percent_of_the_shift_was_attended(volunteer, volunteer_user, shifts):
    record = _in(volunteer_user, shifts[0], 9, 30)
    record = _out(volunteer_user, record, 10, 42)  # 72 of 120 minutes: exactly 60 %
    assert record.state == RecordState.PENDING and record.minutes == 72 and record.hours == Decimal("1.2")


def test_less_than_60_percent_is_kept_but_not_counted(volunteer, volunteer_user, shifts):
    record = _in(volunteer_user, shifts[0], 9, 30)
    record = _out(volunteer_user, record, 10, 41)  # 71 minutes: just under 60 %
    assert record.state == RecordState.SHORT and record.minutes == 71 and record.hours == 0
    assert ServiceRecord.objects.get(pk=record.pk).state == RecordState.SHORT


def test_time_outside_the_shift_does_not_count(volunteer, volunteer_user, shifts):
    record = _in(volunteer_user, shifts[0], 8, 40)  # 20 minutes early
    record = _out(volunteer_user, record, 13)  # two hours late
    assert record.minutes == 120 and record.hours == Decimal("2.0")


def test_a_code_used_after_the_shift_has_ended_is_refused(volunteer, volunteer_user, shifts):
    with pytest.raises(ValidationError) as e:
        _in(volunteer_user, shifts[0], 11, 0)
    assert "no longer checks anyone in" in str(e.value)
    assert not ServiceRecord.objects.exists()


def test_a_wrong_code_is_refused(volunteer, volunteer_user, shifts):
    wrong = "000000" if shifts[0].checkin_code != "000000" else "111111"
    with pytest.raises(ValidationError) as e:
        services.checkin(actor=volunteer_user, shift=shifts[0], code=wrong, at=at(tomorrow(), 9))
    assert "wrong" in str(e.value)


def test_full_width_digits_of_a_phone_keyboard_are_read(volunteer, volunteer_user, shifts):
    code = "".join(chr(ord(c) + 0xFEE0) for c in shifts[0].checkin_code)
    assert services.checkin(actor=volunteer_user, shift=shifts[0], code=code, at=at(tomorrow(), 9)).pk


def test_two_check_ins_for_overlapping_shifts_are_refused_with_a_clear_message(volunteer, volunteer_user, shifts):
    _in(volunteer_user, shifts[0], 9)
    with pytest.raises(ValidationError) as e:
        _in(volunteer_user, shifts[1], 10, 5)
    message = str(e.value)
    assert "already checked in to" in message and "overlaps this shift" in message and "09:00–11:00" in message
    assert ServiceRecord.objects.count() == 1


def test_the_same_shift_twice_is_refused(volunteer, volunteer_user, shifts):
    _in(volunteer_user, shifts[0], 9)
    with pytest.raises(ValidationError, match="already checked in"):
        _in(volunteer_user, shifts[0], 9, 10)


def test_a_shift_that_does_not_overlap_is_fine(volunteer, volunteer_user, shifts):
    _in(volunteer_user, shifts[0], 9)
    assert _in(volunteer_user, shifts[2], 14).pk


def test_the_level_above_approves_and_is_told_through_the_inbox(
    volunteer, volunteer_user, shifts, league_approver, actors, team
):
    record = _out(volunteer_user, _in(volunteer_user, shifts[0], 9), 11)
    asked = Notification.objects.filter(kind="volunteer.approve_request")
    assert {n.recipient.username for n in asked} == {"league_reviewer", "ordos_cadre"}
    assert {n.org_path for n in asked} == {"1506"}
    # The county that ran the activity is not the level above its own village.
    with pytest.raises(PermissionDenied):
        services.record_approve(actor=actors["county_cadre"], record=record)
    services.record_approve(actor=league_approver, record=record)
    assert ServiceRecord.objects.get(pk=record.pk).state == RecordState.APPROVED
    assert Tally.objects.get(kind="team", ref=team.pk, period="all").tenths == 20
    told = Notification.objects.get(kind="volunteer.decided")
    assert told.recipient == volunteer_user
    assert not Notification.objects.filter(kind="volunteer.approve_request", resolved_at__isnull=True).exists()


def test_the_sibling_county_cannot_approve(volunteer, volunteer_user, shifts, actors):
    record = _out(volunteer_user, _in(volunteer_user, shifts[0], 9), 11)
    with pytest.raises(PermissionDenied):
        services.record_approve(actor=actors["sibling_cadre"], record=record)


def test_a_declined_record_is_kept_as_declined(volunteer, volunteer_user, shifts, league_approver):
    record = _out(volunteer_user, _in(volunteer_user, shifts[0], 9), 11)
    with pytest.raises(ValidationError):
        services.record_decline(actor=league_approver, record=record, reason="")
    services.record_decline(actor=league_approver, record=record, reason="签到表与照片不符")
    kept = ServiceRecord.objects.get(pk=record.pk)
    assert kept.state == RecordState.DECLINED and kept.decision_reason == "签到表与照片不符"
    assert not Tally.objects.filter(tenths__gt=0).exists()
    # Declined is final: it cannot be approved afterwards.
    with pytest.raises(ValidationError):
        services.record_approve(actor=league_approver, record=kept)
    assert AuditEvent.objects.filter(event="volunteer.decline", object_id=str(record.pk)).count() == 1
