import json
import platform
import time
from pathlib import Path

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from jinguo.bench.generate import generate
from jinguo.bench.scenarios import SCENARIOS, percentiles, time_calls
from jinguo.bench.sizes import SIZES
from jinguo.core.models import Membership, User
from jinguo.core.periods import current_period
from jinguo.core.roles import Role
from jinguo.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "Generate benchmark data of a size (idempotent) and time the scenarios; write a JSON result."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="small")
        parser.add_argument("--only", action="append", help="run only scenarios whose name contains this")
        parser.add_argument("--out", type=Path, default=None)
        parser.add_argument("--skip-generate", action="store_true")

    def handle(self, *args, **opts):
        from django.conf import settings

        if not settings.BENCH:
            raise CommandError("run with JINGUO_BENCH=1 (make bench does): it installs the admin baseline")
        from importlib import import_module

        from jinguo.core import modules

        for m in modules.modules():  # each module's bench generators and scenarios, as its manifest declares
            if m.bench:
                import_module(m.bench)
        size = SIZES[opts["size"]]
        db = connection.vendor
        self.stdout.write(f"benchmark size={size.name} database={db}")
        generated = None
        if not opts["skip_generate"]:
            t = time.perf_counter()
            ctx = generate(size, say=self.stdout.write)
            generated = {"seconds": round(time.perf_counter() - t, 1), "steps": ctx.timings}
            self.stdout.write(f"generation: {generated['seconds']} s")
        env = self._env()
        counts = self._counts()
        results = []
        for sc in SCENARIOS:
            if opts["only"] and not any(o in sc.name for o in opts["only"]):
                continue
            results.append(self._run(sc, env))
        out = opts["out"] or Path(settings.VAR_DIR) / "bench" / f"{db}-{size.name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "size": size.name,
            "database": db,
            "counts": counts,
            "generated": generated,
            "machine": {"python": platform.python_version(), "cpus": _cpus(), "platform": platform.platform()},
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "scenarios": results,
        }
        if out.exists() and generated is None:
            previous = json.loads(out.read_text())
            payload["generated"] = previous.get("generated")
            if opts["only"]:  # a partial re-run replaces its scenarios and keeps the others
                fresh = {r["name"]: r for r in results}
                payload["scenarios"] = [fresh.pop(r["name"], r) for r in previous["scenarios"]] + list(fresh.values())
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
        self.stdout.write(f"wrote {out}")

    def _run(self, sc, env) -> dict:
        timer = sc.setup(env)
        row = {"name": sc.name, "kind": sc.kind, "target": sc.target}
        if sc.kind == "page":
            row["p50"], row["p95"] = percentiles(time_calls(timer, sc.iterations))
            row["met"] = row["p95"] <= sc.target
            row["baselines"] = {}
            for name, make in sc.baselines.items():
                p50, p95 = percentiles(time_calls(make(env), sc.iterations))
                row["baselines"][name] = {
                    "p50": p50,
                    "p95": p95,
                    "ratio_p50": round(row["p50"] / p50, 2) if p50 else None,
                }
            extra = " ".join(f"{k}={v['p50']}ms(x{v['ratio_p50']})" for k, v in row["baselines"].items())
            self.stdout.write(f"  {sc.name}: p50={row['p50']} ms p95={row['p95']} ms target≤{sc.target} {extra}")
        else:
            rates = []
            for _ in range(sc.iterations):
                t = time.perf_counter()
                n = timer()
                rates.append(n / (time.perf_counter() - t))
            row["rows_per_s"] = round(min(rates))
            row["met"] = row["rows_per_s"] >= sc.target
            self.stdout.write(f"  {sc.name}: {row['rows_per_s']:,} rows/s target≥{sc.target:,}")
        return row

    def _env(self) -> dict:
        region = OrgUnit.objects.get(code="150000")
        county = OrgUnit.objects.get(code="150602")
        village = OrgUnit.objects.filter(path__startswith=county.path, level="village").order_by("path").first()
        region_user = _user("bench_region", region, Role.CADRE)
        county_user = _user("bench_county", county, Role.CADRE)
        leader_user = _user("bench_leader", region, Role.LEADER)
        admin_user, _ = User.objects.get_or_create(username="bench_admin", defaults={"is_staff": True})
        admin_user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
        today = current_period("quarter")
        return {
            "region_user": region_user.username,
            "county_user": county_user.username,
            "leader_user": leader_user.username,
            "admin_user": admin_user.username,
            "region_id": region.pk,
            "county_code": county.code,
            "county_path": county.path,
            "village_code": village.code if village else county.code,
            "year": str(today.start.year),
            "quarter": today.code,
        }

    def _counts(self) -> dict:
        from django.apps import apps

        names = ["orgs.OrgUnit", "core.User", "people.Person", "stats.Rollup"]
        names += [
            m
            for m in ("outreach.Lecture", "study.StudySession", "honors.Honour", "honors.Nomination")
            if _model_exists(m)
        ]
        return {n: apps.get_model(n).objects.count() for n in names}


def _user(username, org, role):
    user, created = User.objects.get_or_create(username=username)
    if created:
        Membership.objects.create(user=user, org=org, role=role)
    return user


def _model_exists(label: str) -> bool:
    from django.apps import apps

    try:
        apps.get_model(label)
        return True
    except LookupError:
        return False


def _cpus() -> int:
    import os

    return os.cpu_count() or 0
