"""Suite-wide guard: no ID number, phone number or password may reach any log line.

Every log record emitted while the whole suite runs is formatted and scanned at the end; a match
fails the run (PIPL: personal data never in logs).
"""

import logging
import re

import pytest

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


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a broken record must not break the suite
            self.lines.append(f"{record.name} unformattable: {record.msg!r}")


_collector = _Collector()


def pytest_configure(config):
    logging.getLogger().addHandler(_collector)


@pytest.fixture(autouse=True)
def _collect_logs():
    """Re-attach the collector: a second django.setup() (dictConfig) replaces the root handlers."""
    root = logging.getLogger()
    if _collector not in root.handlers:
        root.addHandler(_collector)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    leaks = find_leaks(_collector.lines)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"log scan: {len(_collector.lines)} log lines checked for personal data, {len(leaks)} leaks"
        )
    if leaks:
        for what, line in leaks[:20]:
            if reporter is not None:
                reporter.write_line(f"LEAK ({what}): {line[:300]}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
