"""Benchmark data and scenarios of the volunteer service.

Sizes follow the people registry: a fifth of the people are volunteers and there are five service records per
person — at `full` (1,000,000 people) 200,000 volunteers and 5,000,000 records over the last two years, with a
team and a project in every town and one in every league. Written in bulk through the module's services
(deterministic, seeded); the roll-ups are rebuilt by the benchmark at the end, the tallies once here.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jinguo.bench.generate import Context, generator
from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.selectors import people_by_county
from jinguo.stats import rollups
from jinguo.volunteer import services
from jinguo.volunteer.models import RecordState, ServiceRecord, Team

ACTIONS = ["employment", "science", "rural", "rights", "health"]
BATCH = 20_000


def volunteers_for(ctx: Context) -> int:
    return ctx.size.people // 5


def records_for(ctx: Context) -> int:
    return ctx.size.people * 5


@generator("volunteer service")
def volunteer_service(ctx: Context) -> int:
    if Team.objects.filter(name__startswith="bench·").exists():
        return 0
    rng = random.Random(31)
    root = OrgUnit.objects.get(code="150000")
    services.categories_seed(actor=SYSTEM)
    towns = list(OrgUnit.objects.filter(level=Level.TOWN).order_by("path"))
    leagues = list(OrgUnit.objects.filter(level=Level.LEAGUE).order_by("path"))
    with rollups.deferred():
        with transaction.atomic():
            teams = {
                u.path: services.team_create(actor=SYSTEM, org=u, name=f"bench·{u.name}巾帼志愿服务队")
                for u in [*leagues, *towns]
            }
            projects = {
                path: services.project_create(
                    actor=SYSTEM,
                    org=t.org,
                    name=f"bench·{t.org.name}志愿服务",
                    team=t,
                    action=ACTIONS[i % len(ACTIONS)],
                    summary="benchmark",
                    started=datetime.date(2020, 1, 1),
                )
                for i, (path, t) in enumerate(teams.items())
            }
        # Volunteers: the first people of every county, in their town's team (one in ten in the league's too).
        per_county = max(1, volunteers_for(ctx) // max(1, len(ctx.counties)))
        volunteers = []
        for _county, people in sorted(people_by_county(root.path, per_county=per_county).items()):
            batch, plan = [], []
            for p in people:
                v = services.volunteer_build(
                    actor=SYSTEM,
                    person=p,
                    org=OrgUnit(pk=_org_id(p.org_path), path=p.org_path),
                    joined=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500)),
                    consent_by="本人",
                    consent_method="书面同意书",
                )
                town = teams.get(p.org_path[:9])
                ts = [town] if town else []
                if rng.random() < 0.1:
                    ts.append(teams[p.org_path[:4]])
                batch.append(v)
                plan.append(ts)
            with transaction.atomic():
                services.volunteers_bulk_create(actor=SYSTEM, volunteers=batch, teams=plan)
            volunteers += [(v.pk, v.org_path, plan[i][0] if plan[i] else None) for i, v in enumerate(batch)]
        # Service records over the last two years, back-filled-like rows (no shifts), most approved.
        today = timezone.localdate()
        start = today - datetime.timedelta(days=730)
        todo, written = records_for(ctx), 0
        while written < todo:
            chunk = []
            for _ in range(min(BATCH, todo - written)):
                vid, path, team = volunteers[rng.randrange(len(volunteers))]
                day = start + datetime.timedelta(days=rng.randrange(729))
                roll = rng.random()
                state = (
                    RecordState.APPROVED if roll < 0.9 else RecordState.PENDING if roll < 0.97 else RecordState.DECLINED
                )
                project = projects[team.org_path] if team else None
                chunk.append(
                    ServiceRecord(
                        volunteer_id=vid,
                        team=team,
                        project=project,
                        org_id=_org_id(path),
                        org_path=path,
                        date=day,
                        hours=Decimal(rng.choice(["1.0", "1.5", "2.0", "3.0", "4.0"])),
                        backfilled=rng.random() < 0.2,
                        state=state,
                        note="bench",
                    )
                )
            with transaction.atomic():
                services.records_bulk_create(actor=SYSTEM, records=chunk, recount=False)
            written += len(chunk)
        with transaction.atomic():
            services.tallies_rebuild()
    return written + len(volunteers)


_ORG_IDS: dict[str, int] = {}


def _org_id(path: str) -> int:
    if not _ORG_IDS:
        _ORG_IDS.update(OrgUnit.objects.values_list("path", "pk"))
    return _ORG_IDS[path]


# --- scenarios ---------------------------------------------------------------------------------------

from jinguo.bench.scenarios import client_for, get_ok, raw, scenario  # noqa: E402


@scenario(
    name="volunteer hours leaderboard, region, this year",
    kind="page",
    target=100,
    baselines={
        "raw": lambda env: raw(
            "SELECT volunteer_id, SUM(hours) AS h FROM volunteer_servicerecord WHERE state = 'approved' "
            "AND org_path LIKE '15%%' AND date BETWEEN %s AND %s GROUP BY volunteer_id ORDER BY h DESC LIMIT 20",
            [f"{env['year']}-01-01", f"{env['year']}-12-31"],
        ),
    },
)
def leaderboard_page(env: dict):
    return get_ok(client_for(env["region_user"]), f"/volunteer/leaderboard/?period={env['year']}")


@scenario(
    name="volunteer team list, region",
    kind="page",
    target=100,
    baselines={
        "raw": lambda env: raw(
            "SELECT t.id, t.name, o.name FROM volunteer_team t JOIN orgs_orgunit o ON o.id = t.org_id "
            "WHERE t.org_path LIKE '15%%' ORDER BY t.org_path, t.name LIMIT 50",
            [],
        ),
    },
)
def team_list_page(env: dict):
    return get_ok(client_for(env["region_user"]), "/volunteer/")
