"""Demo of village micro-governance: 五原县's "1+1+1" in the villages of 隆兴昌镇 and 塔尔湖镇 — a women's discussion
council in most villages with members from the registry, services to households, small-group education,
household agreements (most done) and supervision items (most closed) through the year."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.governance import services
from jinguo.governance.models import MicroOrg
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import people_by_county

TOWNS = ["150821100", "150821101"]  # 隆兴昌镇, 塔尔湖镇 (orgs.demo names them)
SERVICES = ["入户宣传惠民政策", "为留守老人理发送餐", "帮助农户网上销售农产品", "调解邻里纠纷", "孕产妇健康随访"]
LESSONS = ["家庭教育小课堂", "民法典进农家", "移风易俗我先行", "手机防诈骗", "庭院经济种植技术"]
AGREEMENTS = [
    ("门前三包", "保持门前卫生、绿化、秩序"),
    ("移风易俗", "红白事不大操大办"),
    ("美丽庭院", "庭院整洁、物品摆放有序"),
]
ITEMS = ["村务公开栏未及时更新", "垃圾清运不及时", "低保评议程序需公示", "广场路灯损坏"]


def seed_wuyuan(*, out, options) -> dict:
    villages = list(OrgUnit.objects.filter(parent__code__in=TOWNS, level="village").order_by("path"))
    if not villages or MicroOrg.objects.filter(org__in=villages).exists():
        return {}
    rng = random.Random(options.get("seed", 2026) + 5)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=300)
    people = people_by_county("150821", per_county=60).get("150821", [])
    made = 0

    def day() -> datetime.date:
        return start + datetime.timedelta(days=rng.randint(0, 299))

    with transaction.atomic():
        for village in villages:
            if rng.random() < 0.15:
                continue  # a few villages have not started yet
            members = [p.pk for p in rng.sample(people, min(len(people), rng.randint(5, 9)))] if people else []
            council = services.record_create(
                "orgs",
                actor=SYSTEM,
                org=village,
                date=start - datetime.timedelta(days=rng.randint(0, 200)),
                title=f"{village.name}妇女议事会",
                kind="council",
                leader=members[0] if members else None,
                members=members,
                outcome="议事会每月议事一次，村妇联主席召集。",
            )
            made += 1
            for _ in range(rng.randint(1, 3)):
                services.record_create(
                    "services",
                    actor=SYSTEM,
                    org=village,
                    date=day(),
                    title=rng.choice(SERVICES),
                    participants=rng.randint(2, 8),
                    households=rng.randint(3, 25),
                    micro_org=council if rng.random() < 0.6 else None,
                    outcome="群众满意。",
                )
                made += 1
            if rng.random() < 0.8:
                services.record_create(
                    "education",
                    actor=SYSTEM,
                    org=village,
                    date=day(),
                    title=rng.choice(LESSONS),
                    participants=rng.randint(6, 20),
                    micro_org=council,
                    outcome="学员反映通俗易懂。",
                )
                made += 1
            for _ in range(rng.randint(0, 2)):
                name, duty = rng.choice(AGREEMENTS)
                a = services.record_create(
                    "agreements",
                    actor=SYSTEM,
                    org=village,
                    date=day(),
                    title=name,
                    household=f"{rng.choice('王李张刘陈杨赵黄周吴')}家",
                    due=today + datetime.timedelta(days=rng.randint(-30, 60)),
                    participants=rng.randint(2, 5),
                    outcome=duty,
                )
                made += 1
                if rng.random() < 0.6:
                    services.agreement_complete(actor=SYSTEM, agreement=a)
            if rng.random() < 0.6:
                item = services.record_create(
                    "supervision",
                    actor=SYSTEM,
                    org=village,
                    date=day(),
                    title=rng.choice(ITEMS),
                    raised_by="村民代表",
                    participants=rng.randint(1, 4),
                )
                made += 1
                if rng.random() < 0.7:
                    services.supervision_close(actor=SYSTEM, item=item, outcome="已整改，向村民代表反馈。")
    return {"micro-governance records": made}
