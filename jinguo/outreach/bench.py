"""Benchmark data of the outreach module: teams and ten years of lectures, built with the same builders
as the demo (deterministic, in bulk); the roll-ups are rebuilt once at the end of the generation."""

import random

from django.utils import timezone

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

from jinguo.bench.scenarios import admin_changelist, client_for, get_ok, raw, scenario  # noqa: E402


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
