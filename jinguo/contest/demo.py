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

# What the entrants called their talks.
TITLES = [
    "我家的变化",
    "草原上的巾帼故事",
    "一个村庄的新风尚",
    "把党的声音传到毡房",
    "母亲的针线与家风",
    "从牧区到课堂",
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
