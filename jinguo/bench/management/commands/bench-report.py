"""Merge benchmark JSON results into docs/benchmarks.md and docs/benchmarks.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

ORDER = {"small": 0, "medium": 1, "full": 2}


class Command(BaseCommand):
    help = "Write docs/benchmarks.md (tables, targets, growth) and docs/benchmarks.json from var/bench/*.json."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--markdown", type=Path, required=True)
        parser.add_argument("--json", type=Path, required=True)

    def handle(self, *args, **opts):
        runs = [json.loads(p.read_text()) for p in opts["files"] if p.exists()]
        runs.sort(key=lambda r: (r["database"], ORDER.get(r["size"], 9)))
        opts["json"].write_text(json.dumps(runs, ensure_ascii=False, indent=1))
        notes = opts["markdown"].with_name("benchmarks-notes.md")
        text = render(runs) + ("\n" + notes.read_text() if notes.exists() else "")
        opts["markdown"].write_text(text)
        self.stdout.write(f"wrote {opts['markdown']} and {opts['json']} ({len(runs)} runs)")


def render(runs: list[dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`scripts/bench.sh`): deterministic data of three sizes on SQLite and PostgreSQL,",
        "then every scenario timed in-process through Django's test client (routing, middleware, scope, queries,",
        "templates; no network), 30 requests after 2 warm-ups for pages. `ratio` is ours ÷ the baseline at p50:",
        "**orm** = the same figures by a straightforward ORM aggregate over the raw tables, **admin** = Django",
        "admin's changelist of the same model with the same filter, **raw** = the equivalent raw SQL alone",
        "(no page). A ratio below 1 means the platform's page is faster than the baseline.",
        "",
        "Targets (issue 4): region dashboard p95 ≤ 150 ms; county dashboard and every list page p95 ≤ 100 ms;",
        "dashboards grow < 2× from small to full; import ≥ 5,000 rows/s; export ≥ 20,000 rows/s;",
        "full-size generation ≤ 30 min.",
        "",
    ]
    for run in runs:
        m = run.get("machine", {})
        gen = run.get("generated") or {}
        lines += [
            f"## {run['database']} · {run['size']}",
            "",
            f"{run['date']} · {m.get('cpus', '?')} cores · Python {m.get('python', '?')} · "
            + ", ".join(f"{k.split('.')[-1]} {v:,}" for k, v in run["counts"].items())
            + (f" · generated in {gen.get('seconds')} s" if gen else ""),
            "",
            "| scenario | p50 | p95 | target | met | orm | admin | raw |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for s in run["scenarios"]:
            if s["kind"] == "page":
                b = s.get("baselines", {})
                cells = [f"{b[k]['p50']} ms (×{b[k]['ratio_p50']})" if k in b else "—" for k in ("orm", "admin", "raw")]
                lines.append(
                    f"| {s['name']} | {s['p50']} ms | {s['p95']} ms | ≤ {s['target']:g} ms | "
                    f"{'yes' if s['met'] else '**no**'} | {' | '.join(cells)} |"
                )
            else:
                lines.append(
                    f"| {s['name']} | {s['rows_per_s']:,} rows/s | | ≥ {s['target']:,} rows/s | "
                    f"{'yes' if s['met'] else '**no**'} | | | |"
                )
        lines.append("")
    lines += growth(runs)
    return "\n".join(lines) + "\n"


def growth(runs: list[dict]) -> list[str]:
    out = [
        "## Growth from small to full",
        "",
        "| database | scenario | small p50 | full p50 | growth | < 2× |",
        "|---|---|---|---|---|---|",
    ]
    by = {(r["database"], r["size"]): {s["name"]: s for s in r["scenarios"]} for r in runs}
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
