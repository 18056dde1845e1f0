"""Demo of publicity venues: the six kinds, and venues of the article's places with coordinates — 宁城县八里罕镇's
巾帼宣讲基地 and 妇女之家, 五原县's village 妇女之家, 东胜区's, a 妇女儿童公园 and an education base of the sense of
community of the Chinese nation — each inspected last year and most of them this year."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import OrgUnit
from jinguo.venues import services
from jinguo.venues.models import WOMEN_HOME, Check, Venue, VenueKind, VenueStatus

# unit code, kind code, name, address, longitude, latitude, area, hours
PLACES = [
    ("150429100", "lecture_base", "八里罕镇巾帼宣讲基地", "八里罕镇政府院内", "118.9930", "41.3620", 180, "工作日"),
    ("150429100", WOMEN_HOME, "八里罕镇妇女之家", "八里罕镇党群服务中心", "119.0600", "41.4100", 90, "周一至周六"),
    ("150429100", "family_hall", "八里罕镇家风家教馆", "八里罕镇文化站", "118.9300", "41.3100", 150, "周二至周日"),
    ("150821", "unity_base", "五原县铸牢中华民族共同体意识教育基地", "隆兴昌镇", "108.2760", "41.0980", 600, "每日"),
    ("150602", "park", "东胜区妇女儿童公园", "东胜区铁西", "109.9460", "39.8290", 52000, "全天开放"),
    ("150602", "children_home", "东胜区儿童之家", "交通街道", "109.9800", "39.8170", 120, "工作日下午"),
    ("150100", "family_hall", "呼和浩特市家风家教馆", "赛罕区", "111.7510", "40.8420", 800, "周二至周日"),
]
VILLAGE_HOMES = ["150821100", "150821101", "150429100", "150602100", "150602001"]  # towns whose villages have one


def seed_kinds(*, out, options) -> dict:
    return {"venue kinds": services.kinds_seed(actor=SYSTEM)}


def seed_venues(*, out, options) -> dict:
    if Venue.objects.exists():
        return {}
    rng = random.Random(options.get("seed", 2026))
    kinds = {k.code: k for k in VenueKind.objects.all()}
    units = {o.code: o for o in OrgUnit.objects.filter(code__in=[p[0] for p in PLACES])}
    today = timezone.localdate()
    made = inspected = 0
    with transaction.atomic():
        venues = []
        for code, kind, name, address, lng, lat, area, hours in PLACES:
            if code not in units:
                continue
            venues.append(
                services.venue_create(
                    actor=SYSTEM,
                    org=units[code],
                    kind=kinds[kind],
                    name=name,
                    address=address,
                    lng=Decimal(lng),
                    lat=Decimal(lat),
                    area=area,
                    opening_hours=hours,
                    opened_on=datetime.date(2019 + len(venues) % 5, 3, 8),
                )
            )
        villages = OrgUnit.objects.filter(parent__code__in=VILLAGE_HOMES, level="village").order_by("path")
        base = {o.code: o for o in OrgUnit.objects.filter(code__in=VILLAGE_HOMES)}
        for village in villages:
            if rng.random() < 0.25:
                continue  # a quarter of the villages have none yet
            town = base[village.code[:9]]
            near = next((v for v in venues if v.org_path == town.path[:6] or town.path.startswith(v.org_path)), None)
            lng0, lat0 = (float(near.lng), float(near.lat)) if near else (109.9, 39.8)
            venues.append(
                services.venue_create(
                    actor=SYSTEM,
                    org=village,
                    kind=kinds[WOMEN_HOME],
                    name=f"{village.name}妇女之家",
                    address=f"{town.name}{village.name}村委会",
                    lng=Decimal(f"{lng0 + rng.uniform(-0.12, 0.12):.6f}"),
                    lat=Decimal(f"{lat0 + rng.uniform(-0.08, 0.08):.6f}"),
                    area=rng.randint(40, 120),
                    opening_hours="周一至周五 9:00-17:00",
                    status=VenueStatus.IN_USE if rng.random() < 0.9 else VenueStatus.REPAIR,
                )
            )
        made = len(venues)
        for venue in venues:
            for year in (today.year - 1, today.year):
                day = datetime.date(year, 6, 15) if year < today.year else today - datetime.timedelta(days=7)
                if year == today.year and (day.year != year or rng.random() < 0.3):
                    continue
                checks = [c for c in Check.values if rng.random() < 0.8]
                problems = [] if len(checks) > 5 else [("宣传资料未及时更新", day + datetime.timedelta(days=30))]
                inspection = services.inspection_record(
                    actor=SYSTEM,
                    venue=venue,
                    date=day,
                    score=60 + 5 * len(checks) + rng.randint(0, 5),
                    status_found=venue.status,
                    checks=checks,
                    summary="阵地运行正常" if not problems else "资料需更新",
                    problems=problems,
                )
                inspected += 1
                if problems and year < today.year:
                    services.problem_fix(
                        actor=SYSTEM,
                        problem=inspection.problems.first(),
                        fixed_on=day + datetime.timedelta(days=20),
                        note="已更换新一期宣传资料",
                    )
    return {"venues": made, "inspections": inspected}
