"""Benchmark data of joint study: ten years of sessions with attendance, built like the demo's."""

import random

from django.utils import timezone

from jinguo.bench.generate import YEARS, Context, generator
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import people_by_county
from jinguo.planning.selectors import year_calendar
from jinguo.stats import rollups
from jinguo.study.demo import build_sessions


@generator("study sessions")
def sessions(ctx: Context) -> int:
    root = OrgUnit.objects.get(code="150000")
    this_year = timezone.localdate().year
    people = people_by_county(root.path, per_county=60)
    written = 0
    with rollups.deferred():
        for i, year in enumerate(range(this_year - YEARS + 1, this_year + 1)):
            written += build_sessions(root, year, random.Random(200 + i), year_calendar(root, year), people)
    return written
