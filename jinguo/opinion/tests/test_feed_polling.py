"""Feed polling by the task worker with a conditional GET, against a feed served on localhost."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.opinion import services, tasks
from jinguo.opinion.models import Mention, Source

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>北疆女声</title>
<item><title>达拉特旗妇联开展家庭教育讲座</title><link>https://nx.example.cn/1</link>
<description>&lt;p&gt;达拉特旗妇联今日开展家庭教育讲座，家长们收获满满。&lt;/p&gt;</description>
<pubDate>Mon, 06 Jul 2026 08:00:00 +0800</pubDate></item>
<item><title>东胜区巾帼志愿者入户帮扶</title><link>https://nx.example.cn/2</link>
<description>暖心服务赢得点赞。</description><pubDate>Mon, 06 Jul 2026 09:00:00 +0800</pubDate></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>监测</title><id>urn:x</id><updated>2026-07-06T08:00:00Z</updated>
<entry><title>鄂尔多斯市召开妇女儿童权益保护会议</title><link href="https://at.example.cn/1"/><id>urn:1</id>
<updated>2026-07-06T08:00:00Z</updated><summary>会议部署下一阶段任务。</summary></entry></feed>""".encode()


class Feed(BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802
        Feed.hits.append((self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")))
        body = ATOM if self.path == "/atom" else RSS
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Last-Modified", "Mon, 06 Jul 2026 09:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Feed.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_worker_polls_a_feed_and_a_304_takes_nothing(tree, feed_server):
    source = services.source_create(actor=SYSTEM, org=tree["150600"], name="RSS", kind="feed", url=f"{feed_server}/rss")
    tasks.poll_due.enqueue()  # the immediate backend of the tests runs the tasks at once
    assert Mention.objects.filter(source=source).count() == 2
    source.refresh_from_db()
    assert source.etag == '"v1"' and source.last_modified and source.poll_status.startswith("200")
    # The same feed again: the conditional GET answers 304 and nothing is read or written.
    assert services.source_poll(actor=SYSTEM, source=source) == {"status": "not_modified", "created": 0}
    assert Feed.hits[-1][1:] == ('"v1"', "Mon, 06 Jul 2026 09:00:00 GMT")
    assert Mention.objects.count() == 2
    # The mentions are placed at the counties they name, within the source's league.
    assert set(Mention.objects.values_list("org__code", flat=True)) == {"150621", "150602"}


def test_a_feed_not_yet_due_is_not_polled(tree, feed_server):
    source = services.source_create(actor=SYSTEM, org=tree["150600"], name="RSS", kind="feed", url=f"{feed_server}/rss")
    tasks.poll_due.enqueue()
    tasks.poll_due.enqueue()
    assert len(Feed.hits) == 1
    assert Source.objects.get(pk=source.pk).polled_at is not None


def test_an_atom_feed_is_read_too(tree, feed_server):
    source = services.source_create(
        actor=SYSTEM, org=tree["150000"], name="Atom", kind="feed", url=f"{feed_server}/atom"
    )
    assert services.source_poll(actor=SYSTEM, source=source)["created"] == 1
    assert Mention.objects.get().org.code == "150600"


def test_an_unreachable_feed_is_recorded_not_raised(tree):
    source = services.source_create(
        actor=SYSTEM, org=tree["150000"], name="死链", kind="feed", url="http://127.0.0.1:9/x"
    )
    assert tasks.poll(source.pk)["status"] == "error"
    source.refresh_from_db()
    assert source.poll_status and source.polled_at is not None


def test_only_http_feeds_are_accepted(tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.source_create(actor=SYSTEM, org=tree["150000"], name="本地文件", kind="feed", url="file:///etc/passwd")
