"""Recording subscriptions: scope (a sibling's record is 404 like an unknown one), the service's rules, the
roll-ups and the audit."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.core.services import api_token_create
from jinguo.publications import services
from jinguo.publications.models import Subscription
from jinguo.publications.tests.factories import new_publication, subscribe
from jinguo.stats.models import Rollup


def test_a_village_cadre_records_a_subscription_and_the_figures_move(actors, tree, pub):
    sub = subscribe(actors["village_cadre"], tree["150602100200"], pub, 5)
    assert sub.amount == Decimal("1440.00")  # 5 × 288.00 when no amount is given
    year = str(pub.year)
    got = dict(Rollup.objects.filter(metric="publications.copies", period=year).values_list("org_path", "value"))
    assert got == {"15": 5, "1506": 5, "150602": 5, "150602100": 5, "150602100200": 5}
    assert Rollup.objects.get(metric="publications.amount", period=year, org_path="15").value == 144000  # in fen
    ev = AuditEvent.objects.get(event="publications.subscribe")
    assert ev.actor_name == "village_cadre" and ev.detail["after"]["copies"] == 5


def test_a_subscription_is_dated_in_its_publications_year(actors, tree, pub):
    with pytest.raises(ValidationError) as e:
        subscribe(actors["county_cadre"], tree["150602"], pub, day=datetime.date(pub.year - 1, 12, 1))
    assert "date" in e.value.message_dict
    assert not Subscription.objects.exists()


def test_a_closed_publication_takes_no_subscription(actors, tree, pub):
    services.publication_update(
        actor=actors["region_cadre"],
        publication=pub,
        title=pub.title,
        kind=pub.kind,
        unit_price=pub.unit_price,
        active=False,
    )
    with pytest.raises(ValidationError) as e:
        subscribe(actors["county_cadre"], tree["150602"], pub)
    assert "no longer takes subscriptions" in e.value.message_dict["publication"][0]


def test_a_leagues_publication_is_not_distributed_in_another_league(actors, tree):
    local = new_publication(tree, title="鄂尔多斯妇女", org="150600")
    with pytest.raises(ValidationError) as e:
        subscribe(SYSTEM, tree["150200"], local)
    assert "is not distributed in this unit" in e.value.message_dict["publication"][0]


def test_bounds_come_from_the_model(actors, tree, pub):
    with pytest.raises(ValidationError) as e:
        subscribe(actors["county_cadre"], tree["150602"], pub, copies=0, amount="1000000.01", payer="x" * 61)
    errors = e.value.message_dict
    assert set(errors) == {"copies", "amount", "payer"}
    assert "at least 1" in errors["copies"][0] and "at most 1,000,000" in errors["amount"][0]


def test_the_leader_cannot_record(actors, tree, pub):
    with pytest.raises(PermissionDenied):
        subscribe(actors["leader"], tree["150602"], pub)


def test_a_siblings_subscription_is_404_like_an_unknown_one(login, client, actors, tree, pub):
    theirs = subscribe(actors["sibling_cadre"], tree["150621"], pub)
    web = login(actors["county_cadre"])
    unknown = theirs.pk + 1000
    for suffix in ("", "edit/"):
        assert web.get(f"/publications/subscriptions/{theirs.pk}/{suffix}").status_code == 404
        assert web.get(f"/publications/subscriptions/{unknown}/{suffix}").status_code == 404
    assert web.post(f"/publications/subscriptions/{theirs.pk}/delete/").status_code == 404
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    hidden = client.get(f"/api/v1/subscriptions/{theirs.pk}", **auth)
    missing = client.get(f"/api/v1/subscriptions/{unknown}", **auth)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    assert client.delete(f"/api/v1/subscriptions/{theirs.pk}", **auth).status_code == 404
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def test_a_publication_out_of_reach_is_refused_like_an_unknown_one(client, actors, tree):
    local = new_publication(tree, title="包头妇女", org="150200")
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(pk):
        body = {"org": "150602", "publication": pk, "copies": 2, "payer": "村委会", "date": f"{local.year}-03-01"}
        r = client.post("/api/v1/subscriptions", json.dumps(body), content_type="application/json", **auth)
        return r.status_code, r.json()

    assert post(local.pk) == post(local.pk + 1000)
    assert post(local.pk)[0] == 400 and "包头" not in json.dumps(post(local.pk), ensure_ascii=False)


def test_the_api_records_and_removes_a_subscription(client, actors, tree, pub):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"org": "150602100200", "publication": pub.pk, "copies": 4, "payer": "漫赖村", "date": f"{pub.year}-05-04"}
    r = client.post("/api/v1/subscriptions", json.dumps(body), content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    assert r.json()["amount"] == "1152.00" and r.json()["org"] == "150602100200"
    assert client.delete(f"/api/v1/subscriptions/{r.json()['id']}", **auth).status_code == 204
    assert not Subscription.objects.exists()
    assert Rollup.objects.filter(metric="publications.copies").exclude(value=0).count() == 0


def test_the_form_records_once_on_a_double_submit(login, actors, tree, pub):
    web = login(actors["county_cadre"])
    page = web.get("/publications/subscriptions/new/")
    token = re.search(r'name="submit_token" value="([^"]+)"', page.content.decode())[1]
    data = {
        "submit_token": token,
        "org_code": "150602100200",
        "publication": pub.pk,
        "copies": "3",
        "amount": "",
        "payer": "漫赖村",
        "date": f"{pub.year}-04-01",
    }
    first = web.post("/publications/subscriptions/new/", data)
    second = web.post("/publications/subscriptions/new/", data)
    assert first.status_code == second.status_code == 302
    assert Subscription.objects.count() == 1


def test_editing_moves_the_figures(actors, tree, pub):
    sub = subscribe(actors["county_cadre"], tree["150602100200"], pub, 5)
    services.subscription_update(
        actor=actors["county_cadre"],
        subscription=sub,
        org=tree["150602"],
        publication=pub,
        copies=7,
        payer="东胜区",
        date=sub.date,
    )
    got = dict(
        Rollup.objects.filter(metric="publications.copies", period=str(pub.year))
        .exclude(value=0)
        .values_list("org_path", "value")
    )
    assert got == {"15": 7, "1506": 7, "150602": 7}
