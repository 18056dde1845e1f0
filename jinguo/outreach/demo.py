"""Demo of the outreach module, built deterministically (seeded random) and idempotently: the lookup
lists, lecture teams at three levels, a year of lectures across the region (with some counties
deliberately left with gaps), check-ins and a closed month. The themes, people and users it links to
come from the planning, people and orgs seeds, read through their selectors.

Bulk records go through the apps' bulk services with one audit event per batch (like demo.people);
everything else goes through the same services a user's clicks use.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jinguo.core import audit
from jinguo.core.actors import SYSTEM
from jinguo.core.models import Membership, User
from jinguo.core.paths import county_of, parent_path
from jinguo.core.roles import Role
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import Level, OrgUnit
from jinguo.outreach import services
from jinguo.outreach.models import (
    AudienceGroup,
    Campaign,
    CheckIn,
    Language,
    Lecture,
    LectureFormat,
    LectureKind,
    Lecturer,
    LecturerCategory,
    LectureState,
    LectureTeam,
    Mode,
    Topic,
)
from jinguo.people.models import Person
from jinguo.people.selectors import people_by_county
from jinguo.planning.selectors import year_calendar

PLACES = ["村委会活动室", "党群服务中心", "妇女之家", "文化广场", "社区会议室", "牧民家中", "学校礼堂", "线上直播间"]
TITLES = [
    "学习贯彻党的二十大精神宣讲",
    "惠民政策进万家",
    "巾帼心向党 奋进新时代",
    "家风家教故事会",
    "说变化 感党恩 跟党走恳谈会",
    "铸牢中华民族共同体意识宣讲",
    "法律知识进嘎查",
    "乡村振兴巾帼行动宣讲",
    "百名巾帼讲述百家家风故事",
    "最美家庭事迹分享",
]
GAP_COUNTIES_ALL_YEAR = 3  # counties with no lecture at all
GAP_COUNTIES_Q3 = 6  # counties with no lecture in the third quarter
QUIET_VILLAGES = 0.15  # share of villages where nothing is held all year


def _teams(root: OrgUnit, rng: random.Random, people_by_county: dict[str, list[Person]]) -> int:
    orgs = list(OrgUnit.objects.filter(path__startswith=root.path, level__in=services.TEAM_LEVELS).order_by("path"))
    have = set(LectureTeam.objects.filter(org__in=orgs).values_list("org_id", flat=True))
    new = [
        LectureTeam(
            org=o,
            org_path=o.path,
            name=f"{o.name}北疆巾帼宣讲团",
            description="由妇联干部、执委、三八红旗手、党校老师、女科技工作者、家庭教育讲师等组成",
        )
        for o in orgs
        if o.pk not in have
    ]
    if not new:
        return 0
    cats = list(LecturerCategory.objects.all())
    topics = list(Topic.objects.all())
    with transaction.atomic():
        LectureTeam.objects.bulk_create(new)
        teams = list(LectureTeam.objects.filter(org__in=orgs).select_related("org"))
        members, cat_links, topic_links = [], [], []
        all_people = [p for ps in people_by_county.values() for p in ps]
        for team in teams:
            if team.org.level == Level.COUNTY:
                pool = people_by_county.get(team.org_path, [])
                k = 6
            elif team.org.level == Level.LEAGUE:
                pool = [p for path, ps in people_by_county.items() if path.startswith(team.org_path) for p in ps]
                k = 8
            else:
                pool, k = all_people, 20
            for p in rng.sample(pool, min(k, len(pool))):
                members.append(
                    Lecturer(
                        team=team,
                        org_id=team.org_id,
                        org_path=team.org_path,
                        person=p,
                        languages=rng.choices(Language.values, weights=[60, 15, 25])[0],
                    )
                )
        services.lecturer_bulk_create(actor=SYSTEM, members=members)
        saved = {(m.team_id, m.person_id): m.pk for m in Lecturer.objects.filter(team__in=teams)}
        for m in members:
            pk = saved[(m.team.pk, m.person_id)]
            for c in rng.sample(cats, rng.randint(1, 2)):
                cat_links.append(Lecturer.categories.through(lecturer_id=pk, lecturercategory_id=c.pk))
            for t in rng.sample(topics, rng.randint(1, 3)):
                topic_links.append(Lecturer.topics.through(lecturer_id=pk, topic_id=t.pk))
        Lecturer.categories.through.objects.bulk_create(cat_links)
        Lecturer.topics.through.objects.bulk_create(topic_links)
        audit.record(
            None,
            "demo.teams",
            object_type="outreach.lectureteam",
            org_path=root.path,
            detail={"teams": len(new), "lecturers": len(members)},
        )
    return len(new)


def _lectures(root: OrgUnit, year: int, rng: random.Random, themes: dict, per_county: tuple[int, int]) -> int:
    if Lecture.objects.filter(org_path__startswith=root.path, date__year=year).exists():
        return 0
    today = timezone.localdate()
    counties = list(OrgUnit.objects.filter(path__startswith=root.path, level=Level.COUNTY).order_by("path"))
    units_below: dict[str, dict[str, list[OrgUnit]]] = {c.path: {"town": [], "village": []} for c in counties}
    for u in OrgUnit.objects.filter(path__startswith=root.path, level__in=[Level.TOWN, Level.VILLAGE]).order_by("path"):
        units_below[county_of(u.path)][u.level].append(u)
    teams = {t.org_path: t for t in LectureTeam.objects.filter(org_path__startswith=root.path)}
    members: dict[int, list[int]] = {}
    for team_id, person_id in Lecturer.objects.filter(team__in=teams.values()).values_list("team_id", "person_id"):
        members.setdefault(team_id, []).append(person_id)
    topics = list(Topic.objects.all())
    campaigns = list(Campaign.objects.all())
    audiences = list(AudienceGroup.objects.all())
    # Who verified: the league's demo cadre where the demo has one (ordos_cadre for 鄂尔多斯市); nobody elsewhere.
    verifiers = {
        m.org.path: m.user
        for m in Membership.objects.filter(
            role=Role.CADRE, org__level=Level.LEAGUE, org__path__startswith=root.path
        ).select_related("org", "user")
    }
    kinds = LectureKind.values
    kind_weights = [50, 15, 10, 5, 5, 4, 4, 4, 3]
    formats = LectureFormat.values

    shuffled = counties[:]
    rng.shuffle(shuffled)
    silent = {c.path for c in shuffled[:GAP_COUNTIES_ALL_YEAR]}
    quiet_q3 = {c.path for c in shuffled[GAP_COUNTIES_ALL_YEAR : GAP_COUNTIES_ALL_YEAR + GAP_COUNTIES_Q3]}
    first = datetime.date(year, 1, 1)
    days_in_year = (datetime.date(year, 12, 31) - first).days + 1
    q3 = (datetime.date(year, 7, 1), datetime.date(year, 9, 30))

    rows: list[tuple[Lecture, list[int]]] = []
    for county in counties:
        if county.path in silent:
            continue
        villages = units_below[county.path]["village"]
        active_villages = [v for v in villages if rng.random() >= QUIET_VILLAGES] or villages
        towns = units_below[county.path]["town"]
        county_team = teams.get(county.path)
        league_team = teams.get(parent_path(county.path))
        region_team = teams.get(root.path)
        for _ in range(rng.randint(*per_county)):
            day = first + datetime.timedelta(days=rng.randrange(days_in_year))
            if county.path in quiet_q3 and q3[0] <= day <= q3[1]:
                day = day.replace(month=rng.choice([4, 5, 6, 10, 11]), day=min(day.day, 28))
            r = rng.random()
            org = (
                rng.choice(active_villages)
                if r < 0.8 and active_villages
                else rng.choice(towns)
                if r < 0.95 and towns
                else county
            )
            pick = rng.random()
            team = county_team if pick < 0.6 else league_team if pick < 0.8 else region_team if pick < 0.85 else None
            pool = members.get(team.pk if team else county_team.pk if county_team else 0) or []
            lecturer_ids = rng.sample(pool, min(len(pool), rng.choice([1, 1, 1, 2]))) if pool else []
            if not lecturer_ids:
                continue
            month_themes = themes["months"].get(day.month) or []
            t = rng.random()
            theme = (
                month_themes[0 if rng.random() < 0.85 or len(month_themes) == 1 else 1]
                if t < 0.7 and month_themes
                else themes["quarters"].get((day.month - 1) // 3 + 1)
                if t < 0.9
                else themes["annual"]
            )
            mode = rng.choices(Mode.values, weights=[80, 8, 12])[0]
            if day > today:
                state = LectureState.PLANNED
            elif (today - day).days <= 30:
                state = rng.choice([LectureState.HELD, LectureState.HELD, LectureState.VERIFIED])
            else:
                state = LectureState.VERIFIED if rng.random() < 0.95 else LectureState.HELD
            held = state != LectureState.PLANNED
            lec = Lecture(
                org=org,
                org_path=org.path,
                title=rng.choice(TITLES),
                kind=rng.choices(kinds, weights=kind_weights)[0],
                date=day,
                start_time=datetime.time(rng.choice([9, 10, 14, 15, 19]), rng.choice([0, 30])),
                place=rng.choice(PLACES),
                team=team,
                topic=rng.choice(topics),
                theme=theme,
                campaign=rng.choice(campaigns) if rng.random() < 0.8 else None,
                formats=sorted(rng.sample(formats, rng.choice([0, 0, 1, 2])), key=formats.index),
                audience_group=rng.choice(audiences),
                audience_count=rng.randint(15, 160) if held else None,
                mode=mode,
                online_views=rng.randint(50, 3000) if held and mode != Mode.OFFLINE else 0,
                language=rng.choices(Language.values, weights=[70, 12, 18])[0],
                summary="宣讲结束后与群众开展互动交流，反响良好。" if held else "",
                state=state,
                verified_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
                + datetime.timedelta(days=rng.randint(1, 10))
                if state == LectureState.VERIFIED
                else None,
                verified_by=verifiers.get(parent_path(county.path)) if state == LectureState.VERIFIED else None,
            )
            rows.append((lec, lecturer_ids))
    codes = services.new_checkin_codes([lec.date for lec, _ in rows], rng=rng)
    for (lec, _), code in zip(rows, codes, strict=True):
        lec.checkin_code = code
    batch = 5000
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        with transaction.atomic():
            services.lecture_bulk_create(
                actor=SYSTEM, lectures=[r[0] for r in chunk], lecturer_ids=[r[1] for r in chunk]
            )
            audit.record(
                None,
                "demo.lectures",
                object_type="outreach.lecture",
                org_path=root.path,
                detail={"count": len(chunk), "year": year},
            )
    # A few attendees of the latest held lectures checked in on their phones.
    recent = [lec for lec, _ in rows if lec.state == LectureState.HELD][-150:]
    checkins = [
        CheckIn(
            lecture=lec,
            org_id=lec.org_id,
            org_path=lec.org_path,
            name=f"群众{n + 1}",
            village=lec.org.name,
        )
        for lec in recent
        for n in range(rng.randint(3, min(25, lec.audience_count or 3)))
    ]
    with transaction.atomic():
        CheckIn.objects.bulk_create(checkins, batch_size=5000)
        audit.record(
            None, "demo.checkins", object_type="outreach.checkin", org_path=root.path, detail={"count": len(checkins)}
        )
    return len(rows)


def _close_a_month(year: int) -> int:
    """Ordos verifies and closes 东胜区's January, so the demo shows a closed month."""
    ordos = User.objects.filter(username="ordos_cadre").first()
    dongsheng = OrgUnit.objects.filter(code="150602").first()
    month = datetime.date(year, 1, 1)
    if ordos is None or dongsheng is None or services.period_lock_for(dongsheng.path, month) is not None:
        return 0
    if datetime.date(year, 2, 1) > timezone.localdate():
        return 0
    services.period_close(actor=ordos, org=dongsheng, month=month)
    return 1


def seed_lookups(*, out, options: dict) -> dict:
    return {"lookups": services.lookups_seed(actor=SYSTEM)}


def seed_teams(*, out, options: dict) -> dict:
    root = demo_root()
    return {"teams": _teams(root, random.Random(options.get("seed", 2026) + 1), people_by_county(root.path))}


def seed_lectures(*, out, options: dict) -> dict:
    year = options.get("year") or timezone.localdate().year
    root = demo_root()
    rng = random.Random(options.get("seed", 2026) + 2)
    n = _lectures(root, year, rng, year_calendar(root, year), tuple(options.get("per_county") or (300, 480)))
    closed = _close_a_month(year)
    out(
        f"outreach: {Lecture.objects.filter(org_path__startswith=root.path).count():,} lectures, "
        f"{LectureTeam.objects.filter(org_path__startswith=root.path).count():,} teams"
    )
    return {"lectures": n, "closed_months": closed}


def seed_venue_lectures(*, out, options: dict) -> dict:
    """宁城县八里罕镇's "巾帼宣讲+" sessions (micro-film, performance, commendation, live interaction) at its venues:
    "百名巾帼志愿者讲述百家家风故事", held through the year by the county's lecture team."""
    from jinguo.venues.selectors import venue_choices

    venues = list(venue_choices(SYSTEM).filter(org__code="150429100").order_by("pk"))
    if not venues or Lecture.objects.filter(venue__in=venues).exists():
        return {}
    town = venues[0].org
    team = LectureTeam.objects.filter(org__code="150429").first()
    lecturers = list(Lecturer.objects.filter(team=team, active=True).values_list("person_id", flat=True)[:4])
    if team is None or not lecturers:
        return {}
    rng = random.Random(options.get("seed", 2026) + 3)
    today = timezone.localdate()
    year = options.get("year") or today.year
    themes = year_calendar(demo_root(), year)
    campaign = Campaign.objects.filter(name="百名巾帼志愿者讲述百家家风故事").first()
    topic = Topic.objects.filter(name="家庭教育").first() or Topic.objects.first()
    audience = AudienceGroup.objects.filter(name="家庭").first() or AudienceGroup.objects.first()
    rows = []
    for month in range(1, 13):
        day = datetime.date(year, month, 18)
        if day > today:
            break
        lec = Lecture(
            org=town,
            org_path=town.path,
            title=f"巾帼宣讲+ · 百家家风故事（第{month}场）",
            kind=LectureKind.LECTURE,
            date=day,
            start_time=datetime.time(14, 30),
            place="八里罕镇",
            venue=venues[month % len(venues)],
            team=team,
            topic=topic,
            theme=(themes["months"].get(month) or [themes["annual"]])[0],
            campaign=campaign,
            formats=list(LectureFormat.values),
            audience_group=audience,
            audience_count=rng.randint(60, 180),
            summary="观看微电影、文艺表演、典型表彰和现场互动，讲述身边的好家风。",
            state=LectureState.VERIFIED if (today - day).days > 30 else LectureState.HELD,
        )
        rows.append((lec, rng.sample(lecturers, min(2, len(lecturers)))))
    for (lec, _ids), code in zip(rows, services.new_checkin_codes([r[0].date for r in rows], rng=rng), strict=True):
        lec.checkin_code = code
    with transaction.atomic():
        n = services.lecture_bulk_create(actor=SYSTEM, lectures=[r[0] for r in rows], lecturer_ids=[r[1] for r in rows])
    return {"巾帼宣讲+ at venues": n}
