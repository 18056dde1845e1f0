from django.core.management.base import BaseCommand

from jinguo.core.actors import SYSTEM
from jinguo.media import services


class Command(BaseCommand):
    help = (
        "Media module: `seed` adds the article's platforms; `sweep` publishes approved posts whose scheduled time has "
        "come and flags accounts with no post in JINGUO_MEDIA_DORMANT_DAYS days (telling their units)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="Add the missing platforms (idempotent)")
        sweep = sub.add_parser("sweep", help="Publish scheduled posts, flag dormant accounts (idempotent)")
        sweep.add_argument("--days", type=int, default=None, help="days without a post before an account is dormant")

    def handle(self, *args, **opts):
        if opts["action"] == "seed":
            self.stdout.write(f"added {services.platforms_seed(actor=SYSTEM)} platforms")
            return
        published = services.posts_publish_due(actor=SYSTEM)
        dormant = services.accounts_flag_dormant(actor=SYSTEM, days=opts["days"])
        self.stdout.write(
            f"published {published} scheduled posts; {dormant['flagged']} accounts flagged dormant, "
            f"{dormant['cleared']} cleared"
        )
