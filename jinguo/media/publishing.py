"""Publishing adapters: how an approved post goes out to an account's platform.

An adapter takes the post and the account and returns the address the post is at. No external network is
reachable from the federation's machines, so:

- `record` (the default) records "published at URL": the address the operator gives after posting it on the
  platform, or else the post's public page on this site;
- `rss` puts the post into the standard RSS 2.0 feed of published posts (/m/feed.xml), which a real aggregator
  (or a website's CMS) picks up; the address is the post's public page, the feed item's link.

A platform names its adapter (`Platform.adapter`); another adapter (an official platform API, once reachable)
registers here under a new name.
"""

from django.urls import reverse


class Adapter:
    name = ""

    def publish(self, post, account, url: str = "") -> str:
        raise NotImplementedError


def public_url(post) -> str:
    from django.conf import settings

    return f"{settings.MEDIA_PUBLIC_BASE.rstrip('/')}{reverse('media_public:post', args=[post.pk])}"


class RecordAdapter(Adapter):
    name = "record"

    def publish(self, post, account, url: str = "") -> str:
        return url or public_url(post)


class RssAdapter(Adapter):
    name = "rss"

    def publish(self, post, account, url: str = "") -> str:
        return public_url(post)


ADAPTERS: dict[str, Adapter] = {a.name: a for a in (RecordAdapter(), RssAdapter())}


def adapter_for(name: str) -> Adapter:
    return ADAPTERS.get(name) or ADAPTERS["record"]


def rss_feed(posts, *, title: str, link: str, description: str) -> bytes:
    """A standard RSS 2.0 document of `posts` (published, newest first)."""
    from django.utils.feedgenerator import Rss201rev2Feed

    from jinguo.media.text import plain

    feed = Rss201rev2Feed(title=title, link=link, description=description, language="zh-cn")
    for post in posts:
        url = public_url(post)
        feed.add_item(
            title=post.title,
            link=url,
            description=" ".join(plain(post.body).split())[:500],
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=post.published_at,
            author_name=post.org.name,
        )
    return feed.writeString("utf-8").encode("utf-8")
