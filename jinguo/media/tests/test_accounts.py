"""Accounts: every field of the register, scope (a sibling's account is 404 like an unknown one, pages and API),
dormant accounts flagged and their units told once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import Notification
from jinguo.core.services import api_token_create
from jinguo.media import services
from jinguo.media.models import Account
from jinguo.media.tests.conftest import days_ago, new_account


def test_an_account_keeps_every_field_of_the_register(tree, actors, platforms):
    a = new_account(
        actors["county_cadre"],
        tree["150602"],
        platforms["douyin"],
        " ｄｓ ０１ ",
        name="东胜女声",
        operator="宣传干事",
        brand="北疆女声",
        followers=1234,
        verification="verified",
        last_post_on=days_ago(2),
    )
    a.refresh_from_db()
    assert (a.name, a.platform.code, a.platform_uid, a.org.code, a.operator, a.brand, a.own, a.followers) == (
        "东胜女声",
        "douyin",
        "DS01",
        "150602",
        "宣传干事",
        "北疆女声",
        False,
        1234,
    )
    assert a.verification == "verified" and a.last_post_on == days_ago(2)
    with pytest.raises(ValidationError, match="already|registered"):
        new_account(actors["county_cadre"], tree["150602"], platforms["douyin"], "ds01")


def test_bounds_and_scope_are_checked(tree, actors, platforms):
    with pytest.raises(ValidationError):
        new_account(actors["county_cadre"], tree["150602"], platforms["wechat"], "x", followers=10**12)
    with pytest.raises(PermissionDenied):
        new_account(actors["county_cadre"], tree["150621"], platforms["wechat"], "y")
    with pytest.raises(PermissionDenied):
        new_account(actors["leader"], tree["150000"], platforms["wechat"], "z")


def test_a_siblings_account_is_404_like_an_unknown_one(client, login, actors, accounts):
    web = login(actors["county_cadre"])
    theirs, unknown = accounts["dalad"].pk, accounts["dalad"].pk + 1000
    assert web.get(f"/matrix/accounts/{accounts['dongsheng'].pk}/").status_code == 200
    a, b = web.get(f"/matrix/accounts/{theirs}/"), web.get(f"/matrix/accounts/{unknown}/")
    assert a.status_code == b.status_code == 404
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    a, b = client.get(f"/api/v1/media/accounts/{theirs}", **h), client.get(f"/api/v1/media/accounts/{unknown}", **h)
    assert a.status_code == b.status_code == 404 and a.json() == b.json()
    listed = client.get("/api/v1/media/accounts", **h).json()["items"]
    assert {i["id"] for i in listed} == {accounts["dongsheng"].pk, accounts["dongsheng_dy"].pk}
    assert web.get(f"/matrix/accounts/{accounts['dongsheng'].pk}/edit/").status_code == 200
    assert login(actors["leader"]).get(f"/matrix/accounts/{accounts['dongsheng'].pk}/edit/").status_code == 403


def test_the_api_registers_an_account(client, actors, platforms):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    body = {"org": "150602", "name": "东胜妇联", "platform": "weibo", "platform_uid": "dsfl"}
    r = client.post("/api/v1/media/accounts", body, **h)
    assert r.status_code == 201 and r.json()["platform"] == "weibo"
    for org in ("150621", "150699"):  # a sibling's unit and an unknown one: the same answer
        r = client.post("/api/v1/media/accounts", {**body, "org": org, "platform_uid": org}, **h)
        assert r.status_code == 404
    r = client.post("/api/v1/media/accounts", {**body, "platform": "myspace", "platform_uid": "q"}, **h)
    assert r.status_code == 400


def test_dormant_accounts_are_flagged_and_their_unit_told_once(accounts, actors, tree):
    Account.objects.filter(pk=accounts["dongsheng"].pk).update(last_post_on=days_ago(45))
    Account.objects.filter(pk=accounts["dongsheng_dy"].pk).update(last_post_on=days_ago(31))
    Account.objects.exclude(pk__in=[accounts["dongsheng"].pk, accounts["dongsheng_dy"].pk]).update(
        last_post_on=days_ago(1)
    )
    result = services.accounts_flag_dormant(actor=SYSTEM, days=30)
    assert result == {"flagged": 2, "cleared": 0}
    notes = Notification.objects.filter(kind="media.dormant")
    assert [(n.recipient.username, n.org_path) for n in notes] == [("county_cadre", "150602")]
    assert "2 accounts" in notes[0].title
    assert services.accounts_flag_dormant(actor=SYSTEM, days=30) == {"flagged": 0, "cleared": 0}
    assert notes.count() == 1
    # It posts again: the flag is lifted at the next sweep.
    Account.objects.filter(pk=accounts["dongsheng"].pk).update(last_post_on=datetime.date.today())
    assert services.accounts_flag_dormant(actor=SYSTEM, days=30)["cleared"] == 1


def test_the_sweep_command_publishes_scheduled_posts_and_flags_quiet_accounts(accounts, draft, reviewers, actors):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from jinguo.media.models import Post

    author = actors["region_cadre"]
    Post.objects.filter(pk=draft.pk).update(scheduled_at=timezone.now() + datetime.timedelta(hours=1))
    draft.refresh_from_db()
    services.post_submit(actor=author, post=draft)
    for who in ("r1", "r2", "r3"):
        services.post_review(actor=reviewers[who], post=draft, decision="pass")
    with pytest.raises(ValidationError, match="scheduled"):
        services.post_publish(actor=author, post=draft)
    Post.objects.filter(pk=draft.pk).update(scheduled_at=timezone.now() - datetime.timedelta(minutes=1))
    Account.objects.filter(pk=accounts["dalad"].pk).update(last_post_on=days_ago(90))
    out = io.StringIO()
    call_command("media", "sweep", stdout=out)
    assert "published 1 scheduled posts; 1 accounts flagged dormant" in out.getvalue()
    assert Post.objects.get(pk=draft.pk).state == "published"
