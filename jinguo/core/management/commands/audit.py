from django.core.management.base import BaseCommand, CommandError

from jinguo.core import audit


class Command(BaseCommand):
    help = (
        "Audit log tools: `verify` walks the hash chain and reports the first broken link; "
        "`purge` deletes events older than the retention period (at least 184 days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "purge"])
        parser.add_argument("--older-than-days", type=int, default=None)

    def handle(self, *args, **opts):
        if opts["action"] == "purge":
            from django.conf import settings

            days = opts["older_than_days"] or settings.AUDIT_RETENTION_DAYS
            n = audit.purge(older_than_days=days)
            self.stdout.write(f"purged {n} audit events older than {max(days, 184)} days")
            return
        result = audit.verify()
        if result.ok:
            self.stdout.write(f"audit chain intact: {result.checked} events checked")
            return
        raise CommandError(
            f"audit chain broken at event #{result.broken_seq}: {result.reason} "
            f"({result.checked} events before it are intact)"
        )
