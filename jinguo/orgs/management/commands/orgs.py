from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import OrgUnit
from jinguo.orgs.services import orgs_generate_demo, orgs_init


class Command(BaseCommand):
    help = "Build a federation's org tree: `init 150000` (region, leagues, counties), `generate CODE` (demo towns)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser("init", help="Region, leagues/cities and banners/counties from the shipped division list")
        init.add_argument("province_code")
        gen = sub.add_parser("generate", help="Generated demo towns and villages below every county")
        gen.add_argument("code")
        gen.add_argument("--seed", type=int, default=150000)

    def handle(self, *args, **opts):
        try:
            if opts["action"] == "init":
                n = orgs_init(actor=SYSTEM, province_code=opts["province_code"])
                self.stdout.write(f"created {n} units under {opts['province_code']}")
            else:
                root = OrgUnit.objects.filter(code=opts["code"]).first()
                if root is None:
                    raise CommandError(f"no unit {opts['code']}: run `jinguo orgs init` first")
                n = orgs_generate_demo(actor=SYSTEM, root=root, seed=opts["seed"])
                self.stdout.write(f"generated {n} towns and villages under {root.code}")
        except ValidationError as e:
            raise CommandError("; ".join(e.messages))
