"""Demo of the people registry: generated people in every county (seeded, idempotent)."""

import datetime
import random

from django.db import transaction

from jinguo.core import audit
from jinguo.core.actors import SYSTEM
from jinguo.core.paths import county_of
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.idcard import make_id_number
from jinguo.people.models import ETHNICITIES, Person
from jinguo.people.services import build_person, person_bulk_create

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


def seed_people(*, out, options: dict) -> dict:
    people_per_county = options.get("people_per_county", 15)
    seed = options.get("seed", 2026)
    root = demo_root()
    created = {"people": 0}
    rng = random.Random(seed)
    counties = list(OrgUnit.objects.filter(path__startswith=root.path, level=Level.COUNTY).order_by("path"))
    villages_by_county: dict[str, list[OrgUnit]] = {}
    for v in OrgUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE).order_by("path"):
        villages_by_county.setdefault(county_of(v.path), []).append(v)
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
    return created
