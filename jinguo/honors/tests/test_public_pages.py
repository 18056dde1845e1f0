"""The public notice page, the objection form and the API: no login, and never an ID number or phone."""

import datetime
import re

import pytest
from django.utils import timezone

from jinguo.core import crypto
from jinguo.core.actors import SYSTEM
from jinguo.honors import services
from jinguo.honors.models import Objection
from jinguo.honors.tests.factories import nominate
from jinguo.people.tests.factories import new_person

ID_OR_PHONE = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")


@pytest.fixture
def open_notice(actors, tree, programme, monkeypatch):
    person = new_person(SYSTEM, tree["150602100200"], name="娜仁", phone="13912345678")
    n = nominate(actors["county_cadre"], programme, tree["150602100200"], person=person)
    services.consent_record(actor=actors["county_cadre"], nomination=n, given_by="娜仁", method="书面同意书")
    hidden = nominate(actors["county_cadre"], programme, tree["150602100200"], name="未同意")
    today = timezone.localdate()
    notice = services.notice_schedule(
        actor=actors["region_cadre"],
        programme=programme,
        org=tree["150000"],
        stage="submitted",
        start=today - datetime.timedelta(days=1) if False else today,
        nominations=[n, hidden],
    )
    notice.start = today  # a test may run on a holiday: the notice covers today whatever the calendar says
    notice.save()
    return notice, n, person, hidden


def test_the_public_page_lists_consented_nominees_without_id_or_phone(client, open_notice):
    notice, n, person, hidden = open_notice
    page = client.get(f"/h/notices/{notice.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "娜仁" in body and "基层妇联主席" in body
    assert "未同意" not in body
    assert not ID_OR_PHONE.search(body)
    assert person.id_number_masked not in body and person.phone_masked not in body


def test_the_public_notices_api_gives_iso_dates_and_counts(client, open_notice):
    notice, *_ = open_notice
    data = client.get("/api/v1/public/notices").json()
    assert data == [
        {
            "id": notice.pk,
            "programme": notice.programme.name,
            "title": "三八红旗手",
            "level": "province",
            "unit": notice.org.name,
            "start": notice.start.isoformat(),
            "end": notice.end.isoformat(),
            "working_days": 5,
            "nominees": 1,
        }
    ]
    assert not ID_OR_PHONE.search(client.get("/api/v1/public/notices").content.decode())


def test_an_objection_needs_contact_details_and_is_recorded(client, open_notice):
    notice, n, *_ = open_notice
    refused = client.post(f"/h/notices/{notice.pk}/", {"nomination": n.pk, "name": "王", "text": "不实"})
    assert refused.status_code == 400 and b"Give a phone number or e-mail address" in refused.content
    ok = client.post(
        f"/h/notices/{notice.pk}/", {"nomination": n.pk, "name": "王", "contact": "13900000000", "text": "事迹不实"}
    )
    assert ok.status_code == 200
    o = Objection.objects.get()
    assert o.nomination_id == n.pk and o.state == "received"
    assert "13900000000" not in ok.content.decode()
    # stored encrypted, with its masked form for the lists: no column holds the number
    row = Objection.objects.filter(pk=o.pk).values().get()
    assert not any("13900000000" in str(v) for v in row.values())
    assert o.contact_masked == "139****0000" and crypto.decrypt(o.contact_enc) == "13900000000"


def test_objections_are_rate_limited(client, open_notice):
    notice, n, *_ = open_notice
    data = {"nomination": n.pk, "name": "王", "contact": "w@example.com", "text": "事迹不实"}
    codes = [client.post(f"/h/notices/{notice.pk}/", data).status_code for _ in range(services.OBJECTION_LIMIT + 1)]
    assert codes[-1] == 429 and Objection.objects.count() == services.OBJECTION_LIMIT


def test_an_objection_is_assigned_investigated_and_concluded(actors, open_notice):
    notice, n, *_ = open_notice
    o = services.objection_submit(
        notice=notice, nomination_id=n.pk, name="王", contact="w@example.com", text="事迹不实", ip="1.2.3.4"
    )
    services.objection_assign(actor=actors["region_cadre"], objection=o, assignee=actors["region_cadre"])
    services.objection_investigate(actor=actors["region_cadre"], objection=o)
    services.objection_conclude(actor=actors["region_cadre"], objection=o, outcome="经核实属实", upheld=True)
    n.refresh_from_db()
    assert o.state == "concluded" and o.outcome == "经核实属实"
    assert n.state == "not_advanced"


def test_a_notice_closes_by_itself_when_its_period_ends(client, open_notice):
    notice, *_ = open_notice
    notice.end = timezone.localdate() - datetime.timedelta(days=1)
    notice.save()
    assert client.get("/api/v1/public/notices").json() == []
    notice.refresh_from_db()
    assert notice.state == "closed"
    assert client.get(f"/h/notices/{notice.pk}/").status_code == 404


def test_refused_objections_count_towards_the_rate_limit(client, open_notice):
    notice, n, *_ = open_notice
    bad = {"nomination": n.pk, "name": "王", "text": "事迹不实"}  # no contact: refused
    codes = [client.post(f"/h/notices/{notice.pk}/", bad).status_code for _ in range(services.OBJECTION_LIMIT + 1)]
    assert codes[:-1] == [400] * services.OBJECTION_LIMIT and codes[-1] == 429
