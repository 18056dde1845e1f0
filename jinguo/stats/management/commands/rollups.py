from django.core.management.base import BaseCommand, CommandError

from jinguo.stats import rollups
from jinguo.stats.registry import METRICS


class Command(BaseCommand):
    help = "Dashboard roll-ups: `rebuild` recomputes them from the records; `check` compares them with a recount."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--metric", action="append", help="only this metric (repeatable)")

    def handle(self, *args, **opts):
        keys = opts["metric"] or list(METRICS)
        unknown = [k for k in keys if k not in METRICS]
        if unknown:
            raise CommandError(f"unknown metrics: {', '.join(unknown)}; known: {', '.join(METRICS)}")
        if opts["action"] == "rebuild":
            n = rollups.rebuild(keys)
            self.stdout.write(f"rebuilt {n} roll-up rows for {len(keys)} metrics")
            return
        expected = {}
        for key in keys:
            expected.update(rollups.recount(METRICS[key]))
        stored = rollups.stored(keys)
        wrong = {k for k in expected.keys() | stored.keys() if expected.get(k, 0) != stored.get(k, 0)}
        if wrong:
            sample = sorted(wrong)[:5]
            raise CommandError(f"{len(wrong)} roll-up rows differ from a recount, e.g. {sample}")
        self.stdout.write(f"roll-ups match a recount: {len(expected)} rows")
