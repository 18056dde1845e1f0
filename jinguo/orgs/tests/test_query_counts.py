"""Tree and list pages cost a fixed number of queries whatever the data size (pinned: assert_queries)."""

from jinguo.core.actors import SYSTEM
from jinguo.orgs.services import org_bulk_create


def _more_villages(n):
    org_bulk_create(actor=SYSTEM, rows=[(f"150602100{300 + i:03d}", f"新村{i}") for i in range(n)])


def _count(client, url, assert_queries, n):
    with assert_queries(n):
        r = client.get(url)
    assert r.status_code == 200


def test_tree_page_query_count_is_fixed(actors, login, assert_queries):
    client = login(actors["region_cadre"])
    _count(client, "/orgs/?code=150602100", assert_queries, 7)
    _more_villages(60)
    _count(client, "/orgs/?code=150602100", assert_queries, 7)
    _count(client, "/orgs/?code=150000", assert_queries, 6)


def test_search_page_query_count_is_fixed(actors, login, assert_queries):
    client = login(actors["region_cadre"])
    _more_villages(80)
    _count(client, "/orgs/search/?q=新村", assert_queries, 6)
    _count(client, "/orgs/search/?level=county", assert_queries, 6)


def test_people_list_query_count_is_fixed(actors, tree, login, assert_queries):
    from jinguo.people.tests.factories import new_person

    client = login(actors["region_cadre"])
    new_person(actors["region_cadre"], tree["150602"])
    _count(client, "/people/", assert_queries, 5)  # one page: keyset pages need no count
    for i in range(30):
        new_person(actors["region_cadre"], tree["150602100200" if i % 2 else "150621"], name=f"人{i}")
    _count(client, "/people/", assert_queries, 5)  # one page: keyset pages need no count
