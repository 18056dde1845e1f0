"""POST /api/v1/mentions: batches of up to 1,000, idempotent on source and URL, an answer per item, 4xx never 5xx."""

import pytest

from jinguo.core.models import AuditEvent
from jinguo.opinion.models import Mention, Story
from jinguo.opinion.tests.conftest import item

URL = "/api/v1/mentions"


def push(client, source_id, items):
    return client.post(URL, {"source": source_id, "items": items}, content_type="application/json")


def test_it_creates_each_valid_item_and_answers_each_invalid_one(login, actors, county_source):
    web = login(actors["county_cadre"])
    items = [item(1), item(2, reach=-5), item(3, url="not a url"), {"url": "https://x.cn/4"}, item(5, reach=120)]
    r = push(web, county_source.pk, items)
    assert r.status_code == 200, r.content
    body = r.json()
    assert [i["status"] for i in body["items"]] == ["created", "invalid", "invalid", "invalid", "created"]
    assert set(body["items"][1]["errors"]) == {"reach"}
    assert set(body["items"][2]["errors"]) == {"url"}
    assert set(body["items"][3]["errors"]) == {"text"}
    assert (body["created"], body["exists"], body["invalid"]) == (2, 0, 3)
    assert Mention.objects.filter(source=county_source).count() == 2
    assert AuditEvent.objects.filter(event="opinion.ingest", outcome="success").count() == 1


def test_pushing_the_same_batch_twice_creates_nothing_new(login, actors, county_source):
    web = login(actors["county_cadre"])
    items = [item(n) for n in range(1, 6)]
    first = push(web, county_source.pk, items).json()
    ids = [i["id"] for i in first["items"]]
    # The same addresses written differently (host case, fragment) are the same item.
    again = [dict(i, url=i["url"].replace("news.example.cn", "NEWS.example.cn") + "#top") for i in items]
    second = push(web, county_source.pk, again).json()
    assert [i["status"] for i in second["items"]] == ["exists"] * 5
    assert [i["id"] for i in second["items"]] == ids
    assert Mention.objects.count() == 5
    assert Story.objects.aggregate(n=__import__("django.db.models", fromlist=["Sum"]).Sum("mentions"))["n"] == 5


def test_a_url_twice_in_one_batch_is_created_once(login, actors, county_source):
    web = login(actors["county_cadre"])
    body = push(web, county_source.pk, [item(1), item(1, title="again")]).json()
    assert [i["status"] for i in body["items"]] == ["created", "exists"]
    assert body["items"][0]["id"] == body["items"][1]["id"]


def test_a_batch_of_more_than_1000_is_refused_whole(login, actors, county_source):
    web = login(actors["county_cadre"])
    r = push(web, county_source.pk, [item(n) for n in range(1001)])
    assert r.status_code == 422
    assert Mention.objects.count() == 0


def test_a_batch_of_1000_is_taken(login, actors, county_source):
    web = login(actors["county_cadre"])
    r = push(web, county_source.pk, [item(n) for n in range(1000)])
    assert r.status_code == 200 and r.json()["created"] == 1000


def test_a_sibling_source_answers_as_an_unknown_one(login, actors, county_source, sibling_source):
    web = login(actors["county_cadre"])
    theirs = push(web, sibling_source.pk, [item(1)])
    unknown = push(web, 9_999_999, [item(1)])
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json()
    assert Mention.objects.count() == 0


def test_the_leader_cannot_push(login, actors, region_source):
    r = push(login(actors["leader"]), region_source.pk, [item(1)])
    assert r.status_code == 403
    assert Mention.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"source": 1, "items": "x"},
        {"source": 0, "items": []},
        {"items": []},
        {"source": 1, "items": [{"url": "https://a.cn/" + "x" * 3000}]},
        {"source": 1, "items": [{"url": "https://a.cn/1", "reach": 10**30}]},
        [1, 2],
    ],
)
def test_malformed_bodies_are_4xx(login, actors, county_source, body):
    r = login(actors["county_cadre"]).post(URL, body, content_type="application/json")
    assert 400 <= r.status_code < 500


def test_bounds_of_the_model_are_answered_per_item(login, actors, county_source):
    web = login(actors["county_cadre"])
    r = push(
        web,
        county_source.pk,
        [
            item(1, title="题" * 201),
            item(2, published_at="2999-01-01T00:00:00+08:00"),
            item(3, published_at="yesterday"),
            item(4, reach=1_000_000_001),
        ],
    )
    body = r.json()
    assert r.status_code == 200
    assert [set(i["errors"]) for i in body["items"]] == [{"title"}, {"published_at"}, {"published_at"}, {"reach"}]
    assert "200" in body["items"][0]["errors"]["title"][0]
