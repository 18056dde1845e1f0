"""Fetching RSS and Atom feeds with a conditional GET (If-None-Match / If-Modified-Since), parsed by feedparser.

Only http and https; a time-out, a size limit and no redirect to another scheme. A feed that answers 304 costs one
request and writes nothing.
"""

import calendar
import datetime
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import feedparser
from django.conf import settings
from django.utils import timezone

MAX_BYTES = 5_000_000
TIMEOUT = 20  # seconds


class FeedError(Exception):
    """The feed could not be read: the reason is shown on the source's page."""


@dataclass
class FeedResult:
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    items: list[dict] = field(default_factory=list)


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> FeedResult:
    if not url.lower().startswith(("http://", "https://")):
        raise FeedError("only http and https")
    headers = {"User-Agent": getattr(settings, "OPINION_FEED_AGENT", "jinguo-opinion/1"), "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the scheme is checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            info = response.headers
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return FeedResult(not_modified=True, etag=etag, last_modified=last_modified)
        raise FeedError(f"HTTP {e.code}") from e
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as e:
        raise FeedError(str(getattr(e, "reason", e))[:150]) from e
    if len(body) > MAX_BYTES:
        raise FeedError("feed larger than 5 MB")
    new_etag = info.get("ETag", "") or ""
    if etag and new_etag == etag:
        return FeedResult(not_modified=True, etag=etag, last_modified=last_modified)
    return FeedResult(etag=new_etag, last_modified=info.get("Last-Modified", "") or "", items=parse(body))


def _when(entry) -> datetime.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    return None


def parse(body: bytes) -> list[dict]:
    """The entries of an RSS or Atom document as ingest items (url, title, text, author, published_at)."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise FeedError("not a readable RSS or Atom feed")
    items = []
    for e in parsed.entries:
        text = e.get("summary") or ""
        if e.get("content"):
            text = e.content[0].get("value") or text
        items.append(
            {
                "url": e.get("link") or e.get("id") or "",
                "title": (e.get("title") or "")[:200],
                "text": _plain(text)[:5000],
                "author": (e.get("author") or "")[:100],
                "published_at": _when(e) or timezone.now(),
            }
        )
    return items


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())
