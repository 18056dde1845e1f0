"""Merge benchmark JSON results into docs/benchmarks.md and docs/benchmarks.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from jinguo.bench import measured_stamp

ORDER = {"small": 0, "medium": 1, "full": 2}


class Command(BaseCommand):
    help = "Write docs/benchmarks.md (tables, targets, growth) and docs/benchmarks.json from var/bench/*.json."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--markdown", type=Path, required=True)
        parser.add_argument("--json", type=Path, required=True)
        parser.add_argument(
            "--merge",
            type=Path,
            help="earlier runs (a benchmarks.json): the files' scenarios replace theirs of the same database and size",
        )

    def handle(self, *args, **opts):
        runs = [json.loads(p.read_text()) for p in opts["files"] if p.exists()]
        if opts["merge"] and opts["merge"].exists():
            runs = merge(json.loads(opts["merge"].read_text()), runs)
        runs.sort(key=lambda r: (r["database"], ORDER.get(r["size"], 9)))
        opts["json"].write_text(json.dumps(runs, ensure_ascii=False, indent=1))
        notes = opts["markdown"].with_name("benchmarks-notes.md")
        text = render(runs) + ("\n" + notes.read_text() if notes.exists() else "")
        opts["markdown"].write_text(text)
        self.stdout.write(f"wrote {opts['markdown']} and {opts['json']} ({len(runs)} runs)")


def merge(base: list[dict], new: list[dict]) -> list[dict]:
    """Runs of a partial benchmark (`bench --generators … --only …`) folded into the earlier runs of the same
    database and size: a scenario measured again replaces the earlier one and carries the date and data of its
    run (`measured`), the others stay as they were."""
    by = {(r["database"], r["size"]): r for r in base}
    for run in new:
        key = (run["database"], run["size"])
        stamp = measured_stamp(run)
        # A scenario that a partial re-run kept from an earlier run of its file carries that run's stamp already.
        fresh = {sc["name"]: {**sc, "measured": sc.get("measured") or stamp} for sc in run["scenarios"]}
        if key not in by:
            by[key] = {**run, "scenarios": list(fresh.values())}
            continue
        old = by[key]
        old["scenarios"] = [fresh.pop(sc["name"], sc) for sc in old["scenarios"]] + list(fresh.values())
        if run.get("load"):
            old["load"] = run["load"]
    return list(by.values())


def render(runs: list[dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`scripts/bench.sh`): deterministic data of three sizes on SQLite and PostgreSQL,",
        "then every scenario timed in-process through Django's test client (routing, middleware, scope, queries,",
        "templates; no network), 30 requests after 2 warm-ups for pages. `ratio` is ours ÷ the baseline at p50:",
        "**orm** = the same figures by a straightforward ORM aggregate over the raw tables, **admin** = Django",
        "admin's changelist of the same model with the same filter, **raw** = the equivalent raw SQL alone",
        "(no page). A ratio below 1 means the platform's page is faster than the baseline. For an import, **raw** is",
        "its floor: the rows it wrote (records, links, roll-up figures) stored again by SQL with nothing read, parsed,",
        "checked or computed, the commit's checks included; the ratio is then ours ÷ the floor in rows/s.",
        "",
        "Targets (issues 4 and 12): every page scenario p95 ≤ 100 ms (region dashboard ≤ 150 ms before issue 12);",
        "dashboards grow < 2× from small to full; import ≥ 10,000 rows/s; export ≥ 50,000 rows/s with memory flat;",
        "full-size generation ≤ 30 min; under load at concurrency 32 (server as `make run` serves it, load client on",
        "the same 2 cores): region dashboard ≥ 80 req/s with p99 ≤ 1 s, API routes ≥ 150 req/s with p99 ≤ 500 ms,",
        "0 errors. Throughputs also give rows per second of the process's own CPU time and its peak memory growth.",
        "Each run names its machine's speed (a fixed pure-Python workload, thousands of operations a second): two",
        "machines of the same kind have differed by a factor of two, so figures of runs at other speeds are not",
        "comparable one for one.",
        "",
    ]
    for run in runs:
        m = run.get("machine", {})
        gen = run.get("generated") or {}
        lines += [
            f"## {run['database']} · {run['size']}",
            "",
            f"{run['date']} · {m.get('cpus', '?')} cores"
            + (f" (speed {m['speed']:,} kop/s)" if m.get("speed") else "")
            + f" · Python {m.get('python', '?')} · "
            + ", ".join(f"{k.split('.')[-1]} {v:,}" for k, v in run["counts"].items())
            + (f" · generated in {gen.get('seconds')} s" if gen else ""),
            "",
            "| scenario | p50 | p95 | target | met | orm | admin | raw |",
            "|---|---|---|---|---|---|---|---|",
        ]
        later = _later(run)
        for s in run["scenarios"]:
            if mark := _mark(s, run, later):
                s = {**s, "name": f"{s['name']} {mark}"}
            if "error" in s:
                lines.append(f"| {s['name']} | failed: {s['error'][:120]} | | | **no** | | | |")
            elif s["kind"] == "page":
                b = s.get("baselines", {})
                cells = [f"{b[k]['p50']} ms (×{b[k]['ratio_p50']})" if k in b else "—" for k in ("orm", "admin", "raw")]
                lines.append(
                    f"| {s['name']} | {s['p50']} ms | {s['p95']} ms | ≤ {s['target']:g} ms | "
                    f"{'yes' if s['met'] else '**no**'} | {' | '.join(cells)} |"
                )
            elif s["kind"] == "accuracy":
                lines.append(
                    f"| {s['name']} | {s['value']} | | > {s['baseline_name']} ({s['baseline']}) | "
                    f"{'yes' if s['met'] else '**no**'} | | | {s['detail']} |"
                )
            else:
                extra = ""
                if "rows_per_cpu_s" in s:
                    extra = f" ({s['rows_per_cpu_s']:,} per CPU s, memory +{s.get('rss_growth_mb', 0)} MB)"
                b = s.get("baselines", {})
                floor = f" {b['raw']['rows_per_s']:,} rows/s (×{b['raw']['ratio']}) |" if "raw" in b else " |"
                lines.append(
                    f"| {s['name']} | {s['rows_per_s']:,} rows/s{extra} | | ≥ {s['target']:,} rows/s | "
                    f"{'yes' if s['met'] else '**no**'} | | |{floor}"
                )
        for i, m in enumerate(later, start=1):
            lines.append(
                f"\n{'†' * i} measured {m['date']}"
                + (f" (machine speed {m['speed']:,} kop/s)" if m.get("speed") else "")
                + " on a database generated for it"
                + (f" in {m['generated']} s" if m.get("generated") else "")
                + ": "
                + ", ".join(f"{k.split('.')[-1]} {v:,}" for k, v in m["counts"].items())
            )
        lines.append("")
        lines += load_table(run)
    lines += growth(runs)
    return "\n".join(lines) + "\n"


LOAD_TARGETS = {"region dashboard": (80, 1000), "/api/v1/coverage": (150, 500), "/api/v1/orgs": (150, 500)}
SINGLE = {"lecture list": "lecture list, filtered"}


def _later(run: dict) -> list[dict]:
    """The later partial runs whose scenarios a run carries (see `merge`), in the order they first appear."""
    later = []
    for s in run["scenarios"]:
        m = s.get("measured")
        if m and m["date"] != run["date"] and m not in later:
            later.append(m)
    return later


def _mark(scenario: dict, run: dict, later: list[dict]) -> str:
    """The daggers naming the later run a scenario was measured in, or "" for the run's own."""
    m = scenario.get("measured")
    return "†" * (later.index(m) + 1) if m and m["date"] != run["date"] else ""


def load_table(run: dict) -> list[str]:
    """The load scenario of a run: requests/s, percentiles and errors per route and concurrency, beside the
    route's single-request p50 in-process; at concurrency 32 the issue's targets where it sets one."""
    load = run.get("load")
    if not load:
        return []
    single = {s["name"]: s for s in run["scenarios"] if s["kind"] == "page" and "error" not in s}
    later = _later(run)
    out = [
        f"Load ({load['date']}, {load['seconds']:g} s a step, server {load.get('server') or 'as make run serves it'}):",
        "",
        "| route | concurrency | req/s | p50 | p95 | p99 | errors | single request p50 | target at 32 | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in load["results"]:
        one = single.get(SINGLE.get(r["route"], r["route"]))
        target, met = "", ""
        if r["concurrency"] == 32 and r["route"] in LOAD_TARGETS:
            rps, p99 = LOAD_TARGETS[r["route"]]
            target = f"≥ {rps} req/s, p99 ≤ {p99} ms, 0 errors"
            met = "yes" if r["rps"] >= rps and r["p99"] <= p99 and not r["errors"] else "**no**"
        # A page re-measured in a later partial run (another day, maybe another machine) is marked as in its table.
        alone = f"{one['p50']} ms {_mark(one, run, later)}".rstrip() if one else "—"
        out.append(
            f"| {r['route']} | {r['concurrency']} | {r['rps']} | {r['p50']} ms | {r['p95']} ms | {r['p99']} ms | "
            f"{r['errors']} | {alone} | {target} | {met} |"
        )
    return [*out, ""]


def growth(runs: list[dict]) -> list[str]:
    out = [
        "## Growth from small to full",
        "",
        "| database | scenario | small p50 | full p50 | growth | < 2× |",
        "|---|---|---|---|---|---|",
    ]
    by = {(r["database"], r["size"]): {s["name"]: s for s in r["scenarios"] if "error" not in s} for r in runs}
    for db in sorted({r["database"] for r in runs}):
        small, full = by.get((db, "small")), by.get((db, "full"))
        if not small or not full:
            continue
        for name in ("region dashboard", "county dashboard"):
            if name in small and name in full:
                g = full[name]["p50"] / small[name]["p50"] if small[name]["p50"] else 0
                out.append(
                    f"| {db} | {name} | {small[name]['p50']} ms | {full[name]['p50']} ms | ×{g:.2f} | "
                    f"{'yes' if g < 2 else '**no**'} |"
                )
    return [*out, ""]
