"""Demo of the lecture contest: the region's contest with one entrant per league, judged and published."""

import random

from django.utils import timezone

from jinguo.contest import services as contest
from jinguo.contest.models import Contest
from jinguo.contest.selectors import judge_conflicts, judge_paths
from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import OrgUnit
from jinguo.outreach.selectors import first_team_member

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


def build_contest(root: OrgUnit, year: int, rng: random.Random) -> int:
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
        person = first_team_member(league)
        if person is not None:
            entrants.append((league, person))
    dongsheng = OrgUnit.objects.filter(code="150602").first()
    if dongsheng is not None:
        person = first_team_member(dongsheng, exclude=[p.pk for _, p in entrants])
        if person is not None:
            entrants.append((dongsheng, person))
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
            if judge_conflicts(judge_paths(j), entry.org_path):
                continue
            contest.score_submit(actor=j, entry=entry, values={cr.pk: rng.randint(70, 98) for cr in criteria})
    contest.round_close(actor=SYSTEM, round=first)
    contest.round_publish(actor=SYSTEM, round=first)
    return len(entrants)


def seed_contest(*, out, options: dict) -> dict:
    year = options.get("year") or timezone.localdate().year
    return {"contest_entries": build_contest(demo_root(), year, random.Random(options.get("seed", 2026) + 4))}
