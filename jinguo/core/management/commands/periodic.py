"""`jinguo periodic`: the platform's timed work, once — the inbox sweep, then every module's `periodic` functions.

`scripts/serve.sh` runs it every minute. Each function does only what is due and is idempotent, so a missed or a
doubled run changes nothing. One function failing is logged and does not stop the others.
"""

import logging

from django.core.management.base import BaseCommand

from jinguo.core import modules
from jinguo.core.notify import sweep

logger = logging.getLogger("jinguo.periodic")


def run_all() -> list[tuple[str, str]]:
    """(name, summary) of each job run; the summary is "failed" when it raised."""
    jobs = [("core.notify.sweep", lambda: sweep())]
    for module in modules.modules():
        for dotted in module.periodic:
            jobs.append((dotted, modules.resolve(dotted)))
    out = []
    for name, fn in jobs:
        try:
            out.append((name, str(fn())))
        except Exception:  # noqa: BLE001 - one module's failure must not stop the others' timed work
            logger.exception("periodic job %s failed", name)
            out.append((name, "failed"))
    return out


class Command(BaseCommand):
    help = "Run the timed work once: the inbox sweep and every module's periodic jobs."

    def handle(self, *args, **options):
        for name, summary in run_all():
            self.stdout.write(f"{name}: {summary}")
