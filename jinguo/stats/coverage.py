"""One coverage engine: which units below a unit have a non-zero value of a metric in a period.

Coverage is a property of a metric with `coverage=True` (lectures verified, lectures reported, villages with a
volunteer service, …). For a stored period (a month, quarter or year) it reads only roll-up rows:

- the unit's own total: one row;
- how many units of each level below are covered: the `covered:<level>:<metric>` counters of the unit, one
  query for every level;
- each child unit's figure: the children's rows, one query;
- the gaps (units of a level with nothing): one SQL query, `OrgUnit` with NOT EXISTS on the roll-ups, paged in
  SQL — the 14,000 villages of a region are never loaded into Python.

A module calls it for its own metrics (`coverage("outreach.lectures_verified", under, period)`); breakdowns a
module needs beyond this (outreach's per theme and campaign) are its own extension on request.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

from jinguo.core.paths import LEVELS
from jinguo.stats.models import Rollup
from jinguo.stats.registry import covered_key


@dataclass
class Level:
    level: str
    units: int
    covered: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.covered / self.units, 1) if self.units else 0.0


@dataclass
class Child:
    org: object  # OrgUnit
    count: int

    @property
    def covered(self) -> bool:
        return self.count > 0


@dataclass
class Result:
    metric: str
    under: object  # OrgUnit
    period: str
    total: int = 0
    levels: list[Level] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)


def _org_model():
    from django.apps import apps

    return apps.get_model("orgs", "OrgUnit")


def levels_below(level: str) -> list[str]:
    return list(LEVELS[LEVELS.index(level) + 1 :])


def coverage(metric: str, under, period: str, *, children: bool = True) -> Result:
    """Coverage of `metric` below `under` (an OrgUnit the caller may read) in the stored `period` ("2026Q3")."""
    OrgUnit = _org_model()
    deeper = levels_below(under.level)
    result = Result(metric=metric, under=under, period=period)
    keys = [metric] + [covered_key(lvl, metric) for lvl in deeper]
    values = dict(
        Rollup.objects.filter(metric__in=keys, period=period, org_path=under.path).values_list("metric", "value")
    )
    result.total = values.get(metric, 0)
    units = dict(
        OrgUnit.objects.filter(path__startswith=under.path, level__in=deeper)
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    result.levels = [
        Level(lvl, units[lvl], values.get(covered_key(lvl, metric), 0)) for lvl in deeper if units.get(lvl)
    ]
    if children and deeper:
        kids = list(OrgUnit.objects.filter(parent=under).order_by("path"))
        counts = dict(
            Rollup.objects.filter(
                metric=metric, period=period, org_path__in=[k.path for k in kids], value__gt=0
            ).values_list("org_path", "value")
        )
        result.children = [Child(k, counts.get(k.path, 0)) for k in kids]
    return result


def gap_count(levels, level: str) -> int:
    """How many units of `level` a coverage result's levels leave uncovered: units − covered, from the counters
    (no query); 0 for a level with no units."""
    return next((lv.units - lv.covered for lv in levels if lv.level == level), 0)


def gaps(metric: str, under, period: str, level: str) -> QuerySet:
    """Units at `level` below `under` with nothing of `metric` in `period`: one query, to be paged by the caller
    (its number is `gap_count`: wrap it in core.lists.Counted to page it without a COUNT)."""
    OrgUnit = _org_model()
    has_value = Rollup.objects.filter(metric=metric, period=period, org_path=OuterRef("path"), value__gt=0)
    return (
        OrgUnit.objects.filter(path__startswith=under.path, level=level)
        .exclude(Exists(has_value))
        .select_related("parent")
        .order_by("path")
    )
