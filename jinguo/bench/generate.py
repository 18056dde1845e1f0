"""Deterministic benchmark data (seeded), written in bulk through the same builders the import path uses.

Each module adds a generator with `@generator`; they run in registration order after the org tree,
users and people exist, and the roll-ups are rebuilt at the end.
"""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from jinguo.bench.sizes import Size
from jinguo.core.actors import SYSTEM
from jinguo.core.models import Membership, User
from jinguo.core.paths import county_of
from jinguo.core.roles import Role
from jinguo.orgs.models import Level, OrgUnit
from jinguo.orgs.services import orgs_generate_demo, orgs_init
from jinguo.people.idcard import make_id_number
from jinguo.people.models import ETHNICITIES, Person
from jinguo.people.services import build_person
from jinguo.stats import rollups

BENCH_PASSWORD = "Bench-Passw0rd!long"
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林郑包白乌敖宝云韩额")
GIVEN = ["秀英", "桂英", "玉兰", "丽娜", "海燕", "其其格", "萨仁", "乌兰", "娜仁", "图雅", "斯琴", "敖敏", "春梅"]


@dataclass
class Context:
    size: Size
    rng: random.Random
    counties: list[OrgUnit] = field(default_factory=list)
    villages: list[OrgUnit] = field(default_factory=list)
    towns: list[OrgUnit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    say: Callable[[str], None] = print


YEARS = 10  # years of records the modules' generators write

GENERATORS: list[tuple[str, Callable[[Context], int]]] = []


def generator(name: str):
    def wrap(fn):
        GENERATORS.append((name, fn))
        return fn

    return wrap


def _timed(ctx: Context, name: str, fn) -> int:
    t = time.perf_counter()
    n = fn(ctx)
    ctx.timings[name] = round(time.perf_counter() - t, 1)
    ctx.say(f"  {name}: {n:,} rows in {ctx.timings[name]} s")
    return n


def generate(
    size: Size, *, seed: int = 2026, say: Callable[[str], None] = print, only: list[str] | None = None
) -> Context:
    """Org units, users and people always; then the modules' generators, or with `only` those whose name
    contains one of its words (a module's scenarios measured at full size without generating every other)."""
    ctx = Context(size=size, rng=random.Random(seed), say=say)
    _timed(ctx, "org units", _orgs)
    _timed(ctx, "users", _users)
    _timed(ctx, "people", _people)
    for name, fn in GENERATORS:
        if only and not any(o in name for o in only):
            ctx.say(f"  {name}: not asked for")
            continue
        _timed(ctx, name, fn)
    _timed(ctx, "roll-ups", lambda c: rollups.rebuild())
    _timed(ctx, "statistics", lambda c: analyze())
    return ctx


def analyze() -> int:
    """PostgreSQL: refresh the planner's statistics, as autovacuum would some minutes after a bulk load. Without
    it the scenarios that run right after the generation are planned on the row counts of an empty table (the
    lecture list took 2 s at medium size on a stale plan, 1 ms once analysed). SQLite keeps no statistics unless
    asked, and the platform never asks, so nothing is done there."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as c:
        c.execute("ANALYZE")
    return 1


def _orgs(ctx: Context) -> int:
    n = orgs_init(actor=SYSTEM, province_code="150000")
    root = OrgUnit.objects.get(code="150000")
    n += orgs_generate_demo(
        actor=SYSTEM,
        root=root,
        towns_per_county=ctx.size.towns_per_county,
        villages_per_town=ctx.size.villages_per_town,
    )
    _load_units(ctx)
    return n


def _load_units(ctx: Context) -> None:
    units = list(OrgUnit.objects.filter(level__in=[Level.COUNTY, Level.TOWN, Level.VILLAGE]).order_by("path"))
    ctx.counties = [u for u in units if u.level == Level.COUNTY]
    ctx.towns = [u for u in units if u.level == Level.TOWN]
    ctx.villages = [u for u in units if u.level == Level.VILLAGE]


def _users(ctx: Context) -> int:
    if User.objects.filter(username__startswith="bench_").exists():
        return 0
    password = make_password(BENCH_PASSWORD)
    rng = ctx.rng
    units = {u.code: u for u in OrgUnit.objects.filter(level__in=[Level.PROVINCE, Level.LEAGUE, Level.COUNTY])}
    pool = [*units.values(), *ctx.towns, *ctx.villages]
    users, plan = [], []
    for i in range(ctx.size.users):
        users.append(User(username=f"bench_{i:06d}", password=password, display_name=f"干部{i}"))
        # a few at the top levels, most in towns and villages
        if i == 0:
            org = units["150000"]
        elif i < 13:
            org = rng.choice([u for u in units.values() if u.level == Level.LEAGUE])
        elif i < 300:
            org = rng.choice(ctx.counties)
        else:
            org = rng.choice(pool)
        plan.append(org)
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=5000)
        saved = dict(User.objects.filter(username__startswith="bench_").values_list("username", "pk"))
        Membership.objects.bulk_create(
            [
                Membership(user_id=saved[u.username], org=org, role=Role.CADRE)
                for u, org in zip(users, plan, strict=True)
            ],
            batch_size=5000,
        )
    return len(users)


def _people(ctx: Context) -> int:
    have = Person.objects.count()
    todo = ctx.size.people - have
    if todo <= 0:
        return 0
    rng = random.Random(7)
    base = datetime.date(1950, 1, 1)
    counties = ctx.counties
    villages_by_county: dict[str, list[OrgUnit]] = {}
    for v in ctx.villages:
        villages_by_county.setdefault(county_of(v.path), []).append(v)
    batch: list[Person] = []
    written = 0
    for i in range(have, ctx.size.people):
        county = counties[i % len(counties)]
        birth = base + datetime.timedelta(days=(i // len(counties)) % 18000)
        order = i // (len(counties) * 18000)
        org = rng.choice(villages_by_county.get(county.path) or [county])
        data = {
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "gender": "F",
            "ethnicity": ETHNICITIES[0] if rng.random() < 0.75 else ETHNICITIES[1],
            "birth_date": birth,
            "id_number": make_id_number(county.code, birth, order, female=True),
            "phone": f"13{rng.randint(100000000, 999999999)}",
        }
        batch.append(build_person(org=org, data=data))
        if len(batch) == 10_000:
            Person.objects.bulk_create(batch, batch_size=5000)
            written += len(batch)
            batch = []
    if batch:
        Person.objects.bulk_create(batch, batch_size=5000)
        written += len(batch)
    return written
