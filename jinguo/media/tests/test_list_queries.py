"""The list pages and the dashboard cost a fixed number of queries, however many rows they show."""

import datetime

import pytest

from jinguo.media import services
from jinguo.media.models import Post
from jinguo.media.tests.conftest import new_account, today
from jinguo.people.tests.factories import new_person

# page → queries (session, user, memberships …, the page's own)
PAGES = {
    "/matrix/accounts/": 7,
    "/matrix/posts/": 6,
    "/matrix/tasks/": 7,
    "/matrix/commentators/": 6,
    "/matrix/": 13,
    "/matrix/rankings/": 8,
}


def _records(n, tree, actors, platforms):
    region = actors["region_cadre"]
    accounts = [new_account(region, tree["150602"], platforms["wechat"], f"a{n}{i}") for i in range(n)]
    for i in range(n):
        services.post_create(
            actor=region, org=tree["150602"], title=f"稿{n}{i}", body="<p>x</p>", targets=[accounts[i].pk]
        )
        person = new_person(region, tree["150602"], name=f"评{n}{i}")
        services.commentator_add(actor=region, org=tree["150602"], person=person.pk, role="commentator")
    post = services.post_create(actor=region, org=tree["150000"], title=f"发{n}", body="<p>x</p>")
    Post.objects.filter(pk=post.pk).update(state="published", published_at=datetime.datetime.now(datetime.UTC))
    post.refresh_from_db()
    services.push_create(actor=region, post=post, org=tree["150602"], due_on=today() + datetime.timedelta(days=2))


@pytest.mark.parametrize("url", sorted(PAGES))
def test_a_page_costs_the_same_for_two_rows_as_for_six(url, login, actors, tree, platforms, assert_queries):
    web = login(actors["region_cadre"])
    for n in (2, 4):
        _records(n, tree, actors, platforms)
        web.get(url)  # warm caches (the session, content types)
        with assert_queries(PAGES[url]):
            assert web.get(url).status_code == 200
