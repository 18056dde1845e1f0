"""Demo of joint study: a year of sessions at the region, league and county levels with attendance."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.core import audit
from jinguo.core.actors import SYSTEM
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.selectors import people_by_county
from jinguo.planning.selectors import year_calendar
from jinguo.study.models import Attendance, StudyForm, StudySession
from jinguo.study.services import study_bulk_create

LEVELS = (Level.PROVINCE, Level.LEAGUE, Level.COUNTY)
READINGS = [
    "习近平走进百姓家",
    "习近平关于注重家庭家教家风建设论述摘编",
    "习近平总书记关于妇女儿童和妇联工作的重要论述",
    "党的二十大报告",
    "中华人民共和国妇女权益保障法",
]


def build_sessions(root: OrgUnit, year: int, rng: random.Random, themes: dict, people_by_county: dict) -> int:
    if StudySession.objects.filter(org_path__startswith=root.path, date__year=year).exists():
        return 0
    today = timezone.localdate()
    units = list(OrgUnit.objects.filter(path__startswith=root.path, level__in=LEVELS).order_by("path"))
    all_people = [p for ps in people_by_county.values() for p in ps]
    sessions, attendance = [], []
    for unit in units:
        if unit.level == Level.COUNTY:
            pool = people_by_county.get(unit.path, [])
        elif unit.level == Level.LEAGUE:
            pool = [p for path, ps in people_by_county.items() if path.startswith(unit.path) for p in ps][:60]
        else:
            pool = all_people[:: max(1, len(all_people) // 40)]
        if not pool:
            continue
        for month in range(1, 13):
            day = datetime.date(year, month, rng.randint(5, 25))
            if day > today:
                break
            month_themes = themes["months"].get(month) or [themes["annual"]]
            form = rng.choices(StudyForm.values, weights=[40, 30, 15, 15])[0]
            leader = rng.choice(pool)
            sessions.append(
                StudySession(
                    org=unit,
                    org_path=unit.path,
                    title=f"{month}月{('党组理论学习中心组' if unit.level == Level.PROVINCE else '妇联干部')}联学联讲",
                    form=form,
                    date=day,
                    hours=Decimal(rng.choice(["1.5", "2.0", "2.0", "3.0"])),
                    leader=leader,
                    materials="\n".join(rng.sample(READINGS, 2)),
                    theme=month_themes[0],
                    summary="读原著、学原文、悟原理，交流学习体会。",
                )
            )
            picked = rng.sample(pool, min(len(pool), rng.randint(6, 12)))
            attendance.append([(p.pk, rng.choices(Attendance.values, weights=[85, 10, 5])[0]) for p in picked])
    with transaction.atomic():
        study_bulk_create(actor=SYSTEM, sessions=sessions, attendance=attendance)
        audit.record(
            None,
            "demo.study",
            object_type="study.studysession",
            org_path=root.path,
            detail={"sessions": len(sessions), "attendance": sum(len(a) for a in attendance)},
        )
    return len(sessions)


def seed_sessions(*, out, options: dict) -> dict:
    year = options.get("year") or timezone.localdate().year
    root = demo_root()
    rng = random.Random(options.get("seed", 2026) + 3)
    n = build_sessions(root, year, rng, year_calendar(root, year), people_by_county(root.path))
    return {"study_sessions": n}
