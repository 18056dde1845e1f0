from django.core.management.base import BaseCommand

from jinguo.core.demo import DEMO_PASSWORD, build_demo
from jinguo.orgs.demo import demo_users


class Command(BaseCommand):
    help = "Build the Inner Mongolia demo: every module's seeds, in order. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--list-users", action="store_true", help="print `username role org_code` per demo user")
        parser.add_argument("--people-per-county", type=int, default=15)

    def handle(self, *args, **opts):
        if opts["list_users"]:
            for username, role, code in demo_users():
                self.stdout.write(f"{username} {role} {code}")
            return
        build_demo(people_per_county=opts["people_per_county"], out=self.stdout.write)
        self.stdout.write(f"demo logins (password {DEMO_PASSWORD}):")
        for username, role, code in demo_users():
            self.stdout.write(f"  {username:<20} {role:<11} {code}")
