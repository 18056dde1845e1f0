"""Demo data of the honours module (see module.py `seeds`), through the module's services, deterministic and
idempotent:

- the six titles of the article;
- last year's 三八红旗手 cycle run to its end: quotas rolled down to every league and one county of each, a
  nomination per league (东胜区's by its cadre), scores, the review chain county → league → region, the
  region's public notice (closed), one objection investigated and concluded, approvals into the registry;
- this year's cycle in progress: nominations from all 12 leagues at every stage, the region's notice open now with
  one objection waiting (when today is a working day);
- the registry of past years, whose counts at region level and above reproduce the article's figures with the
  cycle's approvals (三八红旗手 4,505, 标兵 190, 集体 1,194), a few hundred 最美家庭 with family stories, publicity,
  and the region's recommendations upward.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.honors import services
from jinguo.honors.models import (
    AwardLevel,
    FamilyStory,
    Honour,
    HonourTitle,
    Nomination,
    NominationState,
    Programme,
    Publicity,
    PublicityChannel,
    Recommendation,
)
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import people_by_county

S = NominationState

# The article's figures: honoured at region level and above, summed over the demo years.
TARGETS = {"hongqishou": 4505, "biaobing": 190, "jiti": 1194}
FAMILIES = 320  # 最美家庭 of the registry (not among the article's figures)
FIRST_YEAR = 1995
CRITERIA = [("事迹突出", 40), ("示范带动", 30), ("群众认可", 30)]
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林郑包白乌敖宝云韩额")
GIVEN = ["秀英", "桂英", "玉兰", "丽娜", "海燕", "其其格", "萨仁", "乌兰", "娜仁", "图雅", "斯琴", "敖敏", "春梅"]
DEEDS = [
    "扎根基层二十年，带领姐妹发展特色种养，户均增收三万元。",
    "创办刺绣合作社，让草原手工制品走向全国，带动三百余名妇女就业。",
    "坚守乡村课堂，资助留守儿童完成学业。",
    "治沙造林万余亩，把荒漠变成绿洲。",
    "组建巾帼志愿服务队，常年照护孤寡老人。",
    "攻克关键技术难题，带出一支巾帼创新团队。",
]
COLLECTIVES = ["巾帼文明岗", "妇女创业合作社", "巾帼志愿服务队", "女子护林队", "巾帼科技服务站"]
STORIES = [
    ("三代同堂的好家风", "老人常说：家和万事兴。一家人勤俭持家、邻里互助，把好家风传给孙辈。"),
    ("草原上的读书家庭", "牧区的夜晚，一家人围坐读书，孩子们先后考上大学，又回到家乡工作。"),
    ("孝老爱亲一家人", "婆媳情同母女，十年如一日照顾卧病的老人，被乡亲们传为佳话。"),
]


def seed_titles(*, out, options) -> dict:
    return {"honour titles": services.titles_seed(actor=SYSTEM)}


def _users(*names) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _criteria_values(programme, rng, base: int) -> dict[int, int]:
    return {c.pk: max(0, min(100, base + rng.randint(-8, 8))) for c in programme.criteria.all()}


def _counties(root) -> list[tuple[OrgUnit, OrgUnit]]:
    """(league, the county that nominates for it): 东胜区 for 鄂尔多斯市, each other league's first county."""
    out = []
    for league in OrgUnit.objects.filter(parent=root).order_by("code"):
        counties = list(OrgUnit.objects.filter(parent=league).order_by("code"))
        if not counties:
            continue
        chosen = next((c for c in counties if c.code == "150602"), counties[0])
        out.append((league, chosen))
    return out


def _people(root) -> dict[str, list]:
    return {path: [p for p in people if p] for path, people in people_by_county(root.path, per_county=8).items()}


def _open_programme(root, year: int, *, today: datetime.date, places: int, social: bool) -> Programme:
    title = HonourTitle.objects.get(code="hongqishou")
    return services.programme_create(
        actor=SYSTEM,
        org=root,
        title=title,
        year=year,
        name=f"{year}年度自治区三八红旗手评选",
        nominate_until=today + datetime.timedelta(days=20),
        county_until=today + datetime.timedelta(days=30),
        league_until=today + datetime.timedelta(days=45),
        review_until=today + datetime.timedelta(days=70),
        places=places,
        criteria=CRITERIA,
        notice_days=5,
        social=social,
        not_within_years=5,
    )


def _nominate(programme, pairs, people, users, rng, per_league: int, skip: int = 0) -> list[Nomination]:
    """Quotas down to each league and its county, then `per_league` submitted nominations from that county."""
    made = []
    for league, county in pairs:
        services.quota_allocate(actor=SYSTEM, programme=programme, org=league, places=per_league)
        services.quota_allocate(actor=SYSTEM, programme=programme, org=county, places=per_league)
        candidates = people.get(county.path, [])[skip : skip + per_league]
        actor = users.get("dongsheng_cadre") if county.code == "150602" and users.get("dongsheng_cadre") else SYSTEM
        for person in candidates:
            n = services.nomination_create(
                actor=actor,
                programme=programme,
                org=county,
                person=person.pk,
                deeds=rng.choice(DEEDS),
                summary=rng.choice(DEEDS)[:40],
            )
            services.consent_record(actor=actor, nomination=n, given_by="本人", method="书面同意书")
            services.nomination_submit(actor=actor, nomination=n)
            made.append(n)
    return made


def _advance(nominations, judge, rng, *, until: str) -> None:
    """Take each nomination up the chain to `until` (league, region_pre or region_final), the region's judge
    scoring at the region's stages."""
    order = [S.SUBMITTED, S.LEAGUE, S.REGION_PRE, S.REGION_FINAL]
    for n in nominations:
        while n.state in order and order.index(n.state) < order.index(until):
            if judge is not None and n.state in (S.REGION_PRE,):
                services.nomination_score(
                    actor=judge, nomination=n, values=_criteria_values(n.programme, rng, rng.randint(70, 95))
                )
            services.nomination_advance(actor=SYSTEM, nomination=n)


def _objection(notice, nomination, *, conclude: bool, users) -> None:
    cadre = users.get("region_cadre")
    o = services.objection_submit(
        notice=notice,
        nomination_id=nomination.pk,
        name="王女士",
        contact="w***@example.cn",
        text="反映该候选人事迹中的合作社带动人数与实际不符，请予核实。",
        ip="demo",
    )
    if conclude and cadre is not None:
        services.objection_assign(actor=cadre, objection=o, assignee=cadre)
        services.objection_investigate(actor=cadre, objection=o)
        services.objection_conclude(
            actor=cadre, objection=o, outcome="经旗县妇联实地核实，带动人数属实，异议不成立。", upheld=False
        )


def _notice(programme, root, finals, today):
    """The region's notice of the nominations at its final review, from today; none when there is nothing to
    publish or the holidays of a year it runs into are not known yet (the demo never guesses either)."""
    from django.core.exceptions import ValidationError

    if not finals:
        return None
    try:
        with transaction.atomic():
            return services.notice_schedule(
                actor=SYSTEM, programme=programme, org=root, stage=S.REGION_FINAL, start=today, nominations=finals
            )
    except ValidationError:
        return None


def seed_cycle(*, out, options) -> dict:
    root = demo_root()
    today = timezone.localdate()
    year = options.get("year") or today.year
    if Programme.objects.filter(org=root, title__code="hongqishou", year__in=[year - 1, year]).exists():
        return {}
    rng = random.Random(options.get("seed", 2026) + 13)
    users = _users("dongsheng_cadre", "region_cadre", "region_reviewer")
    judge = users.get("region_reviewer")
    pairs = _counties(root)
    people = _people(root)
    made = {"programmes": 0, "nominations": 0, "approved": 0}
    with transaction.atomic():
        # Last year's cycle, run to its end (the dates are moved back afterwards: it is history).
        last = _open_programme(root, year - 1, today=today, places=len(pairs), social=False)
        done = _nominate(last, pairs, people, users, rng, per_league=1)
        _advance(done, judge, rng, until=S.REGION_FINAL)
        finals = [n for n in done if n.state == S.REGION_FINAL]
        notice = _notice(last, root, finals, today)
        if notice is not None:
            # History: the notice covered today when the objection came (whatever today's calendar says).
            type(notice).objects.filter(pk=notice.pk).update(start=today, end=max(notice.end, today))
            notice.refresh_from_db()
            _objection(notice, finals[0], conclude=True, users=users)
            for n in finals:
                services.nomination_advance(actor=SYSTEM, nomination=n)
            made["approved"] = len(finals)
            type(notice).objects.filter(pk=notice.pk).update(
                start=datetime.date(year - 1, 2, 20), end=datetime.date(year - 1, 2, 26)
            )
            Honour.objects.filter(nomination__programme=last).update(awarded_on=datetime.date(year - 1, 3, 8))
        Programme.objects.filter(pk=last.pk).update(
            nominate_until=datetime.date(year - 1, 1, 20),
            county_until=datetime.date(year - 1, 1, 31),
            league_until=datetime.date(year - 1, 2, 10),
            review_until=datetime.date(year - 1, 3, 5),
        )
        services.notices_close_ended(actor=SYSTEM)

        # This year's cycle, in progress: every stage has some, the region's notice is open.
        current = _open_programme(root, year, today=today, places=2 * len(pairs), social=True)
        now = _nominate(current, pairs, people, users, rng, per_league=2, skip=1)
        for i, n in enumerate(now):
            stage = [S.SUBMITTED, S.LEAGUE, S.REGION_PRE, S.REGION_FINAL][min(i // 6, 3)]
            _advance([n], judge, rng, until=stage)
        finals = [n for n in now if n.state == S.REGION_FINAL]
        notice = _notice(current, root, finals, today)
        if notice is not None and notice.start <= today:
            _objection(notice, finals[0], conclude=False, users=users)
        made["programmes"] = 2
        made["nominations"] = len(done) + len(now)
    return made


# --- the registry of past years ---------------------------------------------------------------------------


def _name(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def seed_registry(*, out, options) -> dict:
    """Honours of FIRST_YEAR … last year, so that the registry's counts at region level and above, with the
    cycle's approvals, are the article's figures; then family stories, publicity and recommendations."""
    root = demo_root()
    today = timezone.localdate()
    rng = random.Random(options.get("seed", 2026) + 29)
    leagues = list(OrgUnit.objects.filter(parent=root).order_by("code"))
    units = {lg.path: [lg, *OrgUnit.objects.filter(parent=lg).order_by("code")[:6]] for lg in leagues}
    titles = {t.code: t for t in HonourTitle.objects.all()}
    years = list(range(FIRST_YEAR, today.year - 1))
    rows: list[Honour] = []
    serial = Honour.objects.filter(certificate_no__contains="-D").count()
    wanted = dict(TARGETS, zuimei=FAMILIES)
    for code, target in wanted.items():
        title = titles[code]
        have = Honour.objects.filter(
            title=title, revoked_at__isnull=True, level__in=[AwardLevel.PROVINCE, AwardLevel.NATIONAL]
        ).count()
        for _ in range(max(target - have, 0)):
            serial += 1
            year = rng.choice(years)
            league = rng.choice(leagues)
            org = rng.choice(units[league.path])
            if code == "jiti":
                holder = f"{org.name}{rng.choice(COLLECTIVES)}"
            elif code == "zuimei":
                holder = f"{_name(rng)}家庭"
            else:
                holder = _name(rng)
            national = rng.random() < (0.35 if code == "biaobing" else 0.08)
            rows.append(
                Honour(
                    org=org,
                    org_path=org.path,
                    title=title,
                    level=AwardLevel.NATIONAL if national else AwardLevel.PROVINCE,
                    year=year,
                    awarded_on=datetime.date(year, 3, 8),
                    holder_name=holder[:60],
                    certificate_no=services.certificate_number(year, title, f"D{serial:06d}"),
                    story=rng.choice(DEEDS) if code != "jiti" else "",
                    public=rng.random() < 0.3,
                )
            )
    if not rows:
        return {}
    created = services.honours_bulk_create(actor=SYSTEM, honours=rows)
    made = {"honours": created}
    made.update(_stories_publicity_recommendations(root, rng, titles, today))
    return made


def _stories_publicity_recommendations(root, rng, titles, today) -> dict:
    families = list(
        Honour.objects.filter(title=titles["zuimei"], public=True, certificate_no__contains="-D").order_by("pk")[:12]
    )
    stories = []
    for i, h in enumerate(families):
        title, text = STORIES[i % len(STORIES)]
        stories.append(
            FamilyStory(
                honour=h,
                org=h.org,
                org_path=h.org_path,
                title=title,
                text=text,
                consent_given_by=h.holder_name[:-2] if i % 4 else "",
                consent_method="书面同意书" if i % 4 else "",
            )
        )
    FamilyStory.objects.bulk_create(stories)
    recent = list(
        Honour.objects.filter(year__gte=today.year - 4, revoked_at__isnull=True)
        .exclude(title=titles["jiti"])
        .order_by("pk")[:60]
    )
    channels = [PublicityChannel.NEWSPAPER, PublicityChannel.WEB, PublicityChannel.SCREEN]
    outlets = {"newspaper": "内蒙古日报", "web": "北疆女声", "screen": "自治区妇联大屏"}
    publicity = [
        Publicity(
            honour=h,
            org=h.org,
            org_path=h.org_path,
            channel=(ch := channels[i % 3]),
            date=today - datetime.timedelta(days=rng.randint(5, 400)),
            outlet=outlets[ch],
            title=f"{h.holder_name}：{h.title.name}的故事",
        )
        for i, h in enumerate(recent)
        if i % 3 != 2  # a third left without publicity: the follow-up view lists them
    ]
    Publicity.objects.bulk_create(publicity)
    recommended = 0
    hongqishou = titles["hongqishou"]
    for h in Honour.objects.filter(
        title=hongqishou, level=AwardLevel.PROVINCE, year=today.year - 2, revoked_at__isnull=True
    ).order_by("pk")[:5]:
        if Recommendation.objects.filter(honour=h).exists():
            continue
        r = services.recommend(
            actor=SYSTEM,
            honour=h,
            title=hongqishou,
            year=today.year,
            reason=h.story or "事迹突出",
            position=f"{h.org.name}妇联",
        )
        recommended += 1
        if recommended == 1:
            services.recommendation_outcome(actor=SYSTEM, recommendation=r, accepted=False, note="名额所限，未获表彰")
    return {"family stories": len(stories), "publicity": len(publicity), "recommended upward": recommended}
