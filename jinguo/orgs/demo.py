"""Demo of the org tree and its users: the Inner Mongolia region, its leagues and counties, generated
towns and villages, and a demo user at every level (password DEMO_PASSWORD)."""

from django.db import transaction

from jinguo.core.actors import SYSTEM
from jinguo.core.demo import DEMO_PASSWORD
from jinguo.core.models import Membership, User
from jinguo.core.roles import Role
from jinguo.core.services import membership_grant, user_create
from jinguo.orgs.models import OrgUnit
from jinguo.orgs.services import org_bulk_create, org_rename, orgs_generate_demo, orgs_init

PROVINCE = "150000"

# username, display name, role, org code
DEMO_USERS = [
    ("region_cadre", "自治区妇联宣传部 · 其其格", Role.CADRE, "150000"),
    ("region_leader", "自治区妇联 · 领导", Role.LEADER, "150000"),
    ("region_reviewer", "自治区妇联 · 审核员", Role.REVIEWER, "150000"),
    ("sysadmin", "系统管理员", Role.SYSTEM_ADMIN, "150000"),
    ("secadmin", "安全管理员", Role.SECURITY_ADMIN, "150000"),
    ("auditor", "审计管理员", Role.AUDIT_ADMIN, "150000"),
    ("ordos_cadre", "鄂尔多斯市妇联 · 宣传干部", Role.CADRE, "150600"),
    ("dongsheng_cadre", "东胜区妇联 · 宣传干部", Role.CADRE, "150602"),
    ("dalad_cadre", "达拉特旗妇联 · 宣传干部", Role.CADRE, "150621"),
    ("dongsheng_lecturer", "东胜区 · 宣讲员", Role.LECTURER, "150602"),
    ("town_cadre", "东胜区第一个镇 · 妇联主席", Role.CADRE, "150602100"),
    ("village_cadre", "东胜区第一个村 · 妇联主席", Role.CADRE, "150602100200"),
    ("village_volunteer", "东胜区第一个村 · 志愿者", Role.VOLUNTEER, "150602100200"),
]


def demo_root() -> OrgUnit:
    return OrgUnit.objects.get(code=PROVINCE)


def seed_tree(*, out, options: dict) -> dict:
    n = orgs_init(actor=SYSTEM, province_code=PROVINCE)
    root = demo_root()
    if options.get("generate_units", True):  # tests keep their small tree
        n += orgs_generate_demo(actor=SYSTEM, root=root)
    out(f"    org units: {OrgUnit.objects.filter(path__startswith=root.path).count():,}")
    return {"orgs": n}


def seed_users(*, out, options: dict) -> dict:
    created = 0
    orgs = {o.code: o for o in OrgUnit.objects.filter(code__in=[u[3] for u in DEMO_USERS])}
    with transaction.atomic():
        for username, display, role, code in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(actor=SYSTEM, username=username, password=DEMO_PASSWORD, display_name=display)
                created += 1
            if not Membership.objects.filter(user=user, org=orgs[code], role=role).exists():
                membership_grant(actor=SYSTEM, user=user, org=orgs[code], role=role)
    return {"users": created}


def demo_users() -> list[tuple[str, str, str]]:
    return [(u, role.value, code) for u, _, role, code in DEMO_USERS]


# The places the article names below county level: 五原县's towns, where the "1+1+1" micro-governance runs, and
# 宁城县八里罕镇 of "巾帼宣讲+". Generated demo towns of those codes are renamed; a tree without them (the tests') gets
# them, with a few villages each (marked generated).
ARTICLE_TOWNS = [("150821100", "隆兴昌镇"), ("150821101", "塔尔湖镇"), ("150429100", "八里罕镇")]
ARTICLE_VILLAGES = {
    "150821100": ["新华村", "永胜村", "联合村", "光明村", "复兴村"],
    "150821101": ["塔尔湖村", "红旗村", "先锋村"],
    "150429100": ["八里罕村", "西泉村", "十家村"],
}


def seed_article_places(*, out, options: dict) -> dict:
    towns = {o.code: o for o in OrgUnit.objects.filter(code__in=[c for c, _n in ARTICLE_TOWNS])}
    missing, renamed = [], 0
    with transaction.atomic():
        for code, name in ARTICLE_TOWNS:
            town = towns.get(code)
            if town is None:
                missing.append((code, name))
            elif town.name != name and town.is_generated:
                org_rename(actor=SYSTEM, org=town, name=name)
                renamed += 1
        made = org_bulk_create(actor=SYSTEM, rows=missing) if missing else 0
        villages = []
        for town_code, names in ARTICLE_VILLAGES.items():
            if not OrgUnit.objects.filter(parent__code=town_code).exists():
                villages += [(f"{town_code}{200 + i:03d}", n) for i, n in enumerate(names)]
        made += org_bulk_create(actor=SYSTEM, rows=villages, generated=True) if villages else 0
    return {"article places": made + renamed} if made or renamed else {}
