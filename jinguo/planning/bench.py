"""Benchmark data of the theme calendar: the region's calendar for each benchmark year."""

from django.utils import timezone

from jinguo.bench.generate import YEARS, Context, generator
from jinguo.orgs.models import OrgUnit
from jinguo.planning.demo import build_calendar


@generator("themes")
def themes(ctx: Context) -> int:
    root = OrgUnit.objects.get(code="150000")
    this_year = timezone.localdate().year
    for year in range(this_year - YEARS + 1, this_year + 1):
        build_calendar(root, year)
    return YEARS
