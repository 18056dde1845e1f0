"""Timed benchmark scenarios and their baselines.

A page scenario is timed through Django's test client (URL routing, middleware, scope, queries,
template), p50/p95 over repeated requests. Each is compared with the same answer computed three other
ways: (orm) a straightforward ORM aggregate over the raw tables, (admin) Django admin's changelist of the
same model, (raw) the same query as raw SQL. Throughput scenarios (import, export) report rows/s.
"""

import datetime
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.test import Client

from jinguo.core.models import User

Timer = Callable[[], object]


@dataclass
class Scenario:
    name: str
    kind: str  # "page" (ms), "rows" (rows/s) or "accuracy" (a quality figure beside a baseline's)
    target: float  # ms for pages (p95), rows/s for throughput
    setup: Callable[[dict], Timer]
    baselines: dict[str, Callable[[dict], Timer]] = field(default_factory=dict)
    iterations: int = 30
    # Models ("app.Model", or "app.Model.field" for a many-to-many's table) a timed write rolls back: see settle.
    writes: tuple[str, ...] = ()


SCENARIOS: list[Scenario] = []


def scenario(**kwargs):
    def wrap(setup):
        SCENARIOS.append(Scenario(setup=setup, **kwargs))
        return setup

    return wrap


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    p50 = statistics.median(s)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return round(p50, 2), round(p95, 2)


def time_calls(fn: Timer, n: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def client_for(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def get_ok(client: Client, url: str) -> Timer:
    def run():
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        return r

    return run


def raw(sql: str, params: list) -> Timer:
    def run():
        with connection.cursor() as c:
            c.execute(sql, params)
            return c.fetchall()

    return run


def admin_changelist(model_label: str, query: str = "") -> Callable[[dict], Timer]:
    def setup(env: dict) -> Timer:
        c = client_for(env["admin_user"])
        app, model = model_label.split(".")
        return get_ok(c, f"/bench-admin/{app}/{model.lower()}/{query}")

    return setup


def _region_people_orm(env: dict) -> Timer:
    from jinguo.people.models import Person

    def run():
        qs = Person.objects.filter(org_path__startswith="15")
        total = qs.count()
        by_league = list(qs.annotate(p=Substr("org_path", 1, 4)).values("p").annotate(n=Count("pk")))
        villages = qs.annotate(n=Length("org_path")).filter(n=12).values("org_path").distinct().count()
        return total, by_league, villages

    return run


@scenario(
    name="region dashboard",
    kind="page",
    target=150,
    baselines={
        "orm": _region_people_orm,
        "raw": lambda env: raw(
            "SELECT metric, org_path, value FROM stats_rollup WHERE period = %s "
            "AND org_path IN (SELECT path FROM orgs_orgunit WHERE parent_id = %s "
            "UNION SELECT '15')",
            [env["year"], env["region_id"]],
        ),
    },
)
def region_dashboard(env: dict) -> Timer:
    return get_ok(client_for(env["region_user"]), f"/dashboard/?code=150000&period={env['year']}")


@scenario(
    name="county dashboard",
    kind="page",
    target=100,
    baselines={
        "raw": lambda env: raw(
            "SELECT metric, org_path, value FROM stats_rollup WHERE period = %s AND org_path LIKE %s",
            [env["quarter"], env["county_path"] + "%"],
        )
    },
)
def county_dashboard(env: dict) -> Timer:
    return get_ok(client_for(env["county_user"]), f"/dashboard/?code={env['county_code']}&period={env['quarter']}")


@scenario(
    name="people list, filtered",
    kind="page",
    target=100,
    baselines={
        "admin": admin_changelist("people.Person", "?q=王&gender__exact=F"),
        "raw": lambda env: raw(
            "SELECT p.id, p.name, p.gender, p.ethnicity, p.id_number_masked, "
            "p.phone_masked, o.name FROM people_person p JOIN orgs_orgunit o ON "
            "o.id = p.org_id WHERE p.org_path LIKE '15%%' AND p.name LIKE %s AND "
            "p.gender = 'F' ORDER BY p.org_path, p.name, p.id LIMIT 50",
            ["%王%"],
        ),
    },
)
def people_list(env: dict) -> Timer:
    return get_ok(client_for(env["region_user"]), "/people/?q=王&gender=F")


@scenario(name="export 100,000 rows (.xlsx)", kind="rows", target=50_000, iterations=3)
def export_people(env: dict) -> Timer:
    """The people export of the list page (its row builder and workbook writer), 100,000 rows, as the region's
    leader sees them (masked: a leader may export but not reveal), written into a temporary file as the task
    worker writes a large export."""
    import tempfile

    from jinguo.core.xlsx import export_file
    from jinguo.people.lists import PEOPLE
    from jinguo.people.models import Person
    from jinguo.people.selectors import person_list

    user = User.objects.get(username=env["leader_user"])

    def run():
        pks = Person.objects.order_by("pk").values_list("pk", flat=True)[100_000 - 1 : 100_000]
        last = pks[0] if pks else None
        qs = person_list(user)
        qs = qs.filter(pk__lte=last) if last else qs
        written = [0]

        def counted():
            for row in PEOPLE.export_rows(user, qs):
                written[0] += 1
                yield row

        with tempfile.TemporaryFile() as fh:
            export_file(fh, "people", [c.header for c in PEOPLE.export_columns(user)], counted())
        return written[0]

    return run


@scenario(
    name="import 100,000 people (.xlsx)",
    kind="rows",
    target=10_000,
    iterations=1,
    writes=("people.Person", "stats.Rollup"),
)
def import_people(env: dict) -> Timer:
    """People import through the real importer: every row validated, encrypted, all written in one transaction."""
    from django.db import transaction

    from jinguo.core.xlsx import export_workbook, run_import
    from jinguo.people.idcard import make_id_number
    from jinguo.people.importers import PersonImporter

    headers = ["姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "单位代码"]
    base = datetime.date(1950, 1, 1)
    rows = []
    for i in range(100_000):
        birth = base + datetime.timedelta(days=i % 18000)
        rows.append(
            [
                f"导入{i}",
                "女",
                "汉族",
                birth.isoformat(),
                make_id_number("150602", birth, 400 + i // 18000),
                "13900001111",
                env["village_code"],
            ]
        )
    content = export_workbook("people", headers, rows)
    user = User.objects.get(username=env["region_user"])

    def run():
        from django.utils import translation

        with translation.override("zh-hans"), transaction.atomic():
            result = run_import(PersonImporter(user), io.BytesIO(content))
            assert result.ok, result.errors[:3]
            undo_after_checks()  # leave the database as it was for the next run
        return result.written

    return run


def settle(models: tuple[str, ...]) -> None:
    """PostgreSQL, before a timed write: vacuum the tables it writes, untimed. A rolled-back write leaves its rows
    dead in the table and its indexes until a vacuum; without one, each run met the dead rows of the runs before
    it (a people import 8,386–12,292 rows/s from one run to the next), where a real import meets a database
    autovacuum keeps. SQLite leaves nothing behind a rollback."""
    from django.apps import apps

    if connection.vendor != "postgresql" or not models:
        return
    tables = []
    for label in models:
        app, model, *m2m = label.split(".")
        meta = apps.get_model(app, model)._meta
        tables.append(meta.get_field(m2m[0]).remote_field.through._meta.db_table if m2m else meta.db_table)
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(q(t) for t in tables)}")


def undo_after_checks() -> None:
    """End a timed write as its commit would, then roll it back (so the next run meets the same database).
    PostgreSQL checks deferred constraints, a foreign key's for every row written, at the commit, which a rollback
    skips: they are run here, so the timed write pays them. SQLite checks a foreign key as each row is written."""
    from django.db import connection, transaction

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    transaction.set_rollback(True)
