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


def test_a_page_re_measured_later_is_marked_beside_the_load_it_did_not_run_with():
    """The load table shows each route's single-request p50 beside its load figures: a page re-run in a later
    partial run carries that run's mark there too, since the load ran on the earlier run's machine."""
    dashboard = {"name": "region dashboard", "kind": "page", "target": 100, "p50": 6.5, "p95": 7.1, "met": True}
    listed = {"name": "lecture list, filtered", "kind": "page", "target": 100, "p50": 43.1, "p95": 50.0, "met": True}
    night = _run("2026-12-01 02:12", 4835, [dashboard, listed])
    step = {"p50": 30.0, "p95": 50.0, "p99": 60.0, "errors": 0, "concurrency": 1, "rps": 100.0}
    night["load"] = {
        "date": "2026-12-01 02:40",
        "seconds": 20,
        "server": "workers 2 × threads 4",
        "results": [{"route": "region dashboard", **step}, {"route": "lecture list", **step}],
    }
    later = _run("2026-12-01 14:40", 4207, [{**listed, "p50": 56.7}])
    (merged,) = report.merge([night], [later])
    text = report.render([merged])
    assert "| region dashboard | 1 | 100.0 | 30.0 ms | 50.0 ms | 60.0 ms | 0 | 6.5 ms |" in text
    assert "| lecture list | 1 | 100.0 | 30.0 ms | 50.0 ms | 60.0 ms | 0 | 56.7 ms † |" in text


def test_a_scenario_kept_by_a_partial_re_run_keeps_the_stamp_of_the_run_that_measured_it():
    """`bench --only` re-runs some scenarios into a file and keeps the others under the new run's date and machine:
    each kept one carries its own run's stamp, and the report marks it with that run, not the re-run's."""
    night = _run("2026-12-01 02:12", 4835, [_page(), _import(3855)], generated=1644.5)
    page = {**_page(), "p50": 30.1, "measured": report.measured_stamp(_run("2026-12-01 14:40", 4207, []))}
    rerun = _run("2026-12-01 15:02", 3756, [page, _import(4434)])
    (merged,) = report.merge([night], [rerun])
    text = report.render([merged])
    assert "| coverage page † | 30.1 ms" in text
    assert "| import 100,000 lectures (.xlsx) †† | 4,434 rows/s" in text
    assert "† measured 2026-12-01 14:40 (machine speed 4,207 kop/s)" in text
    assert "†† measured 2026-12-01 15:02 (machine speed 3,756 kop/s)" in text


def test_bench_only_keeps_the_scenarios_it_did_not_run_with_their_own_stamp():
    from jinguo.bench.management.commands.bench import rerun_scenarios

    first = _run("2026-12-01 14:40", 4207, [_page(), _import(3855)])
    again = _import(4434)
    kept, rerun = rerun_scenarios(first, [again])
    assert kept["measured"] == report.measured_stamp(first) and kept["p50"] == 17.4
    assert rerun == again
    twice = rerun_scenarios(_run("2026-12-01 15:02", 3756, [kept, rerun]), [_import(4500)])
    assert twice[0]["measured"]["date"] == "2026-12-01 14:40"  # a stamp once given is kept
