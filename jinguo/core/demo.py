"""Deterministic demo data built through the services: the Inner Mongolia tree, users, people."""

import datetime
import random

from django.db import transaction

from jinguo.core import audit
from jinguo.core.actors import SYSTEM
from jinguo.core.models import Membership, User
from jinguo.core.roles import Role
from jinguo.core.services import membership_grant, user_create
from jinguo.orgs.models import Level, OrgUnit
from jinguo.orgs.services import orgs_generate_demo, orgs_init
from jinguo.people.idcard import make_id_number
from jinguo.people.models import ETHNICITIES, Person
from jinguo.people.services import build_person, person_bulk_create

PROVINCE = "150000"
DEMO_PASSWORD = "Jinguo@2026demo"

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

SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "高",
    "林",
    "郑",
    "包",
    "白",
    "乌",
    "敖",
    "宝",
    "云",
    "韩",
    "额",
]
GIVEN = [
    "秀英",
    "桂英",
    "玉兰",
    "丽娜",
    "海燕",
    "其其格",
    "萨仁",
    "乌兰",
    "娜仁",
    "图雅",
    "斯琴",
    "敖敏",
    "春梅",
    "晓燕",
    "红梅",
    "淑珍",
    "雅丽",
    "慧敏",
    "琪琪",
    "塔娜",
]


def build_demo(*, people_per_county: int = 15, seed: int = 2026, out=None) -> dict:
    """Create what is missing; running it again changes nothing."""
    say = out or (lambda msg: None)
    created = {"orgs": 0, "users": 0, "people": 0}
    created["orgs"] += orgs_init(actor=SYSTEM, province_code=PROVINCE)
    root = OrgUnit.objects.get(code=PROVINCE)
    created["orgs"] += orgs_generate_demo(actor=SYSTEM, root=root)
    say(f"org units: {OrgUnit.objects.filter(path__startswith=root.path).count()}")

    orgs = {o.code: o for o in OrgUnit.objects.filter(code__in=[u[3] for u in DEMO_USERS])}
    with transaction.atomic():
        for username, display, role, code in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(actor=SYSTEM, username=username, password=DEMO_PASSWORD, display_name=display)
                created["users"] += 1
            if not Membership.objects.filter(user=user, org=orgs[code], role=role).exists():
                membership_grant(actor=SYSTEM, user=user, org=orgs[code], role=role)

    rng = random.Random(seed)
    counties = list(OrgUnit.objects.filter(path__startswith=root.path, level=Level.COUNTY).order_by("path"))
    villages_by_county: dict[str, list[OrgUnit]] = {}
    for v in OrgUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE).order_by("path"):
        villages_by_county.setdefault(v.path[:6], []).append(v)
    people = []
    seq = 0
    for county in counties:
        for _ in range(people_per_county):
            seq += 1
            female = rng.random() < 0.9
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 40 * 365))
            number = make_id_number(county.code, birth, seq, female=female)
            org = rng.choice(villages_by_county.get(county.path) or [county])
            data = {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "gender": "F" if female else "M",
                "ethnicity": rng.choices(ETHNICITIES[:3], weights=[70, 25, 5])[0],
                "birth_date": birth,
                "id_number": number,
                "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            }
            people.append(build_person(org=org, data=data))
    existing = set(
        Person.objects.filter(id_number_hash__in=[p.id_number_hash for p in people]).values_list(
            "id_number_hash", flat=True
        )
    )
    todo = [p for p in people if p.id_number_hash not in existing]
    if todo:
        with transaction.atomic():
            created["people"] = person_bulk_create(actor=SYSTEM, people=todo)
            audit.record(
                None, "demo.people", object_type="people.person", org_path=root.path, detail={"count": len(todo)}
            )
    from jinguo.outreach.demo import build_outreach_demo
    from jinguo.stats import rollups

    with rollups.deferred():  # tens of thousands of lectures: rebuild the dashboard figures once at the end
        created.update(build_outreach_demo(root=root, seed=seed, out=say))
    say(f"created: {created}")
    return created


def demo_users() -> list[tuple[str, str, str]]:
    return [(u, role.value, code) for u, _, role, code in DEMO_USERS]
