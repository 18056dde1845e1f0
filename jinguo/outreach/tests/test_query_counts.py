"""List pages and the coverage page cost a fixed number of queries whatever the data size (pinned:
assert_queries)."""

import pytest

from jinguo.outreach.services import lecturer_add, team_create
from jinguo.outreach.tests.factories import new_lecture


def _get(client, url, assert_queries, n):
    with assert_queries(n):
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


@pytest.fixture
def team(actors, tree, lecturer):
    def _make(code):
        team = team_create(actor=actors["region_cadre"], org=tree[code], name=f"{code}宣讲团")
        lecturer_add(actor=actors["region_cadre"], team=team, person=lecturer)

    return _make


PAGES = {
    # Keyset pages (core.lists.SeekPage): a list that fits on its first page needs no count.
    "/outreach/lectures/": 7,
    "/outreach/lectures/?state=held&period=2026": 7,
    # Coverage reads the roll-ups (stats.coverage); the gaps are one paged SQL query, counted by the counters.
    "/outreach/coverage/": 12,
    "/outreach/coverage/?basis=reported&gaps=village": 12,
    "/outreach/coverage/?under=150602&basis=reported": 12,  # + every unit above, for the breadcrumbs
    "/outreach/teams/": 6,
    "/outreach/lectures/periods/": 5,
    "/planning/": 5,
    "/planning/themes/": 7,  # a declared list (core.lists): paginated, so one capped count more
}


def test_outreach_pages_query_count_is_fixed(login, actors, many, team, assert_queries):
    client = login(actors["region_cadre"])
    many(2)
    team("150621")
    for url, n in PAGES.items():
        _get(client, url, assert_queries, n)
    many(30)
    for code in ("150000", "150600", "150602"):
        team(code)
    for url, n in PAGES.items():
        _get(client, url, assert_queries, n)


def test_the_lecture_page_query_count_is_fixed(login, actors, tree, calendar, lecturer, assert_queries):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    # 13: the page, plus the history (its events and its comments).
    _get(login(actors["ordos_cadre"]), f"/outreach/lectures/{lec.pk}/", assert_queries, 12)
