"""jinguo bench-report: a partial re-run folded into an earlier run is marked, with the machine and data it ran on."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "bench_report", Path(__file__).parents[1] / "management" / "commands" / "bench-report.py"
)
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)


def _run(date, speed, scenarios, generated=None):
    return {
        "database": "postgresql",
        "size": "full",
        "date": date,
        "machine": {"cpus": 2, "python": "3.11.7", "speed": speed},
        "counts": {"outreach.Lecture": 1_044_000},
        "generated": {"seconds": generated} if generated else None,
        "scenarios": scenarios,
    }


def _import(rate):
    name = "import 100,000 lectures (.xlsx)"
    return {"name": name, "kind": "rows", "target": 10_000, "rows_per_s": rate, "met": False}


def _page():
    return {"name": "coverage page", "kind": "page", "target": 100, "p50": 17.4, "p95": 19.0, "met": True}


def test_a_rerun_scenario_replaces_the_earlier_one_and_names_its_run():
    night = _run("2026-12-01 02:12", 4835, [_page(), _import(3855)], generated=1644.5)
    later = _run("2026-12-01 04:39", 3667, [_import(3377)], generated=1966.5)
    (merged,) = report.merge([night], [later])
    rows = {s["name"]: s for s in merged["scenarios"]}
    assert rows["import 100,000 lectures (.xlsx)"]["rows_per_s"] == 3377
    assert "measured" not in rows["coverage page"]
    text = report.render([merged])
    assert "| import 100,000 lectures (.xlsx) † | 3,377 rows/s" in text
    assert "| coverage page | 17.4 ms" in text
    assert "† measured 2026-12-01 04:39 (machine speed 3,667 kop/s) on a database generated for it in 1966.5 s" in text
    assert "2026-12-01 02:12 · 2 cores (speed 4,835 kop/s)" in text  # the run's own header stays
