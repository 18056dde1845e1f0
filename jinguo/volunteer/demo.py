"""Demo of the volunteer service: the article's teams (爱心阿姨, 周末妈妈, 蒲公英) and projects
(幸福敲门, 拉话话 爱心妈妈 …) among generated ones in every league, registered volunteers, a year of activities
with their shifts and hours (approved, some waiting, some declined, some back-filled), shifts in the coming
days for the demo volunteer, the year's practical deeds with their 十送 deliveries, and a few sign-ups from the
public page. Seeded random, idempotent, through the module's services."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.selectors import people_by_county
from jinguo.volunteer import services
from jinguo.volunteer.models import DeliveryCategory, RecordState, ServiceRecord, Team, TeamMember, Volunteer

# (team, unit code, founded, description)
NAMED_TEAMS = [
    ("爱心阿姨", "150100", datetime.date(2015, 3, 5), "呼和浩特市巾帼志愿服务品牌团队，关爱困境儿童与空巢老人。"),
    ("周末妈妈", "150602", datetime.date(2016, 6, 1), "周末陪伴留守儿童、困境儿童，辅导功课、谈心交流。"),
    ("蒲公英", "150200", datetime.date(2017, 9, 10), "蒲公英巾帼志愿服务队，开展儿童关爱与家庭教育服务。"),
]
# (project, unit code, team, 巾帼行动, 十送, excellent, summary)
NAMED_PROJECTS = [
    (
        "幸福敲门",
        "150600",
        "鄂尔多斯市巾帼志愿服务队",
        "rights",
        "送关怀",
        True,
        "敬老助残志愿服务：入户探访独居、空巢、失能老人和残疾人，代购代办、清洁理发、陪伴聊天。",
    ),
    (
        "拉话话 爱心妈妈",
        "150100",
        "爱心阿姨",
        "rights",
        "送温暖",
        False,
        "爱心妈妈结对陪伴困境儿童，定期拉话话、送学习用品、关注心理健康。",
    ),
    ("周末妈妈", "150602", "周末妈妈", "rights", "送关怀", False, "周末到村（社区）陪伴留守儿童，辅导作业、亲子阅读。"),
    (
        "蒲公英 儿童成长陪伴",
        "150200",
        "蒲公英",
        "health",
        "送健康",
        False,
        "儿童心理健康讲座、成长陪伴与家庭教育指导。",
    ),
]
ACTIONS = ["employment", "science", "rural", "rights", "health"]
GENERATED = {
    "employment": ("巾帼创业帮扶", "送岗位"),
    "science": ("科技助农", "送科技"),
    "rural": ("美丽庭院", "送服务"),
    "rights": ("普法进万家", "送法律"),
    "health": ("两癌筛查宣传", "送健康"),
}
VOLUNTEERS_PER_COUNTY = 6
SKILLS = ["护理", "心理疏导", "法律咨询", "家政", "理发", "辅导作业", "文艺", "农技", "医疗"]
AREAS = ["敬老助残", "儿童关爱", "普法宣传", "家庭教育", "乡村振兴", "健康服务"]


def seed_categories(*, out, options) -> dict:
    return {"十送 categories": services.categories_seed(actor=SYSTEM)}


def _at(day, hh, mm=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hh, mm)))


def seed_service(*, out, options) -> dict:
    root = demo_root()
    if Team.objects.filter(name="爱心阿姨").exists():
        return {}
    rng = random.Random(options.get("seed", 2026) + 15)
    today = timezone.localdate()
    year = options.get("year") or today.year
    cats = {c.name: c for c in DeliveryCategory.objects.all()}
    units = {
        o.code: o for o in OrgUnit.objects.filter(path__startswith=root.path, level__in=[Level.LEAGUE, Level.COUNTY])
    }
    units.update({o.code: o for o in OrgUnit.objects.filter(code__in=[root.code])})
    leagues = sorted((o for o in units.values() if o.level == Level.LEAGUE), key=lambda o: o.path)
    villages: dict[str, list[OrgUnit]] = {}
    for v in (
        OrgUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE)
        .order_by("path")
        .only("pk", "path", "code", "name")
    ):
        villages.setdefault(v.path[:4], []).append(v)
    with transaction.atomic():
        teams = {}
        for name, code, founded, desc in NAMED_TEAMS:
            teams[name] = services.team_create(
                actor=SYSTEM, org=units[code], name=name, founded=founded, description=desc
            )
        for league in leagues:
            name = f"{league.name}巾帼志愿服务队"
            teams[name] = services.team_create(
                actor=SYSTEM,
                org=league,
                name=name,
                founded=datetime.date(2018, 3, 8),
                description="盟市妇联巾帼志愿服务总队。",
            )
        projects = []
        for name, code, team, action, cat, excellent, summary in NAMED_PROJECTS:
            projects.append(
                services.project_create(
                    actor=SYSTEM,
                    org=units[code],
                    name=name,
                    team=teams[team],
                    action=action,
                    delivery=cats.get(cat),
                    excellent=excellent,
                    summary=summary,
                    public=True,
                    started=datetime.date(2019, 5, 1),
                    place="城乡社区、嘎查村",
                    how_to_join="扫码报名或到所在村（社区）妇联登记，经培训后上岗。",
                    beneficiaries={
                        "elderly": rng.randint(50, 400),
                        "children": rng.randint(20, 120),
                        "disabled": rng.randint(5, 60),
                    },
                )
            )
        for i, league in enumerate(leagues):
            action = ACTIONS[i % len(ACTIONS)]
            title, cat = GENERATED[action]
            projects.append(
                services.project_create(
                    actor=SYSTEM,
                    org=league,
                    name=f"{league.name}·{title}",
                    team=teams[f"{league.name}巾帼志愿服务队"],
                    action=action,
                    delivery=cats.get(cat),
                    summary=f"{league.name}妇联{title}志愿服务。",
                    public=i % 3 == 0,
                    started=datetime.date(year - 1, 1 + i % 12, 1),
                    beneficiaries={"women": rng.randint(30, 300), "families": rng.randint(10, 80)},
                )
            )
        # Volunteers: the first people of each county, in their league's team (and 东胜区's in 周末妈妈 too).
        by_county = people_by_county(root.path)
        league_team = {league.path: teams[f"{league.name}巾帼志愿服务队"] for league in leagues}
        named_team_of = {"1501": teams["爱心阿姨"], "1502": teams["蒲公英"]}
        volunteers, memberships = [], []
        for county_path, people in sorted(by_county.items()):
            for p in people[:VOLUNTEERS_PER_COUNTY]:
                v = services.volunteer_build(
                    actor=SYSTEM,
                    person=p,
                    org=p.org,
                    joined=datetime.date(year - 1, rng.randint(1, 12), rng.randint(1, 28)),
                    skills="、".join(rng.sample(SKILLS, 2)),
                    areas="、".join(rng.sample(AREAS, 2)),
                    consent_by="本人",
                    consent_method="书面同意书",
                )
                ts = [league_team[county_path[:4]]] if county_path[:4] in league_team else []
                if county_path[:4] in named_team_of:
                    ts.append(named_team_of[county_path[:4]])
                if county_path == "150602":
                    ts.append(teams["周末妈妈"])
                volunteers.append(v)
                memberships.append(ts)
        services.volunteers_bulk_create(actor=SYSTEM, volunteers=volunteers, teams=memberships)
        demo_volunteer = _demo_volunteer(teams["周末妈妈"], by_county.get("150602", []))
        n_records = _year_of_service(rng, projects, villages, year, today)
        _upcoming(teams["周末妈妈"], projects, villages, today)
        n_deeds = _deeds(rng, leagues, cats, year, today)
        for name, phone in (("王丽", "13904770001"), ("高娜", "13904770002")):
            services.application_submit(
                project=projects[0],
                name=name,
                phone=phone,
                village="东胜区",
                consent=True,
                ip=None,  # the demo's seed: no visitor's address to count
                message="想参加幸福敲门志愿服务。",
            )
    return {
        "volunteer teams": len(teams),
        "volunteer projects": len(projects),
        "volunteers": len(volunteers) + (1 if demo_volunteer else 0),
        "service records": n_records,
        "practical deeds": n_deeds,
    }


def _demo_volunteer(team, people):
    """The demo user `village_volunteer` is a volunteer of 漫赖村's unit in 周末妈妈."""
    user = User.objects.filter(username="village_volunteer").first()
    village = OrgUnit.objects.filter(code="150602100200").first()
    if user is None or village is None:
        return None
    registered = set(Volunteer.objects.values_list("person_id", flat=True))
    person = next((p for p in people if p.pk not in registered), None)
    if person is None:
        return None
    return services.volunteer_register(
        actor=SYSTEM,
        person=person,
        org=village,
        consent_by="本人",
        consent_method="书面同意书",
        skills="辅导作业、陪伴",
        areas="儿童关爱",
        teams=[team],
        user=user,
    )


def _year_of_service(rng, projects, villages, year, today) -> int:
    """Monthly activities of every project in a village of its unit, one shift each, and the hours of 3–5 of its
    team's volunteers: most approved, the last month's waiting, a few below 60 % or declined, some back-filled."""
    members: dict[int, list[Volunteer]] = {}
    for m in TeamMember.objects.filter(active=True).select_related("volunteer"):
        members.setdefault(m.team_id, []).append(m.volunteer)
    records: list[ServiceRecord] = []
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for project in projects:
        pool = members.get(project.team_id, [])
        places = villages.get(project.org_path[:4], [])
        if not pool or not places:
            continue
        for month in range(1, 13):
            day = datetime.date(year, month, rng.randint(3, 26))
            if day >= today:
                break
            village = rng.choice(places)
            activity = services.activity_create(
                actor=SYSTEM,
                project=project,
                org=village,
                title=f"{project.name}·{month}月服务",
                date=day,
                place="村委会",
                shifts=[("09:00", "11:00", 5)],
            )
            shift = activity.shifts.get()
            for v in rng.sample(pool, min(len(pool), rng.randint(3, 5))):
                start = shift.starts_at + datetime.timedelta(minutes=rng.choice([-10, 0, 5, 15]))
                end = shift.ends_at + datetime.timedelta(minutes=rng.choice([-50, -20, 0, 10]))
                minutes = int((min(end, shift.ends_at) - max(start, shift.starts_at)).total_seconds() // 60)
                counts = minutes >= 72
                hours = Decimal(minutes) / 60 if counts else Decimal(0)
                state = RecordState.APPROVED if counts else RecordState.SHORT
                if counts and day >= last_month:
                    state = RecordState.PENDING
                elif counts and rng.random() < 0.03:
                    state = RecordState.DECLINED
                records.append(
                    ServiceRecord(
                        volunteer=v,
                        shift=shift,
                        team_id=project.team_id,
                        project=project,
                        org=village,
                        org_path=village.path,
                        date=day,
                        checkin_at=start,
                        checkout_at=end,
                        minutes=minutes,
                        hours=hours.quantize(Decimal("0.1")),
                        state=state,
                        decision_reason="签到照片与名单不符" if state == RecordState.DECLINED else "",
                        decided_at=_at(day + datetime.timedelta(days=5), 10)
                        if state in (RecordState.APPROVED, RecordState.DECLINED)
                        else None,
                    )
                )
            if rng.random() < 0.2:  # one back-filled record: she served and forgot to check in
                v = rng.choice(pool)
                records.append(
                    ServiceRecord(
                        volunteer=v,
                        team_id=project.team_id,
                        project=project,
                        org=village,
                        org_path=village.path,
                        date=day,
                        hours=Decimal(rng.choice(["1.0", "2.0", "3.0"])),
                        backfilled=True,
                        state=RecordState.PENDING if day >= last_month else RecordState.APPROVED,
                        note="入户服务后补录（未扫码签到）",
                    )
                )
    return services.records_bulk_create(actor=SYSTEM, records=records)


def _upcoming(team, projects, villages, today) -> None:
    """Activities of 周末妈妈 in the coming days, for the demo volunteer to sign up and check in."""
    project = next(p for p in projects if p.team_id == team.pk)
    place = OrgUnit.objects.filter(code="150602100200").first() or (villages.get("1506") or [project.org])[0]
    for days in (1, 3, 6):
        day = today + datetime.timedelta(days=days)
        services.activity_create(
            actor=SYSTEM,
            project=project,
            org=place,
            title=f"周末妈妈·{day:%m月%d日}陪伴",
            date=day,
            place="村委会活动室",
            shifts=[("09:00", "11:00", 6), ("14:30", "16:30", 4)],
        )


def _deeds(rng, leagues, cats, year, today) -> int:
    """Two practical deeds of each league with monthly 十送 deliveries; the earlier ones done."""
    n = 0
    titles = [
        ("送温暖进万家", "送温暖", 2000),
        ("送法律进乡村", "送法律", 300),
        ("两癌筛查", "送健康", 5000),
        ("巾帼创业培训", "送岗位", 800),
    ]
    for i, league in enumerate(leagues):
        for title, cat, target in (titles[i % 4], titles[(i + 1) % 4]):
            deed = services.deed_create(actor=SYSTEM, org=league, year=year, title=title, target=target)
            n += 1
            for month in range(1, 13):
                day = datetime.date(year, month, rng.randint(1, 25))
                if day > today:
                    break
                services.delivery_record(
                    actor=SYSTEM, deed=deed, category=cats[cat], date=day, count=max(1, target // rng.randint(8, 16))
                )
            deed.refresh_from_db()
            if deed.progress >= deed.target:
                services.deed_done(actor=SYSTEM, deed=deed, evidence="活动台账、签到表与照片已归档。")
    return n


def seed_venue_activities(*, out, options) -> dict:
    """Some of the demo's activities were held at the publicity venues of their unit's line (a town's 妇女之家 for
    its villages' service days), so a venue's page lists them. Idempotent: only when none names a venue yet."""
    from jinguo.venues.models import Venue, VenueStatus
    from jinguo.volunteer.models import Activity

    if Activity.objects.filter(venue__isnull=False).exists():
        return {}
    named = 0
    with transaction.atomic():
        for venue in Venue.objects.exclude(status=VenueStatus.CLOSED).order_by("pk"):
            ids = list(
                Activity.objects.filter(org_path__startswith=venue.org_path, venue__isnull=True)
                .order_by("-date", "pk")
                .values_list("pk", flat=True)[:3]
            )
            named += Activity.objects.filter(pk__in=ids).update(venue=venue)
    return {"activities at venues": named}
