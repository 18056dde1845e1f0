"""Tree and list pages cost a fixed number of queries whatever the data size."""

from jinguo.core.actors import SYSTEM
from jinguo.orgs.services import org_bulk_create


def _more_villages(n):
    org_bulk_create(actor=SYSTEM, rows=[(f"150602100{300 + i:03d}", f"新村{i}") for i in range(n)])


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        r = client.get(url)
    assert r.status_code == 200


def test_tree_page_query_count_is_bounded(actors, login, django_assert_max_num_queries):
    client = login(actors["region_cadre"])
    _count(client, "/orgs/?code=150602100", django_assert_max_num_queries, 11)
    _more_villages(60)
    _count(client, "/orgs/?code=150602100", django_assert_max_num_queries, 11)
    _count(client, "/orgs/?code=150000", django_assert_max_num_queries, 11)


def test_search_page_query_count_is_bounded(actors, login, django_assert_max_num_queries):
    client = login(actors["region_cadre"])
    _more_villages(80)
    _count(client, "/orgs/search/?q=新村", django_assert_max_num_queries, 10)
    _count(client, "/orgs/search/?level=county", django_assert_max_num_queries, 10)


def test_people_list_query_count_is_bounded(actors, tree, login, django_assert_max_num_queries):
    from jinguo.people.tests.factories import new_person

    client = login(actors["region_cadre"])
    new_person(actors["region_cadre"], tree["150602"])
    _count(client, "/people/", django_assert_max_num_queries, 10)
    for i in range(30):
        new_person(actors["region_cadre"], tree["150602100200" if i % 2 else "150621"], name=f"人{i}")
    _count(client, "/people/", django_assert_max_num_queries, 10)
