import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from jinguo.core.tasks import import_jobs_sweep


class Command(BaseCommand):
    help = (
        "Background job tools: `sweep` marks running imports whose worker died (no progress for "
        "--older-than-minutes, default JINGUO_IMPORT_STALE_MINUTES) as failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--older-than-minutes", type=int, default=None)

    def handle(self, *args, **opts):
        minutes = opts["older_than_minutes"]
        if minutes is None:
            minutes = settings.IMPORT_STALE_MINUTES
        n = import_jobs_sweep(older_than=datetime.timedelta(minutes=max(minutes, 0)))
        self.stdout.write(f"{n} stalled import job(s) marked failed (no progress for {minutes} minutes)")
