"""The load client of `make bench`: loopback only, bounded in time, counts answers other than 200 as errors."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jinguo.bench.load import Route, run_load


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn's threads answer

    def do_GET(self):  # noqa: N802 - the stdlib's name
        status = 200 if self.path.startswith("/ok") else 404
        body = b"x" * (10 if status == 200 else 3)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_it_measures_each_route_at_each_concurrency_and_counts_errors(server):
    rows = run_load(
        server,
        [Route("ok", "/ok?x=1", {"Cookie": "a=b"}), Route("missing", "/missing", {})],
        concurrency=(1, 4),
        seconds=0.5,
        warmup=0,
        say=lambda s: None,
    )
    assert [(r["route"], r["concurrency"]) for r in rows] == [("ok", 1), ("ok", 4), ("missing", 1), ("missing", 4)]
    ok, missing = rows[1], rows[3]
    assert ok["requests"] > 0 and ok["errors"] == 0 and ok["rps"] > 0 and ok["p50"] <= ok["p99"]
    assert missing["requests"] == 0 and missing["errors"] > 0 and missing["error_statuses"] == [404]
    assert all(r["seconds"] < 5 for r in rows)  # it stops by itself


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "http://example.cn", "http://192.168.1.5"])
def test_it_sends_nothing_beyond_this_machine(url):
    with pytest.raises(ValueError, match="loopback"):
        run_load(url, [Route("x", "/", {})], seconds=0.1, warmup=0, say=lambda s: None)
