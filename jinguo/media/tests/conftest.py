import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.media import services
from jinguo.media.models import Platform


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def platforms(db):
    services.platforms_seed(actor=SYSTEM)
    return {p.code: p for p in Platform.objects.all()}


def new_account(actor, org, platform, uid, *, name=None, own=False, **kw):
    return services.account_create(
        actor=actor,
        org=org,
        name=name or f"{org.name}{platform.name}",
        platform=platform,
        platform_uid=uid,
        own=own,
        **kw,
    )


@pytest.fixture
def accounts(platforms, tree, actors):
    """Own accounts of the region, matrix accounts of 鄂尔多斯, 东胜区 (two) and the sibling 达拉特旗."""
    region = actors["region_cadre"]
    return {
        "own": new_account(
            region, tree["150000"], platforms["wechat"], "gh_bjns", name="北疆女声", own=True, brand="北疆女声"
        ),
        "own_web": new_account(region, tree["150000"], platforms["website"], "nmgfl", name="内蒙古妇联网", own=True),
        "ordos": new_account(region, tree["150600"], platforms["wechat"], "gh_ordos", brand="北疆女声"),
        "dongsheng": new_account(region, tree["150602"], platforms["wechat"], "gh_ds"),
        "dongsheng_dy": new_account(region, tree["150602"], platforms["douyin"], "ds_douyin"),
        "dalad": new_account(region, tree["150621"], platforms["wechat"], "gh_dalad"),
    }


@pytest.fixture
def reviewers(tree):
    """Three reviewers of the region (first, second and final review of a region post) and two of 鄂尔多斯市."""
    return {
        "r1": make_user("region_reviewer1", Role.REVIEWER, tree["150000"]),
        "r2": make_user("region_reviewer2", Role.REVIEWER, tree["150000"]),
        "r3": make_user("region_reviewer3", Role.REVIEWER, tree["150000"]),
        "league": make_user("ordos_reviewer", Role.REVIEWER, tree["150600"]),
    }


@pytest.fixture
def draft(accounts, actors, tree):
    return services.post_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title="巾帼心向党",
        body="<p>北疆女声 <strong>报道</strong></p>",
        targets=[accounts["own"].pk, accounts["own_web"].pk],
    )


def publish(post, reviewers, author):
    services.post_submit(actor=author, post=post)
    for who in ("r1", "r2", "r3"):
        services.post_review(actor=reviewers[who], post=post, decision="pass", comment=f"{who} 同意")
    return services.post_publish(actor=author, post=post)


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - datetime.timedelta(days=n)
