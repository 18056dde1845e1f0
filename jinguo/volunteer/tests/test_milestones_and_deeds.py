"""Milestones at 50, 100 and 250 approved hours, told through the inbox; practical deeds and their 十送 deliveries
on the dashboard; coverage of villages through the shared engine."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.models import Notification
from jinguo.stats import coverage
from jinguo.volunteer import services
from jinguo.volunteer.models import DeliveryCategory, Milestone


def _approved(volunteer, org, day, hours):
    r = services.backfill_create(actor=SYSTEM, volunteer=volunteer, org=org, date=day, hours=hours, note="补录")
    return services.record_approve(actor=SYSTEM, record=r)


def test_milestones_are_kept_once_and_told(tree, volunteer, volunteer_user, settings):
    settings.VOLUNTEER_BACKFILL_CAP = 1000
    village = tree["150602100200"]
    start = datetime.date(2024, 1, 1)
    for i in range(4):
        _approved(volunteer, village, start + datetime.timedelta(days=i), "12")
    assert not Milestone.objects.exists()
    _approved(volunteer, village, start + datetime.timedelta(days=5), "2.5")  # 50.5 hours
    assert list(Milestone.objects.values_list("hours", flat=True)) == [50]
    told = Notification.objects.filter(kind="volunteer.milestone")
    assert volunteer_user in {n.recipient for n in told} and {n.recipient.username for n in told} == {
        "vol_user",
        "village_cadre",
    }
    for i in range(5):
        _approved(volunteer, village, start + datetime.timedelta(days=10 + i), "12")
    assert list(Milestone.objects.values_list("hours", flat=True)) == [50, 100]
    volunteer.refresh_from_db()
    assert volunteer.hours_total == Decimal("110.5")


def test_deliveries_move_the_deed_and_the_dashboard(actors, tree):
    from jinguo.stats.models import Rollup

    services.categories_seed(actor=SYSTEM)
    today = timezone.localdate()
    deed = services.deed_create(
        actor=actors["county_cadre"], org=tree["150602"], year=today.year, title="送温暖进万家", target=200
    )
    cat = DeliveryCategory.objects.get(name="送温暖")
    services.delivery_record(
        actor=actors["county_cadre"], deed=deed, category=cat, date=today, count=80, org=tree["150602100200"]
    )
    deed.refresh_from_db()
    assert deed.progress == 80 and deed.percent == 40
    assert Rollup.objects.get(metric="volunteer.deliveries", period=str(today.year), org_path="15").value == 80
    with pytest.raises(ValidationError):  # outside the deed's unit
        services.delivery_record(actor=SYSTEM, deed=deed, category=cat, date=today, count=1, org=tree["150621"])
    with pytest.raises(ValidationError, match="evidence|shows"):
        services.deed_done(actor=actors["county_cadre"], deed=deed, evidence="")
    services.deed_done(actor=actors["county_cadre"], deed=deed, evidence="发放物资台账、照片")
    assert Rollup.objects.get(metric="volunteer.deeds_done", period=str(today.year), org_path="1506").value == 1


def test_villages_with_a_service_are_counted_by_the_shared_coverage_engine(tree, volunteer, settings):
    from jinguo.core.periods import quarter_key

    day = timezone.localdate() - datetime.timedelta(days=1)
    _approved(volunteer, tree["150602100200"], day, "2")
    result = coverage.coverage("volunteer.services", tree["150602"], quarter_key(day))
    villages = {lvl.level: lvl for lvl in result.levels}["village"]
    assert villages.covered == 1 and villages.units >= 2
    gaps = coverage.gaps("volunteer.services", tree["150602"], quarter_key(day), "village")
    assert "150602001001" in {o.code for o in gaps} and "150602100200" not in {o.code for o in gaps}


def test_the_coverage_page_reads_the_engine(login, actors, tree, volunteer):
    from jinguo.core.periods import quarter_key

    day = timezone.localdate() - datetime.timedelta(days=1)
    _approved(volunteer, tree["150602100200"], day, "2")
    page = login(actors["county_cadre"]).get(
        f"/volunteer/coverage/?under=150602&period={quarter_key(day)}&level=village"
    )
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="coverage-village"' in body
    assert "天骄社区" in body and "漫赖村" not in body.split('data-testid="coverage-gaps"')[1]
    assert login(actors["county_cadre"]).get("/volunteer/coverage/?under=150621").status_code == 404
