from django.core.management.base import BaseCommand

from jinguo.core.notify import sweep


class Command(BaseCommand):
    help = "Send reminders before due dates, escalate overdue work one level up, send daily digests."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep"])

    def handle(self, *args, **opts):
        result = sweep()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
