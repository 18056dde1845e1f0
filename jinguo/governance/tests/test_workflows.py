"""Household agreements tracked to done, supervision items raised and closed: one workflow each (core.workflow)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jinguo.core.models import AuditEvent
from jinguo.governance import services
from jinguo.governance.tests.factories import new_record
from jinguo.stats.models import Rollup


def test_an_item_is_closed_with_its_resolution_and_counted(actors, tree):
    item = new_record(actors["village_cadre"], "supervision", tree["150602100200"])
    with pytest.raises(ValidationError) as e:
        services.supervision_close(actor=actors["village_cadre"], item=item, outcome="  ")
    assert "Say what came of it" in e.value.message_dict["outcome"][0]
    services.supervision_close(actor=actors["village_cadre"], item=item, outcome="已修好路灯")
    item.refresh_from_db()
    assert (item.state, item.closed_on, item.outcome) == ("closed", timezone.localdate(), "已修好路灯")
    assert item.closed_by == actors["village_cadre"]
    year = str(timezone.localdate().year)
    assert Rollup.objects.get(metric="governance.supervision_closed", period=year, org_path="150602").value == 1
    ev = AuditEvent.objects.get(event="governance.supervision_close")
    assert ev.detail["from"] == "open" and ev.detail["to"] == "closed"


def test_a_second_close_reads_who_closed_it(actors, tree):
    item = new_record(actors["village_cadre"], "supervision", tree["150602100200"])
    stale = type(item).objects.get(pk=item.pk)
    services.supervision_close(actor=actors["village_cadre"], item=item, outcome="好了")
    with pytest.raises(ValidationError) as e:
        services.supervision_close(actor=actors["county_cadre"], item=stale, outcome="也好了")
    assert "village_cadre" in e.value.messages[0]


def test_a_reopened_item_leaves_the_closed_figure(actors, tree):
    item = new_record(actors["village_cadre"], "supervision", tree["150602100200"])
    services.supervision_close(actor=actors["village_cadre"], item=item, outcome="好了")
    services.supervision_reopen(actor=actors["county_cadre"], item=item)
    item.refresh_from_db()
    assert item.state == "open" and item.closed_on is None
    assert not Rollup.objects.filter(metric="governance.supervision_closed").exclude(value=0).exists()


def test_an_agreement_is_tracked_to_done(actors, tree, login):
    a = new_record(actors["village_cadre"], "agreements", tree["150602100200"])
    web = login(actors["village_cadre"])
    page = web.get(f"/governance/agreements/{a.pk}/")
    assert 'data-testid="act-complete"' in page.content.decode()
    web.post(f"/governance/agreements/{a.pk}/complete/", {"outcome": "已做到"})
    a.refresh_from_db()
    assert a.state == "done" and a.done_on == timezone.localdate() and a.outcome == "已做到"
    assert login(actors["leader"]).post(f"/governance/agreements/{a.pk}/reopen/").status_code == 302
    a.refresh_from_db()
    assert a.state == "done"  # the leader reads and cannot change it
