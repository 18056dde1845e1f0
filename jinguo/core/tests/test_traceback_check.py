"""The suite-wide traceback check (conftest.py at the root) really fails a test whose server failed."""

import logging
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from conftest import _collector, is_server_traceback, unexpected_tracebacks


def _boom(request):
    raise RuntimeError("the view fell over")


def _fine(request):
    return HttpResponse("ok")


urlpatterns = [path("boom/", _boom), path("fine/", _fine)]


@pytest.mark.expect_traceback(of=RuntimeError)
@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_raises_is_flagged_unless_expected(db):
    client = Client(raise_request_exception=False)
    assert client.get("/fine/").status_code == 200
    assert _collector.tracebacks == []
    assert client.get("/boom/").status_code == 500
    [record] = _collector.tracebacks
    assert record.name == "django.request" and isinstance(record.exc_info[1], RuntimeError)
    assert unexpected_tracebacks(_collector.tracebacks, None) == [record]  # an unmarked test fails
    assert unexpected_tracebacks(_collector.tracebacks, (KeyError,)) == [record]  # so does one expecting another
    assert unexpected_tracebacks(_collector.tracebacks, (RuntimeError,)) == []
    assert unexpected_tracebacks(_collector.tracebacks, ()) == []


@pytest.mark.expect_traceback(of=(RuntimeError, OSError))
@override_settings(ROOT_URLCONF=__name__)
def test_the_live_server_thread_is_watched_too(live_server):
    from django.core.servers.basehttp import WSGIServer

    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(live_server.url + "/boom/")
    assert e.value.code == 500
    # An error that escapes Django's handler in the server thread goes to the log, not only to stderr.
    try:
        raise OSError("the socket broke")
    except OSError:
        WSGIServer.handle_error(None, None, ("127.0.0.1", 40000))
    assert [(r.name, type(r.exc_info[1])) for r in _collector.tracebacks] == [
        ("django.request", RuntimeError),
        ("django.server", OSError),
    ]


def _record(name: str, level: int, exc: bool) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError("x")
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord(name, level, __file__, 1, "msg", (), exc_info)


def test_only_server_errors_with_a_traceback_count():
    assert is_server_traceback(_record("django.request", logging.ERROR, exc=True))
    assert is_server_traceback(_record("django", logging.ERROR, exc=True))  # ninja's logger
    assert is_server_traceback(_record("django.server", logging.ERROR, exc=True))
    assert is_server_traceback(_record("django_tasks", logging.ERROR, exc=True))
    assert is_server_traceback(_record("jinguo.people.services", logging.CRITICAL, exc=True))
    assert not is_server_traceback(_record("django.request", logging.ERROR, exc=False))  # a plain 500 line
    assert not is_server_traceback(_record("django.request", logging.WARNING, exc=True))
    assert not is_server_traceback(_record("django.security.csrf", logging.ERROR, exc=True))  # a 400, not a 500
    assert not is_server_traceback(_record("jinguolike", logging.ERROR, exc=True))


INNER_TESTS = """
import logging

import pytest


def _log_a_traceback(exc):
    try:
        raise exc
    except Exception:
        logging.getLogger("django.request").exception("Internal Server Error: /x/")


def test_unexpected():
    _log_a_traceback(RuntimeError("boom"))


@pytest.mark.expect_traceback(of=RuntimeError)
def test_expected():
    _log_a_traceback(RuntimeError("boom"))


@pytest.mark.expect_traceback
def test_any_expected():
    _log_a_traceback(KeyError("k"))


@pytest.mark.expect_traceback(of=(KeyError, ValueError))
def test_expected_another_kind():
    _log_a_traceback(RuntimeError("boom"))


def test_a_library_logger_is_not_the_server():
    try:
        raise RuntimeError("handled")
    except RuntimeError:
        logging.getLogger("some.library").exception("retrying")
"""


def test_a_run_with_an_unexpected_traceback_fails(pytester):
    pytester.makeconftest((Path(__file__).resolve().parents[3] / "conftest.py").read_text())
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:django", "-p", "no:schemathesis", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*2 unexpected server tracebacks*",
            "*ERROR at teardown of test_unexpected*",
            "*the server logged 1 traceback(s) this test does not expect*",
            "*RuntimeError: boom*",
            "*ERROR at teardown of test_expected_another_kind*",
        ]
    )
    assert result.ret != 0
