import json
import time
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from jinguo.bench.load import Route, run_load


class Command(BaseCommand):
    help = (
        "Load a running server (loopback only) route by route at several concurrencies; add the figures to a "
        "benchmark JSON result. scripts/bench.sh starts the server as `make run` serves it and runs this."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base", default="http://127.0.0.1:8000")
        parser.add_argument("--concurrency", default="1,8,32")
        parser.add_argument("--seconds", type=float, default=20)
        parser.add_argument("--only", action="append", help="run only routes whose name contains this")
        parser.add_argument("--out", type=Path, required=True, help="the size's bench JSON (its `load` is replaced)")
        parser.add_argument("--workers", default="", help="the server's workers × threads, for the record")

    def handle(self, *args, **opts):
        from django.test import Client

        from jinguo.bench.management.commands.bench import Command as Bench
        from jinguo.core.actors import SYSTEM
        from jinguo.core.models import User
        from jinguo.core.services import api_token_create

        env = Bench()._env()
        sessions = {}
        for name in ("region_user", "county_user"):
            c = Client()
            c.force_login(User.objects.get(username=env[name]))
            sessions[name] = {"Cookie": f"sessionid={c.cookies['sessionid'].value}"}
        token = api_token_create(actor=SYSTEM, user=User.objects.get(username=env["region_user"]))
        api = {"Authorization": f"Bearer {token}"}
        year, quarter = env["year"], env["quarter"]
        routes = [
            Route(
                "region dashboard",
                f"/dashboard/?{urlencode({'code': '150000', 'period': year})}",
                sessions["region_user"],
            ),
            Route(
                "county dashboard",
                f"/dashboard/?{urlencode({'code': env['county_code'], 'period': quarter})}",
                sessions["county_user"],
            ),
            Route(
                "lecture list",
                f"/outreach/lectures/?{urlencode({'q': '宣讲', 'state': 'verified'})}",
                sessions["region_user"],
            ),
            Route("/api/v1/coverage", f"/api/v1/coverage?{urlencode({'under': '150000', 'period': year})}", api),
            Route("/api/v1/orgs", f"/api/v1/orgs?{urlencode({'under': '150000', 'level': 'county'})}", api),
        ]
        if opts["only"]:
            routes = [r for r in routes if any(o in r.name for o in opts["only"])]
        try:
            concurrency = tuple(int(c) for c in opts["concurrency"].split(","))
        except ValueError:
            raise CommandError("--concurrency: numbers separated by commas, such as 1,8,32")
        self.stdout.write(f"load on {opts['base']} ({connection.vendor}), {opts['seconds']:g} s per step")
        try:
            results = run_load(
                opts["base"], routes, concurrency=concurrency, seconds=opts["seconds"], say=self.stdout.write
            )
        except ValueError as e:
            raise CommandError(str(e))
        out = opts["out"]
        payload = json.loads(out.read_text()) if out.exists() else {"database": connection.vendor, "scenarios": []}
        payload["load"] = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "seconds": opts["seconds"],
            "server": opts["workers"],
            "results": results,
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
        self.stdout.write(f"wrote {out}")
