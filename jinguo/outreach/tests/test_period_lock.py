"""A month the level above has verified is closed: nothing dated in it is recorded, changed or removed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import ClosedPeriod as PeriodLock
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import lecture_delete, lecture_update, period_close, period_reopen
from jinguo.outreach.tests.factories import last_month_day, new_lecture, today


@pytest.fixture
def held_last_month(actors, tree, calendar, lecturer):
    return new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, day=last_month_day())


def test_closing_a_month_verifies_its_held_lectures(actors, tree, held_last_month):
    lock = period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    assert (
        lock.settled == 1
        and lock.subject == "outreach.lecture"
        and lock.closed_from == "1506"
        and lock.month == last_month_day().replace(day=1)
    )
    assert Lecture.objects.get().state == LectureState.VERIFIED


def test_nothing_in_a_closed_month_changes(actors, tree, calendar, lecturer, held_last_month):
    other = new_lecture(actors["village_cadre"], tree["150602100200"], calendar, lecturer, day=last_month_day())
    PeriodLock.objects.create(
        subject="outreach.lecture", org=tree["150602"], org_path="150602", month=last_month_day().replace(day=1)
    )
    for action in (
        lambda: lecture_update(actor=actors["county_cadre"], lecture=other, audience_count=1),
        lambda: lecture_delete(actor=actors["county_cadre"], lecture=other),
    ):
        with pytest.raises(ValidationError, match="closed"):
            action()
    assert Lecture.objects.count() == 2


def test_moving_a_lecture_into_a_closed_month_is_refused(actors, tree, calendar, lecturer):
    period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    lec = new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    theme = calendar["month"][(last_month_day().year, last_month_day().month)]
    with pytest.raises(ValidationError, match="closed"):
        lecture_update(actor=actors["county_cadre"], lecture=lec, date=last_month_day(), theme=theme)
    assert Lecture.objects.get().date == today()


def test_a_sibling_county_is_not_closed(actors, tree, calendar):
    from jinguo.people.tests.factories import new_person

    period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    theirs = new_person(SYSTEM, tree["150621"], name="别人")
    new_lecture(actors["sibling_cadre"], tree["150621"], calendar, theirs, day=last_month_day())


def test_only_the_level_above_closes_a_month(actors, tree):
    for who in ("county_cadre", "leader", "sibling_cadre"):
        with pytest.raises(PermissionDenied):
            period_close(actor=actors[who], org=tree["150602"], month=last_month_day())
    assert not PeriodLock.objects.exists()


def test_the_current_month_cannot_be_closed_yet(actors, tree):
    with pytest.raises(ValidationError, match="ended"):
        period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=today())


def test_a_month_is_closed_once_and_can_be_reopened(actors, tree, calendar, lecturer, held_last_month):
    lock = period_close(actor=actors["region_cadre"], org=tree["150600"], month=last_month_day())
    with pytest.raises(ValidationError, match="already closed"):
        period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    with pytest.raises(PermissionDenied):
        period_reopen(actor=actors["ordos_cadre"], lock=lock)  # the league is not above its own league
    period_reopen(actor=actors["region_cadre"], lock=lock)
    assert not PeriodLock.objects.exists()
    new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, day=last_month_day())


def test_the_periods_page_closes_a_month(login, actors, tree, held_last_month):
    client = login(actors["ordos_cadre"])
    r = client.post("/outreach/lectures/periods/", {"org_code": "150602", "month": last_month_day().strftime("%Y-%m")})
    assert r.status_code == 302 and PeriodLock.objects.get().org.code == "150602"
    assert "150602" not in login(actors["sibling_cadre"]).get("/outreach/lectures/periods/").content.decode()


def test_a_closed_month_is_per_kind_of_record(actors, tree, calendar, lecturer):
    """Volunteer hours or media metrics closing a month leave lectures open, and the reverse."""
    from jinguo.core import workflow

    workflow.period_close(
        actor=actors["ordos_cadre"],
        subject="other.records",
        org=tree["150602"],
        month=last_month_day(),
        action="outreach.verify",
    )
    new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, day=last_month_day())
    with pytest.raises(ValidationError, match="closed"):
        workflow.require_open("other.records", "150602100200", last_month_day())
