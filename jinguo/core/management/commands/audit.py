from django.core.management.base import BaseCommand, CommandError

from jinguo.core import audit


class Command(BaseCommand):
    help = "Audit log tools: `verify` walks the hash chain and reports the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **opts):
        result = audit.verify()
        if result.ok:
            self.stdout.write(f"audit chain intact: {result.checked} events checked")
            return
        raise CommandError(
            f"audit chain broken at event #{result.broken_seq}: {result.reason} "
            f"({result.checked} events before it are intact)"
        )
