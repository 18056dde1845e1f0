from django.core.management.base import BaseCommand

from jinguo.core.actors import SYSTEM
from jinguo.outreach.services import lookups_seed


class Command(BaseCommand):
    help = "Outreach module: `seed` adds the article's lecturer categories, topics, campaigns and audiences."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="Add the missing entries of the four lists (idempotent)")

    def handle(self, *args, **opts):
        n = lookups_seed(actor=SYSTEM)
        self.stdout.write(f"added {n} list entries")
