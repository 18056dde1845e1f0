"""Timed benchmark scenarios and their baselines.

A page scenario is timed through Django's test client (URL routing, middleware, scope, queries,
template), p50/p95 over repeated requests. Each is compared with the same answer computed three other
ways: (orm) a straightforward ORM aggregate over the raw tables, (admin) Django admin's changelist of the
same model, (raw) the same query as raw SQL. Throughput scenarios (import, export) report rows/s.
"""


def measured_stamp(run: dict) -> dict:
    """What a scenario's figures were measured on, taken from the run that measured them: kept with a scenario
    that outlives its run (a partial re-run keeps the scenarios it did not run; `bench-report --merge` folds a
    partial run into an earlier one), so the report names the right date, machine and data beside each figure."""
    return {
        "date": run["date"],
        "counts": run["counts"],
        "speed": run.get("machine", {}).get("speed"),
        "generated": (run.get("generated") or {}).get("seconds"),
    }
