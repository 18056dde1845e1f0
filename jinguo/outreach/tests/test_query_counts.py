"""List pages and the coverage page cost a bounded number of queries whatever the data size."""

import pytest

from jinguo.outreach.services import lecturer_add, team_create
from jinguo.outreach.tests.factories import new_lecture


def _get(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        r = client.get(url)
    assert r.status_code == 200, url
    return r


@pytest.fixture
def many(actors, tree, calendar, lecturer):
    def _make(n):
        for i in range(n):
            org = tree["150602100200" if i % 2 else "150602001001"]
            new_lecture(actors["county_cadre"], org, calendar, lecturer, title=f"宣讲{i}")

    return _make


PAGES = [
    "/outreach/lectures/",
    "/outreach/lectures/?state=held&period=2026",
    "/outreach/coverage/",
    "/outreach/coverage/?basis=reported&gaps=village",
    "/outreach/coverage/?under=150602&basis=reported",
    "/outreach/teams/",
    "/outreach/lectures/periods/",
    "/planning/",
    "/planning/themes/",
]


def test_outreach_pages_query_count_is_bounded(login, actors, tree, many, lecturer, django_assert_max_num_queries):
    client = login(actors["region_cadre"])
    many(2)
    for url in PAGES:
        _get(client, url, django_assert_max_num_queries, 20)
    many(30)
    for code in ("150000", "150600", "150602"):
        team = team_create(actor=actors["region_cadre"], org=tree[code], name=f"{code}宣讲团")
        lecturer_add(actor=actors["region_cadre"], team=team, person=lecturer)
    for url in PAGES:
        _get(client, url, django_assert_max_num_queries, 20)


def test_the_lecture_page_query_count_is_bounded(
    login, actors, tree, calendar, lecturer, django_assert_max_num_queries
):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    _get(login(actors["ordos_cadre"]), f"/outreach/lectures/{lec.pk}/", django_assert_max_num_queries, 18)
