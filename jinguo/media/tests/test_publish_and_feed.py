"""Publishing goes through each platform's adapter: the default records "published at URL", the RSS adapter puts
the post into a standard RSS 2.0 feed of published posts."""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.models import AuditEvent
from jinguo.media import services
from jinguo.media.models import PostState, Publication
from jinguo.media.tests.conftest import publish


def test_publishing_records_where_the_post_went(draft, reviewers, actors, accounts):
    author = actors["region_cadre"]
    services.post_submit(actor=author, post=draft)
    for who in ("r1", "r2", "r3"):
        services.post_review(actor=reviewers[who], post=draft, decision="pass")
    services.post_publish(actor=author, post=draft, urls={accounts["own"].pk: "https://mp.weixin.qq.com/s/abc"})
    assert draft.state == PostState.PUBLISHED and draft.published_at is not None
    pubs = {p.account_id: (p.adapter, p.url) for p in Publication.objects.filter(post=draft)}
    assert pubs[accounts["own"].pk] == ("record", "https://mp.weixin.qq.com/s/abc")
    assert pubs[accounts["own_web"].pk] == ("rss", f"http://127.0.0.1:8000/m/p/{draft.pk}/")
    accounts["own"].refresh_from_db()
    assert accounts["own"].last_post_on is not None
    assert AuditEvent.objects.filter(event="media.post_publish", object_id=str(draft.pk)).count() == 1


def test_an_address_off_the_platform_is_refused_and_nothing_is_published(draft, reviewers, actors, accounts):
    author = actors["region_cadre"]
    services.post_submit(actor=author, post=draft)
    for who in ("r1", "r2", "r3"):
        services.post_review(actor=reviewers[who], post=draft, decision="pass")
    with pytest.raises(ValidationError, match="not on"):
        services.post_publish(actor=author, post=draft, urls={accounts["own"].pk: "https://weixin.evil.com/s/abc"})
    draft.refresh_from_db()
    assert draft.state == PostState.APPROVED and not Publication.objects.exists()


def test_a_draft_cannot_be_published(draft, actors):
    with pytest.raises(ValidationError):
        services.post_publish(actor=actors["region_cadre"], post=draft)


def test_the_rss_feed_is_valid_rss_2_of_published_posts(client, draft, reviewers, actors, tree, accounts):
    unpublished = services.post_create(
        actor=actors["region_cadre"], org=tree["150000"], title="还在审", body="<p>x</p>", targets=[accounts["own"].pk]
    )
    publish(draft, reviewers, actors["region_cadre"])
    r = client.get("/m/feed.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(r.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for tag in ("title", "link", "description"):
        assert channel.find(tag) is not None and channel.find(tag).text
    items = channel.findall("item")
    assert [i.find("title").text for i in items] == ["巾帼心向党"]
    item = items[0]
    assert item.find("link").text == f"http://127.0.0.1:8000/m/p/{draft.pk}/"
    assert item.find("guid").text == item.find("link").text
    assert item.find("pubDate").text  # RFC 822 date
    assert "<" not in item.find("description").text  # plain text
    assert unpublished.title not in r.content.decode()
    # The item's link opens without login; an unpublished post is 404 like an unknown one.
    assert client.get(f"/m/p/{draft.pk}/").status_code == 200
    assert client.get(f"/m/p/{unpublished.pk}/").status_code == 404
    assert client.get("/m/p/999999/").status_code == 404
