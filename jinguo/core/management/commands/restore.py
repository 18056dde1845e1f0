from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jinguo.core.backup import drop_scratch, restore


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into a scratch location (a new SQLite file, or a new PostgreSQL "
        "database) and check it: integrity, migrations, row counts. The live database is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--into", default=None, help="folder (SQLite) or database name (PostgreSQL)")
        parser.add_argument("--drill", action="store_true", help="remove the scratch copy after the checks")

    def handle(self, *args, **opts):
        try:
            report = restore(opts["file"], into=opts["into"])
        except ValidationError as e:
            raise CommandError("; ".join(e.messages))
        rows = sum(report.counts.values())
        self.stdout.write(f"restored backup of {report.created} into {report.location}: {rows} rows")
        if opts["drill"]:
            drop_scratch(report)
        if not report.ok:
            raise CommandError("restore check failed: " + "; ".join(report.problems))
        self.stdout.write("checks passed: integrity, migrations, row counts")
