from django.core.management.base import BaseCommand

from jinguo.core.demo import DEMO_PASSWORD, build_demo
from jinguo.core.roles import OTP_ROLES
from jinguo.orgs.demo import demo_users


def login_lines() -> list[str]:
    """The demo logins as a table; the roles that need a second factor are marked TOTP."""
    lines = [f"  {'user':<20} {'role':<11} {'unit':<13} second factor"]
    for username, role, code in demo_users():
        otp = "TOTP (authenticator app)" if role in OTP_ROLES else ""
        lines.append(f"  {username:<20} {role:<11} {code:<13} {otp}".rstrip())
    return lines


class Command(BaseCommand):
    help = "Build the Inner Mongolia demo: every module's seeds, in order. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--list-users",
            action="store_true",
            help="print each demo user's name, role and unit, and whether they need a second factor",
        )
        parser.add_argument("--people-per-county", type=int, default=15)

    def handle(self, *args, **opts):
        if not opts["list_users"]:
            build_demo(people_per_county=opts["people_per_county"], out=self.stdout.write)
        self.stdout.write(f"demo logins (password {DEMO_PASSWORD}; TOTP: a code from an authenticator app as well):")
        for line in login_lines():
            self.stdout.write(line)
