"""Demo data of the outreach modules, built deterministically (seeded random) and idempotently:
the theme calendar, lecture teams at three levels, a year of lectures across the region (with
some counties deliberately left with gaps), check-ins, joint study sessions and a lecture contest.

Bulk records go through the apps' bulk services with one audit event per batch (like demo.people);
everything else goes through the same services a user's clicks use.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.core import audit
from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
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
    PeriodLock,
    Topic,
)
from jinguo.people.models import Person
from jinguo.planning.models import Theme, ThemeKind, ThemeSeries
from jinguo.planning.services import series_create, theme_create

ANNUAL = "学思想 强党性 重实践 建新功"
QUARTERS = ["感党恩 听党话 跟党走", "铸牢中华民族共同体意识", "弘扬家庭家教家风", "学习宣传贯彻党的创新理论"]
MONTHS = [
    "新春走基层 巾帼话变化",
    "巾帼心向党 奋进新征程",
    "致敬她力量",
    "移风易俗树新风",
    "民族团结一家亲",
    "关爱儿童 守护未来",
    "永远跟党走",
    "最美家庭 家风传承",
    "巾帼建功乡村振兴",
    "我奋斗·家国美",
    "法治护航半边天",
    "学思践悟 砥砺前行",
]
SECONDARY = {3: "三八红旗手事迹宣讲", 9: "家庭教育进万家"}
SERIES = [("我奋斗·家国美", "围绕中心大局的系列主题宣传"), ("致敬她力量", "宣传各条战线优秀女性")]
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
READINGS = [
    "习近平走进百姓家",
    "习近平关于注重家庭家教家风建设论述摘编",
    "习近平总书记关于妇女儿童和妇联工作的重要论述",
    "党的二十大报告",
    "中华人民共和国妇女权益保障法",
]
GAP_COUNTIES_ALL_YEAR = 3  # counties with no lecture at all
GAP_COUNTIES_Q3 = 6  # counties with no lecture in the third quarter
QUIET_VILLAGES = 0.15  # share of villages where nothing is held all year


def _themes(root: OrgUnit, year: int) -> dict:
    """The region's calendar for the year, plus an Ordos focus of its own. Returns {month: [themes]}."""
    annual = Theme.objects.filter(org=root, kind=ThemeKind.ANNUAL, year=year).first()
    if annual is None:
        series = {}
        for name, desc in SERIES:
            series[name] = ThemeSeries.objects.filter(org=root, name=name).first() or series_create(
                actor=SYSTEM, org=root, name=name, description=desc
            )
        annual = theme_create(actor=SYSTEM, org=root, kind=ThemeKind.ANNUAL, year=year, title=ANNUAL)
        for q, title in enumerate(QUARTERS, start=1):
            quarter = theme_create(
                actor=SYSTEM, org=root, kind=ThemeKind.QUARTER, year=year, quarter=q, title=title, parent=annual
            )
            for m in range(3 * q - 2, 3 * q + 1):
                theme_create(
                    actor=SYSTEM,
                    org=root,
                    kind=ThemeKind.MONTH,
                    year=year,
                    month=m,
                    title=MONTHS[m - 1],
                    parent=quarter,
                    series=series.get(MONTHS[m - 1]),
                )
                if m in SECONDARY:
                    theme_create(
                        actor=SYSTEM,
                        org=root,
                        kind=ThemeKind.MONTH,
                        year=year,
                        month=m,
                        title=SECONDARY[m],
                        parent=quarter,
                        is_primary=False,
                        series=series["致敬她力量"],
                    )
        ordos = OrgUnit.objects.filter(code="150600").first()
        if ordos is not None:
            q2 = Theme.objects.get(org=root, kind=ThemeKind.QUARTER, year=year, quarter=2)
            theme_create(
                actor=SYSTEM, org=ordos, kind=ThemeKind.MONTH, year=year, month=5, title="“幸福敲门”进万家", parent=q2
            )
    by_month: dict[int, list[Theme]] = {}
    for t in Theme.objects.filter(org=root, year=year):
        if t.kind == ThemeKind.MONTH:
            by_month.setdefault(t.month, []).append(t)
    for ms in by_month.values():
        ms.sort(key=lambda t: not t.is_primary)
    quarters = {t.quarter: t for t in Theme.objects.filter(org=root, year=year, kind=ThemeKind.QUARTER)}
    return {"annual": annual, "quarters": quarters, "months": by_month}


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
        units_below[u.path[:6]][u.level].append(u)
    teams = {t.org_path: t for t in LectureTeam.objects.filter(org_path__startswith=root.path)}
    members: dict[int, list[int]] = {}
    for team_id, person_id in Lecturer.objects.filter(team__in=teams.values()).values_list("team_id", "person_id"):
        members.setdefault(team_id, []).append(person_id)
    topics = list(Topic.objects.all())
    campaigns = list(Campaign.objects.all())
    audiences = list(AudienceGroup.objects.all())
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
        league_team = teams.get(county.path[:4])
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


def _study(root: OrgUnit, year: int, rng: random.Random, themes: dict, people_by_county: dict) -> int:
    from jinguo.study.models import Attendance, StudyForm, StudySession
    from jinguo.study.services import study_bulk_create

    if StudySession.objects.filter(org_path__startswith=root.path, date__year=year).exists():
        return 0
    today = timezone.localdate()
    units = list(OrgUnit.objects.filter(path__startswith=root.path, level__in=services.TEAM_LEVELS).order_by("path"))
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


def _contest(root: OrgUnit, year: int, rng: random.Random) -> int:
    from jinguo.contest import services as contest
    from jinguo.contest.models import Contest

    title = f"{year}年北疆巾帼理论宣讲大赛"
    if Contest.objects.filter(org=root, title=title).exists():
        return 0
    judges = list(
        User.objects.filter(username__in=["region_reviewer", "ordos_cadre", "dongsheng_cadre", "dalad_cadre"])
    )
    if len(judges) < 2:
        return 0
    c = contest.contest_create(
        actor=SYSTEM,
        org=root,
        title=title,
        year=year,
        description="以“学思想 强党性 重实践 建新功”为主题，各盟市推荐优秀宣讲员参赛。",
        criteria=[("内容", 40, 100), ("表达", 30, 100), ("形象", 15, 100), ("效果", 15, 100)],
        rounds=["初赛", "决赛"],
    )
    first = c.rounds.get(order=1)
    entrants = []
    for league in OrgUnit.objects.filter(parent=root).order_by("path"):
        team = LectureTeam.objects.filter(org=league).first()
        m = Lecturer.objects.filter(team=team).select_related("person").order_by("pk").first() if team else None
        if m is not None:
            entrants.append((league, m.person))
    dongsheng = OrgUnit.objects.filter(code="150602").first()
    if dongsheng is not None:
        m = Lecturer.objects.filter(team__org=dongsheng).exclude(person__in=[p for _, p in entrants]).first()
        if m is not None:
            entrants.append((dongsheng, m.person))
    for org, person in entrants:
        contest.entry_submit(
            actor=SYSTEM,
            round=first,
            org=org,
            lecturer=person,
            title=rng.choice(TITLES),
            video_url=f"https://video.example.cn/jinguo/{year}/{person.pk}",
        )
    for j in judges:
        contest.judge_add(actor=SYSTEM, round=first, user=j)
    contest.round_open(actor=SYSTEM, round=first)
    criteria = list(c.criteria.all())
    for entry in first.entries.all():
        for j in judges:
            if contest.judge_conflicts(contest.judge_paths(j), entry.org_path):
                continue
            contest.score_submit(actor=j, entry=entry, values={cr.pk: rng.randint(70, 98) for cr in criteria})
    contest.round_close(actor=SYSTEM, round=first)
    contest.round_publish(actor=SYSTEM, round=first)
    return len(entrants)


def _close_a_month(year: int) -> int:
    """Ordos verifies and closes 东胜区's January, so the demo shows a closed month."""
    ordos = User.objects.filter(username="ordos_cadre").first()
    dongsheng = OrgUnit.objects.filter(code="150602").first()
    month = datetime.date(year, 1, 1)
    if ordos is None or dongsheng is None or PeriodLock.objects.filter(org=dongsheng, month=month).exists():
        return 0
    if datetime.date(year, 2, 1) > timezone.localdate():
        return 0
    services.period_close(actor=ordos, org=dongsheng, month=month)
    return 1


def build_outreach_demo(
    *, root: OrgUnit, seed: int = 2026, year: int | None = None, per_county=(300, 480), out=None
) -> dict:
    say = out or (lambda msg: None)
    year = year or timezone.localdate().year
    rng = random.Random(seed)
    created = {"lookups": services.lookups_seed(actor=SYSTEM)}
    themes = _themes(root, year)
    people_by_county: dict[str, list[Person]] = {}
    for p in Person.objects.filter(org_path__startswith=root.path).order_by("pk"):
        people_by_county.setdefault(p.org_path[:6], []).append(p)
    created["teams"] = _teams(root, random.Random(seed + 1), people_by_county)
    created["lectures"] = _lectures(root, year, random.Random(seed + 2), themes, per_county)
    created["study_sessions"] = _study(root, year, random.Random(seed + 3), themes, people_by_county)
    created["contest_entries"] = _contest(root, year, random.Random(seed + 4))
    created["closed_months"] = _close_a_month(year)
    say(
        f"outreach: {Lecture.objects.filter(org_path__startswith=root.path).count()} lectures, "
        f"{LectureTeam.objects.filter(org_path__startswith=root.path).count()} teams"
    )
    del rng
    return created
