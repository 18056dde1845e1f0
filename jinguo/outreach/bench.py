"""Benchmark data of the outreach module: ten years of lectures and study sessions, built with the same
builders as the demo (deterministic, in bulk), with roll-ups rebuilt once at the end of the generation."""

import random

from django.utils import timezone

from jinguo.bench.generate import Context, generator
from jinguo.orgs.models import OrgUnit
from jinguo.outreach import demo, services
from jinguo.people.models import Person
from jinguo.stats import rollups

YEARS = 10


def _people_sample(root: OrgUnit, per_county: int = 60) -> dict[str, list[Person]]:
    """A few people of every county to staff teams and lead study (not the whole registry in memory)."""
    out: dict[str, list[Person]] = {}
    counties = OrgUnit.objects.filter(path__startswith=root.path, level="county").values_list("path", flat=True)
    for path in counties:
        out[path] = list(
            Person.objects.filter(org_path__startswith=path).order_by("pk").only("pk", "org_path")[:per_county]
        )
    return out


@generator("lectures and study sessions")
def lectures(ctx: Context) -> int:
    root = OrgUnit.objects.get(code="150000")
    this_year = timezone.localdate().year
    per_year = ctx.size.lectures // YEARS
    per_county = max(1, round(per_year / 103 / 0.93))  # a few counties are left silent each year
    services.lookups_seed(actor=None)
    people = _people_sample(root)
    with rollups.deferred():
        demo._teams(root, random.Random(11), people)
        written = 0
        for i, year in enumerate(range(this_year - YEARS + 1, this_year + 1)):
            themes = demo._themes(root, year)
            written += demo._lectures(root, year, random.Random(100 + i), themes, (per_county, per_county))
            written += demo._study(root, year, random.Random(200 + i), themes, people)
    return written
