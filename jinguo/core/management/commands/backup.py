from pathlib import Path

from django.core.management.base import BaseCommand

from jinguo.core.backup import backup, default_backup_path


class Command(BaseCommand):
    help = "Write an encrypted backup of the database (SQLite VACUUM INTO, or pg_dump -Fc on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, default=None)

    def handle(self, *args, **opts):
        out = opts["output"] or default_backup_path()
        header = backup(out)
        rows = sum(header["counts"].values())
        self.stdout.write(f"backup written: {out} ({header['vendor']}, {len(header['counts'])} tables, {rows} rows)")
