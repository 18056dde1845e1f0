"""Volunteer service records for tests of other apps (core's list and import checks)."""

import datetime

from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import services


def last_month(day: int) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=day)


def volunteer_records(tree, actors) -> dict:
    """Teams, volunteers, projects, activities and back-filled hours in 东胜区 (the county cadre's) and 达拉特旗."""
    services.categories_seed(actor=SYSTEM)
    out = {}
    for code, cadre, names in (
        ("150602", actors["county_cadre"], ("爱心阿姨", "周末妈妈")),
        ("150621", actors["sibling_cadre"], ("蒲公英",)),
    ):
        county = tree[code]
        village = tree["150602100200" if code == "150602" else "150621100200"]
        teams = [services.team_create(actor=cadre, org=county, name=n) for n in names]
        projects = [
            services.project_create(
                actor=cadre, org=county, name=f"{t.name}项目", action="rights", summary="上门服务", team=t, public=True
            )
            for t in teams
        ]
        volunteers = []
        for i, name in enumerate(("娜仁", "其其格", "萨仁")):
            person = new_person(cadre, village if i else county, name=f"{name}{code[-2:]}")
            volunteers.append(
                services.volunteer_register(
                    actor=cadre, person=person, consent_by="本人", consent_method="书面同意书", teams=teams[: 1 + i % 2]
                )
            )
        for i, p in enumerate(projects):
            services.activity_create(
                actor=cadre,
                project=p,
                org=village,
                title=f"{p.name}活动{i}",
                date=last_month(5 + i),
                shifts=[("09:00", "11:00", 3)],
            )
        records = [
            services.backfill_create(
                actor=cadre,
                volunteer=v,
                org=village,
                date=last_month(3 + i),
                hours=str(1 + i),
                note="补录",
                project=projects[0],
            )
            for i, v in enumerate(volunteers)
        ]
        out[code] = {"teams": teams, "projects": projects, "volunteers": volunteers, "records": records}
    return out
