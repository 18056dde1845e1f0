"""Suite-wide log guards, one collector for both.

- No ID number, phone number or password may reach any log line: every log record emitted while the
  whole suite runs is formatted and scanned at the end; a match fails the run (PIPL: personal data
  never in logs).
- No test may leave a server traceback it did not expect: an ERROR record with exception info from
  Django's request handler, the (live) server, ninja, background tasks or the platform's own loggers
  fails the test that logged it, unless the test is marked `@pytest.mark.expect_traceback` (optionally
  `(of=ExceptionClass)` or `(of=(A, B))` to expect only those).
"""

import logging
import re

import pytest

pytest_plugins = ["pytester"]  # core/tests/test_traceback_check.py runs this file in a pytest of its own

LEAK_PATTERNS = {
    "ID number": re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
    "phone number": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
}
KNOWN_PASSWORDS = [
    "Test-Passw0rd!long",
    "Jinguo@2026demo",
    "Grassland-2026-long",
    "New-Grassland-2027",
    "Long-Enough-Pass1",
    "wrong-password",
]


def find_leaks(lines: list[str]) -> list[tuple[str, str]]:
    leaks = []
    for line in lines:
        for what, pattern in LEAK_PATTERNS.items():
            if pattern.search(line):
                leaks.append((what, line))
        for pw in KNOWN_PASSWORDS:
            if pw in line:
                leaks.append(("password", line))
    return leaks


# Loggers (and their children) whose tracebacks mean the server failed. ninja logs to "django" itself.
TRACEBACK_LOGGERS = ("django.request", "django.server", "django_tasks", "jinguo")
TRACEBACK_EXACT_LOGGERS = ("django",)
# Loggers that do not propagate to the root logger (Django's DEFAULT_LOGGING): the collector joins them.
NON_PROPAGATING_LOGGERS = ("django.server",)


def is_server_traceback(record: logging.LogRecord) -> bool:
    """An ERROR (or worse) record carrying an exception, from a logger that reports a server failure."""
    if record.levelno < logging.ERROR or not record.exc_info or record.exc_info[0] is None:
        return False
    name = record.name
    return name in TRACEBACK_EXACT_LOGGERS or any(name == n or name.startswith(n + ".") for n in TRACEBACK_LOGGERS)


def unexpected_tracebacks(
    records: list[logging.LogRecord], expected: tuple[type[BaseException], ...] | None
) -> list[logging.LogRecord]:
    """The records a test did not expect: all of them when `expected` is None, none when it is () (any
    traceback expected), else those whose exception is not an instance of one of `expected`."""
    if expected is None:
        return list(records)
    if not expected:
        return []
    return [r for r in records if not isinstance(r.exc_info[1], expected)]


def describe_tracebacks(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n\n".join(formatter.format(r)[:4000] for r in records)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.tracebacks: list[logging.LogRecord] = []  # of the running test; cleared when each test starts
        self.traceback_count = 0  # unexpected ones, over the whole run
        self._last: logging.LogRecord | None = None
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:  # attached to a logger and an ancestor that it propagates to
            return
        self._last = record
        if is_server_traceback(record):
            self.tracebacks.append(record)
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a broken record must not break the suite
            self.lines.append(f"{record.name} unformattable: {record.msg!r}")


_collector = _Collector()


def _attach() -> None:
    for logger in [logging.getLogger(), *map(logging.getLogger, NON_PROPAGATING_LOGGERS)]:
        if _collector not in logger.handlers:
            logger.addHandler(_collector)


def _log_live_server_errors() -> None:
    """An exception that escapes Django's handler in the live server's thread is printed to stderr by
    socketserver; log it instead (to django.server, as Django's own server logs), so the check sees it."""
    from django.core.servers import basehttp

    def handle_error(self, request, client_address):
        if basehttp.is_broken_pipe_error():
            basehttp.logger.info("- Broken pipe from %s", client_address)
        else:
            basehttp.logger.error("Exception while handling a request from %s", client_address, exc_info=True)

    basehttp.WSGIServer.handle_error = handle_error


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "expect_traceback(of=ExceptionClass or a tuple of them): the test means to make the server log a "
        "traceback (of these classes, or of any class without `of`)",
    )
    _attach()
    _log_live_server_errors()


@pytest.fixture(autouse=True)
def _collect_logs(request):
    """Re-attach the collector (a second django.setup() (dictConfig) replaces the root handlers), and fail
    the test if it logged a server traceback it did not declare with `expect_traceback`."""
    _attach()
    _collector.tracebacks.clear()
    yield
    marker = request.node.get_closest_marker("expect_traceback")
    expected = None
    if marker is not None:
        of = marker.kwargs.get("of", ())
        expected = of if isinstance(of, tuple) else (of,)
    unexpected = unexpected_tracebacks(_collector.tracebacks, expected)
    _collector.tracebacks.clear()
    if unexpected:
        _collector.traceback_count += len(unexpected)
        pytest.fail(
            f"the server logged {len(unexpected)} traceback(s) this test does not expect "
            f"(mark it @pytest.mark.expect_traceback(of=ExceptionClass) if it means to):\n\n"
            + describe_tracebacks(unexpected),
            pytrace=False,
        )


# Under pytest-xdist (make test-fast runs a worker a core) each worker scans its own log lines and hands its
# figures to the controller, which reports them all and fails the run on any leak.
_workers = {"lines": 0, "leaks": [], "tracebacks": 0}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    found = getattr(node, "workeroutput", {}).get("log_scan")
    if found:
        _workers["lines"] += found["lines"]
        _workers["leaks"] += [tuple(leak) for leak in found["leaks"]]
        _workers["tracebacks"] += found["tracebacks"]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    leaks = find_leaks(_collector.lines)
    if hasattr(session.config, "workeroutput"):  # an xdist worker: the controller reports
        session.config.workeroutput["log_scan"] = {
            "lines": len(_collector.lines),
            "leaks": leaks[:20],
            "tracebacks": _collector.traceback_count,
        }
        return
    lines = len(_collector.lines) + _workers["lines"]
    leaks += _workers["leaks"]
    tracebacks = _collector.traceback_count + _workers["tracebacks"]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"log scan: {lines} log lines checked for personal data, {len(leaks)} leaks; "
            f"{tracebacks} unexpected server tracebacks"
        )
    if leaks:
        for what, line in leaks[:20]:
            if reporter is not None:
                reporter.write_line(f"LEAK ({what}): {line[:300]}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
