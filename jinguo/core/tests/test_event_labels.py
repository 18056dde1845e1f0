"""Every audit event the code records has a label in words (core's own, or its module's `Module.events`), so the
history and the audit log never show a cadre a code such as `volunteer.checkout`."""

import re
from pathlib import Path

from django.utils import translation

from jinguo.core.audit import event_label

ROOT = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r"""audit\.record\(\s*[^,()]+,\s*["']([a-z_]+\.[a-z_]+)["']|event=["']([a-z_]+\.[a-z_]+)["']""")


def recorded_events() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for m in RECORDED.finditer(path.read_text(encoding="utf-8")):
            found.add(m[1] or m[2])
    return found


def test_the_scan_finds_the_modules_events():
    events = recorded_events()
    assert {"volunteer.checkout", "honors.objection_submit", "opinion.alert_raise"} <= events, sorted(events)[:20]


def test_every_recorded_event_has_a_label():
    with translation.override("en"):
        unlabelled = sorted(code for code in recorded_events() if event_label(code) == code)
    assert unlabelled == []
