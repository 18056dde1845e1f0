"""Benchmark data of the outreach module: teams and ten years of lectures, built with the same builders
as the demo (deterministic, in bulk); the roll-ups are rebuilt once at the end of the generation."""

import random

from django.utils import timezone, translation

from jinguo.bench.generate import YEARS, Context, generator
from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import OrgUnit
from jinguo.outreach import demo, services
from jinguo.people.selectors import people_by_county
from jinguo.planning.selectors import year_calendar
from jinguo.stats import rollups


@generator("lectures")
def lectures(ctx: Context) -> int:
    root = OrgUnit.objects.get(code="150000")
    this_year = timezone.localdate().year
    per_year = ctx.size.lectures // YEARS
    per_county = max(1, round(per_year / 103 / 0.93))  # a few counties are left silent each year
    services.lookups_seed(actor=SYSTEM)
    with rollups.deferred():
        demo._teams(root, random.Random(11), people_by_county(root.path, per_county=60))
        written = 0
        for i, year in enumerate(range(this_year - YEARS + 1, this_year + 1)):
            calendar = year_calendar(root, year)
            written += demo._lectures(root, year, random.Random(100 + i), calendar, (per_county, per_county))
    return written


# --- the Django admin baseline (JINGUO_BENCH=1 installs the admin) ------------------------------------

from django.apps import apps  # noqa: E402

if apps.is_installed("django.contrib.admin"):
    from django.contrib import admin

    from jinguo.outreach.models import Lecture

    @admin.register(Lecture)
    class LectureAdmin(admin.ModelAdmin):
        list_display = ["title", "date", "state", "audience_count", "org"]
        list_filter = ["state", "kind"]
        search_fields = ["title"]
        list_select_related = ["org"]
        date_hierarchy = "date"


# --- scenarios ---------------------------------------------------------------------------------------

from django.db.models import Count  # noqa: E402
from django.db.models.functions import Length, Substr  # noqa: E402

from jinguo.bench.scenarios import admin_changelist, client_for, get_ok, raw, scenario, undo_after_checks  # noqa: E402


def _lectures_orm(env: dict):
    """Coverage the straightforward way: count the raw lecture rows per league and per village."""
    from jinguo.outreach.models import Lecture, LectureState

    period = env["year"]

    def run():
        qs = Lecture.objects.filter(org_path__startswith="15", date__year=int(period), state=LectureState.VERIFIED)
        per_league = list(qs.annotate(p=Substr("org_path", 1, 4)).values("p").annotate(n=Count("pk")))
        villages = qs.annotate(n=Length("org_path")).filter(n=12).values("org_path").distinct().count()
        return per_league, villages

    return run


@scenario(
    name="lecture list, filtered",
    kind="page",
    target=100,
    baselines={
        "admin": admin_changelist("outreach.Lecture", "?q=宣讲&state__exact=verified"),
        "raw": lambda env: raw(
            "SELECT l.id, l.title, l.date, l.state, l.audience_count, o.name FROM outreach_lecture l "
            "JOIN orgs_orgunit o ON o.id = l.org_id WHERE l.org_path LIKE '15%%' AND l.state = 'verified' "
            "AND l.title LIKE %s ORDER BY l.date DESC, l.id DESC LIMIT 50",
            ["%宣讲%"],
        ),
    },
)
def lecture_list(env: dict):
    return get_ok(client_for(env["region_user"]), "/outreach/lectures/?q=宣讲&state=verified")


@scenario(
    name="coverage page",
    kind="page",
    target=100,
    baselines={
        "orm": _lectures_orm,
        "raw": lambda env: raw(
            "SELECT substr(org_path, 1, 4), count(*) FROM outreach_lecture WHERE org_path LIKE '15%%' "
            "AND state = 'verified' AND date BETWEEN %s AND %s GROUP BY 1",
            [f"{env['year']}-01-01", f"{env['year']}-12-31"],
        ),
    },
)
def coverage_page(env: dict):
    return get_ok(client_for(env["region_user"]), f"/outreach/coverage/?under=150000&period={env['year']}")


@scenario(
    name="coverage gaps list (villages, page 5)",
    kind="page",
    target=100,
    baselines={
        "raw": lambda env: raw(
            "SELECT o.id, o.code, o.name, o.path FROM orgs_orgunit o WHERE o.path LIKE '15%%' AND o.level = 'village' "
            "AND NOT EXISTS (SELECT 1 FROM stats_rollup r WHERE r.metric = 'outreach.lectures_verified' "
            "AND r.period = %s AND r.org_path = o.path AND r.value > 0) ORDER BY o.path LIMIT 50 OFFSET 200",
            [str(env["year"])],
        ),
    },
)
def coverage_gaps_page(env: dict):
    """The coverage page with its list of the villages without a verified lecture this year, region-wide (14,000
    villages at full size), at the list's fifth page."""
    return get_ok(
        client_for(env["region_user"]), f"/outreach/coverage/?under=150000&period={env['year']}&gaps=village&page=5"
    )


def _lecture_sheet(env: dict):
    """The acting user and the .xlsx of the import scenario (see import_lectures)."""
    from jinguo.core import crypto
    from jinguo.core.models import User
    from jinguo.core.xlsx import export_workbook
    from jinguo.outreach.importers import LectureImporter
    from jinguo.outreach.lists import LECTURES
    from jinguo.outreach.models import Lecture
    from jinguo.people.models import Person

    user = User.objects.get(username=env["region_user"])
    lecturer = Person.objects.filter(org_path__startswith="15").order_by("pk").first()
    with translation.override("zh-hans"):
        columns = LectureImporter(user).get_columns()
        keys = [c.key for c in columns]
        at, title = keys.index("lecturers"), keys.index("title")
        qs = LECTURES.select(user).filter(pk__in=Lecture.objects.order_by("-pk").values("pk")[:100_000])
        rows = []
        for i, row in enumerate(LECTURES.export_rows(user, qs)):
            row = row[: len(columns)]
            row[at] = crypto.decrypt(lecturer.id_number_enc)
            # One lecturer for every row makes generated lectures of a unit and day alike: the import refuses a
            # repeated lecture, so each row's title is its own.
            row[title] = f"{row[title]}·{i}"
            rows.append(row)
        return user, export_workbook("lectures", [c.header for c in columns], rows)


def _import_floor(env: dict):
    """The import's floor: what the import below writes (its lectures, their lecturers, the roll-up figures they
    move), captured once from a real run, stored again by SQL in one transaction with the commit's checks, and
    rolled back. Nothing is read, parsed, checked or computed in the timed run: this is the database's own work,
    which no importer can go below."""
    import io

    from django.db import connection, transaction

    from jinguo.core import bulk
    from jinguo.core.xlsx import run_import
    from jinguo.outreach.importers import LectureImporter
    from jinguo.outreach.models import Lecture

    user, content = _lecture_sheet(env)
    through = Lecture.lecturers.through
    fields = [f for f in Lecture._meta.concrete_fields if not f.primary_key]
    q = connection.ops.quote_name
    with translation.override("zh-hans"), transaction.atomic():
        last = Lecture.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = run_import(LectureImporter(user), io.BytesIO(content))
        assert result.ok, result.errors[:3]
        # Every value as the text the database reads back (COPY's text format; SQLite's column affinity).
        with connection.cursor() as c:
            c.execute(
                f"SELECT id, {', '.join(f'CAST({q(f.column)} AS TEXT)' for f in fields)} "  # noqa: S608
                f"FROM {q(Lecture._meta.db_table)} WHERE id > %s ORDER BY id",
                [last],
            )
            rows = c.fetchall()
        old_ids, rows = [r[0] for r in rows], [r[1:] for r in rows]
        links = list(through.objects.filter(lecture_id__gt=last).values_list("lecture_id", "person_id"))
        figures = rollups.spread(rollups.deltas_of("outreach.Lecture", afters=Lecture.objects.filter(pk__gt=last)))
        transaction.set_rollback(True)

    def run():
        with transaction.atomic():
            if connection.vendor == "postgresql":
                ids = bulk.reserve_ids(Lecture, len(rows))
                columns = ["id", *(f.column for f in fields)]
                bulk.copy_rows(Lecture._meta, columns, ([i, *r] for i, r in zip(ids, rows, strict=True)))
            else:
                first = (Lecture.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
                ids = list(range(first, first + len(rows)))
                names = ["id", *(f.name for f in fields)]
                bulk.upsert(Lecture, names, [(i, *r) for i, r in zip(ids, rows, strict=True)])
            new_id = dict(zip(old_ids, ids, strict=True))
            bulk.upsert(through, ("lecture", "person"), [(new_id[lec], person) for lec, person in links])
            rollups.store(figures)
            undo_after_checks()
        return len(rows)

    return run


@scenario(
    name="import 100,000 lectures (.xlsx)",
    kind="rows",
    target=10_000,
    iterations=1,
    writes=("outreach.Lecture", "outreach.Lecture.lecturers", "stats.Rollup"),
    baselines={"raw": _import_floor},
)
def import_lectures(env: dict):
    """The lecture import through the real importer, of the newest lectures as the list exports them (so themes,
    lookups and units are real), every row naming one registered lecturer by ID number: every row validated,
    all written in one transaction, then rolled back for the next run."""
    import io

    from django.db import transaction

    from jinguo.core.xlsx import run_import
    from jinguo.outreach.importers import LectureImporter

    user, content = _lecture_sheet(env)

    def run():
        with translation.override("zh-hans"), transaction.atomic():
            result = run_import(LectureImporter(user), io.BytesIO(content))
            assert result.ok, result.errors[:3]
            undo_after_checks()
        return result.written

    return run


# --- lecture writes while another metric is bulk-loaded ------------------------------------------------


def _lecture_writer(env: dict):
    """One lecture recorded by the county's cadre through the service (roll-ups, audit, inbox), rolled back."""
    from django.db import transaction

    from jinguo.core.models import User
    from jinguo.orgs.models import OrgUnit
    from jinguo.outreach.models import Lecture, LectureState
    from jinguo.people.models import Person

    user = User.objects.get(username=env["county_user"])
    org = OrgUnit.objects.get(code=env["county_code"])
    model = (
        Lecture.objects.filter(org_path__startswith=org.path, state=LectureState.HELD, date__lte=timezone.localdate())
        .order_by("-date", "-pk")
        .first()
    )
    lecturer = (
        Person.objects.filter(org_path=org.path).order_by("pk").first()
        or Person.objects.filter(org_path__startswith=org.path).order_by("pk").first()
    )
    fields = {
        "title": "批量加载期间的宣讲",
        "date": model.date,
        "theme": model.theme,
        "topic": model.topic,
        "audience_group": model.audience_group,
        "campaign": model.campaign,
        "lecturer_ids": [lecturer.pk],
        "audience_count": 30,
    }

    def run():
        with transaction.atomic():
            services.lecture_create(actor=user, org=model.org, held=True, **fields)
            undo_after_checks()

    return run


class BulkMetricLoad:
    """Another metric (not a lecture's) bulk-loaded over and over on its own connection, each load one
    transaction that writes a figure for 200 villages for every month of a year (and so for their units above:
    thousands of roll-up rows, little enough Python beside the timed write that shares the interpreter) and then
    stays open for
    `hold` seconds, as a long import of media figures would, then pauses `gap` seconds. It stops by itself after
    `limit` seconds."""

    def __init__(self, metric: str, year: int, *, hold: float = 1.0, gap: float = 0.3, limit: float = 120.0):
        import threading

        self.metric, self.year, self.hold, self.gap, self.limit = metric, year, hold, gap, limit
        self.loads, self.errors = 0, []
        self.stop = threading.Event()
        self.holding = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import datetime
        import time

        from django.db import connections, transaction

        from jinguo.orgs.models import OrgUnit

        villages = list(OrgUnit.objects.filter(level="village").values_list("path", flat=True))
        deltas = {(self.metric, v, datetime.date(self.year, m, 1)): 1 for v in villages[:200] for m in range(1, 13)}
        end = time.monotonic() + self.limit
        try:
            while not self.stop.is_set() and time.monotonic() < end:
                with transaction.atomic():
                    rollups.apply(deltas)
                    self.holding.set()
                    self.stop.wait(self.hold)
                    transaction.set_rollback(True)
                self.loads += 1
                # A pause between loads: SQLite's busy handler polls, and a loader that takes the write lock again
                # at once starves every other writer until its busy timeout ("database is locked").
                self.stop.wait(self.gap)
        except Exception as e:  # noqa: BLE001 - reported with the scenario
            self.errors.append(repr(e))
        finally:
            self.holding.set()
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        self.holding.wait(60)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(60)
        return False


@scenario(name="lecture write, idle", kind="page", target=100, iterations=20)
def lecture_write_idle(env: dict):
    return _lecture_writer(env)


@scenario(name="lecture write during a bulk metric load", kind="page", target=100, iterations=20)
def lecture_write_during_bulk_load(env: dict):
    """The same write while another metric (study hours) is bulk-loaded for the same year, load after load: on
    PostgreSQL the roll-up locks are per metric and year, so the write does not wait for the load; on SQLite every
    writer waits for the one write lock, so it waits for the load's transaction to end. The load starts here and
    stops after the scenario's last call (2 warm-ups and 20 timed), or after 120 s."""
    write = _lecture_writer(env)
    load = BulkMetricLoad("study.hours", int(env["year"]), hold=1.0, limit=120)
    load.__enter__()
    calls = [0]

    def run():
        try:
            write()
        finally:
            calls[0] += 1
            if calls[0] >= 22 or load.errors:
                load.__exit__(None, None, None)
        if load.errors:
            raise RuntimeError(load.errors[0])

    return run
