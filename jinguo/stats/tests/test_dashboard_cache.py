"""The dashboard's rendered body is kept per unit, period, scope, language, day and roll-up version: a second look
costs a fraction of the queries, a committed roll-up change shows at once, and users who read different units never
share a body."""

import datetime
import re

import pytest

from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create
from jinguo.stats import rollups, views

URL = "/dashboard/?code=150600&period=2001Q1"


@pytest.fixture
def cached(settings):
    settings.DASHBOARD_CACHE_SECONDS = 60
    views.fragments.items.clear()
    yield
    views.fragments.items.clear()


def _birth(actors, tree, unit, seq):
    day = datetime.date(2001, 2, 1)
    person_create(
        actor=actors["region_cadre"],
        org=tree[unit],
        name="人",
        gender="F",
        ethnicity="汉族",
        birth_date=day,
        id_number=make_id_number(unit[:6], day, seq),
    )


def _figure(html: str) -> str:
    return re.search(r'data-testid="figure-test.births">([^<]*)<', html).group(1)


def test_a_second_look_reads_the_kept_body(cached, login, actors, tree, births_metric, assert_queries):
    client = login(actors["region_cadre"])
    _birth(actors, tree, "150602100200", 1)
    first = client.get(URL).content.decode()
    # session, user, memberships, the unit, its ancestors, the version, the bell, the session save: none of the
    # dashboard's own reads (5 more on a miss) and no rendering of its body
    with assert_queries(7):
        second = client.get(URL).content.decode()
    assert _figure(first) == _figure(second) == "1"
    assert second.count('id="dashboard-data"') == 1


def test_a_committed_roll_up_change_shows_at_once(
    cached, login, actors, tree, births_metric, django_capture_on_commit_callbacks
):
    client = login(actors["region_cadre"])
    assert _figure(client.get(URL).content.decode()) == "0"
    with django_capture_on_commit_callbacks(execute=True):
        _birth(actors, tree, "150602100200", 2)
    assert _figure(client.get(URL).content.decode()) == "1"


def test_a_change_renews_the_version_only_when_committed(
    cached, tree, births_metric, django_capture_on_commit_callbacks
):
    before = rollups.version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rollups.apply({("test.births", "150602100200", datetime.date(2001, 2, 1)): 1})
    assert rollups.version() == before and len(callbacks) == 1
    callbacks[0]()
    assert rollups.version() != before


def test_users_of_different_scopes_never_share_a_body(cached, login, actors, tree, births_metric):
    from django.test import Client

    region = Client()
    region.force_login(actors["region_cadre"])
    league = Client()
    league.force_login(actors["ordos_cadre"])
    region.get("/dashboard/?code=150600&period=2001Q1")
    league.get("/dashboard/?code=150600&period=2001Q1")
    assert len(views.fragments.items) == 2


def test_a_cache_that_cannot_be_read_costs_the_caching_not_the_page(cached, login, actors, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    client = login(actors["region_cadre"])
    assert client.get(URL).status_code == 200
    assert views.fragments.items == {}
