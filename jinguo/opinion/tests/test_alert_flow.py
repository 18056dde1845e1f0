"""A negative mention with high reach pushed through the API raises an alert for the county it names, escalates to
the league when nobody acknowledges it in time, and is handled through an incident file."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jinguo.core import notify
from jinguo.core.models import AuditEvent, Notification
from jinguo.opinion import services
from jinguo.opinion.models import Alert, Incident
from jinguo.opinion.tests.conftest import item

NEWS = "达拉特一名妇女遭受家暴，邻居多次报警无人处理，网友愤怒，要求严惩施暴者"


def test_the_alert_reaches_the_county_escalates_and_is_handled(login, actors, tree, region_source, red_rule):
    web = login(actors["region_cadre"])
    r = web.post(
        "/api/v1/mentions",
        {"source": region_source.pk, "items": [item(1, title="达拉特家暴", text=NEWS, reach=50000)]},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["created"] == 1
    alert = Alert.objects.get()
    assert (alert.org.code, alert.level, alert.state) == ("150621", "red", "open")
    asked = Notification.objects.filter(kind="opinion.alert", object_id=str(alert.pk))
    assert {n.recipient.username for n in asked} == {"sibling_cadre"}
    assert asked[0].due_at == alert.due_at == alert.raised_at + datetime.timedelta(hours=1)

    # Nobody acknowledged it within the hour: the sweep tells the league (鄂尔多斯市).
    notify.sweep(now=alert.due_at + datetime.timedelta(minutes=1))
    up = Notification.objects.filter(kind=notify.ESCALATION, object_id=str(alert.pk))
    assert {n.recipient.username for n in up} == {"ordos_cadre"}
    page = login(actors["ordos_cadre"]).get(f"/opinion/alerts/{alert.pk}/")
    assert page.status_code == 200 and "ordos_cadre" in page.content.decode()

    # The county, reminded by its league, opens the incident file and takes it through its steps; each step is
    # audited and timed.
    ordos = actors["sibling_cadre"]
    incident = services.incident_open(actor=ordos, alert=alert)
    alert.refresh_from_db()
    assert (
        alert.state == "acknowledged"
        and not Notification.objects.filter(
            object_id=str(alert.pk), kind="opinion.alert", resolved_at__isnull=True
        ).exists()
    )
    for step, text in [("report", "研判：属实"), ("respond", "已上报自治区"), ("resolve", "已回应并处置")]:
        incident = services.incident_step(actor=ordos, incident=incident, step=step, text=text)
    incident = services.incident_step(
        actor=ordos, incident=incident, step="review", text="当事人已安置", review="复盘完成"
    )
    incident.refresh_from_db()
    assert incident.state == "reviewed" and incident.closed_at and incident.late_steps == 0
    events = list(AuditEvent.objects.filter(object_type="opinion.incident").values_list("event", flat=True))
    assert sorted(events) == sorted(
        [
            "opinion.incident_open",
            "opinion.incident_report",
            "opinion.incident_respond",
            "opinion.incident_resolve",
            "opinion.incident_review",
        ]
    )
    # The league was told when the incident was reported upward.
    assert Notification.objects.filter(kind="opinion.incident", recipient=actors["ordos_cadre"]).exists()


def test_an_acknowledged_alert_does_not_escalate(actors, region_source, red_rule):
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(1, text=NEWS, reach=50000)]
    )
    alert = Alert.objects.get()
    services.alert_acknowledge(actor=actors["sibling_cadre"], alert=alert)
    notify.sweep(now=alert.due_at + datetime.timedelta(minutes=1))
    assert not Notification.objects.filter(kind=notify.ESCALATION).exists()


def test_low_reach_or_positive_mentions_raise_no_alert(actors, region_source, red_rule):
    services.mentions_ingest(
        actor=actors["region_cadre"],
        source=region_source,
        items=[
            item(1, text=NEWS, reach=50),
            item(2, text="达拉特旗妇联开展反家暴宣传，群众点赞，反响热烈", reach=90000),
        ],
    )
    assert not Alert.objects.exists()


def test_a_repost_adds_spread_to_the_story_and_raises_no_second_alert(actors, region_source, red_rule):
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(1, text=NEWS, reach=30000)]
    )
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(2, text="转发：" + NEWS, reach=30000)]
    )
    alert = Alert.objects.get()
    alert.story.refresh_from_db()
    assert (alert.story.mentions, alert.story.reach) == (2, 60000)


def test_the_sibling_sees_another_countys_alert_as_unknown(login, actors, region_source, red_rule):
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(1, text=NEWS, reach=50000)]
    )
    alert = Alert.objects.get()
    web = login(actors["county_cadre"])
    assert web.get(f"/opinion/alerts/{alert.pk}/").status_code == 404
    assert web.get("/opinion/alerts/9999999/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.alert_acknowledge(actor=actors["county_cadre"], alert=alert)
    with pytest.raises(PermissionDenied):
        services.alert_acknowledge(actor=actors["leader"], alert=alert)


def test_a_late_step_is_counted(actors, region_source, red_rule):
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(1, text=NEWS, reach=50000)]
    )
    incident = services.incident_open(actor=actors["sibling_cadre"], alert=Alert.objects.get())
    Incident.objects.filter(pk=incident.pk).update(step_due_at=timezone.now() - datetime.timedelta(hours=1))
    incident.refresh_from_db()
    incident = services.incident_step(actor=actors["sibling_cadre"], incident=incident, step="report", text="晚了")
    assert incident.late_steps == 1
    with pytest.raises(ValidationError):
        services.incident_step(actor=actors["sibling_cadre"], incident=incident, step="review", text="x", review="y")
