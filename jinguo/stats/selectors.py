"""Dashboard figures, read from roll-ups in a fixed number of queries whatever the data size."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from jinguo.core.paths import level_of
from jinguo.core.periods import Period, month_key, month_period
from jinguo.core.scope import scoped
from jinguo.orgs.models import LEVEL_ORDER, Level, OrgUnit
from jinguo.stats.models import Rollup
from jinguo.stats.registry import METRICS, Metric, covered_key


def dashboard_metrics() -> list[Metric]:
    return sorted(METRICS.values(), key=lambda m: (m.order, m.key))


def _values(metric_keys: list[str], period: Period, paths: list[str]) -> dict[tuple[str, str], int]:
    """(metric, path) → value for a period: one stored row, or the sum of a custom range's months."""
    if not metric_keys or not paths:
        return {}
    qs = Rollup.objects.filter(metric__in=metric_keys, org_path__in=paths)
    if period.stored:
        return {(m, p): v for m, p, v in qs.filter(period=period.code).values_list("metric", "org_path", "value")}
    rows = qs.filter(period__in=period.month_keys()).values("metric", "org_path").annotate(v=Sum("value"))
    return {(r["metric"], r["org_path"]): r["v"] for r in rows}


def _range_values(metrics: list[Metric], start: datetime.date, end: datetime.date, path: str) -> dict[str, int]:
    """Each metric's value for the subtree at `path` from `start` to `end`: whole months from the roll-ups (one
    query), the days of a month the range cuts through from the records (`rollups.count_between`)."""
    from jinguo.stats.rollups import count_between

    whole, out = [], dict.fromkeys((m.key for m in metrics), 0)
    day = start
    while day <= end:
        month = month_period(day.year, day.month)
        first, last = max(start, month.start), min(end, month.end)
        if (first, last) == (month.start, month.end):
            whole.append(month_key(day))
        else:
            for key, v in count_between(metrics, path, first, last).items():
                out[key] += v
        day = month.end + datetime.timedelta(days=1)
    if whole:
        rows = Rollup.objects.filter(metric__in=list(out), period__in=whole, org_path=path)
        for key, v in rows.values("metric").annotate(v=Sum("value")).values_list("metric", "v"):
            out[key] += v
    return out


def _custom_covered(metrics: list[Metric], period: Period, path: str) -> dict[str, dict[str, int]]:
    """For a custom range: each metric's units of each level below `path` with a non-zero value in any of its
    months (one query for all the metrics)."""
    rows = (
        Rollup.objects.filter(
            metric__in=[m.key for m in metrics], period__in=period.month_keys(), org_path__startswith=path, value__gt=0
        )
        .exclude(org_path=path)
        .values_list("metric", "org_path")
        .distinct()
    )
    out: dict[str, dict[str, int]] = {m.key: defaultdict(int) for m in metrics}
    for key, p in rows:
        out[key][level_of(p)] += 1
    return out


@dataclass
class Figure:
    metric: Metric
    value: int
    previous: int

    @property
    def change(self) -> float | None:
        if not self.previous:
            return None
        return round((self.value - self.previous) * 100 / self.previous, 1)

    @property
    def change_signed(self) -> str:
        """The change as a figure card shows it: +12.5, -3.0."""
        return "" if self.change is None else f"{self.change:+.1f}"


@dataclass
class Dashboard:
    org: OrgUnit
    period: Period
    figures: list[Figure]
    coverage: list[dict]
    children: list[dict]
    gaps: list[OrgUnit]
    trend: dict = field(default_factory=dict)
    ranked_metric: Metric | None = None
    coverage_metric: Metric | None = None
    compared_with: Period | None = None  # the previous period, or its same elapsed days (see Period.comparison)
    # The other coverage metrics (volunteer activities, media …): [{"metric": m, "levels": [as `coverage`]}]
    other_coverage: list[dict] = field(default_factory=list)

    @property
    def same_days(self) -> bool:
        """The period is running: its figures are set against the same elapsed days of the previous one."""
        return self.compared_with is not None and not self.compared_with.stored


def dashboard(
    user, org: OrgUnit, period: Period, *, rank_by: str | None = None, today: datetime.date | None = None
) -> Dashboard:
    today = today or timezone.localdate()
    metrics = dashboard_metrics()
    keys = [m.key for m in metrics]
    cov_metrics = [m for m in metrics if m.coverage]
    cov_metric = cov_metrics[0] if cov_metrics else None
    ranked = METRICS.get(rank_by) if rank_by in keys else (cov_metric or (metrics[0] if metrics else None))

    # 1. the children (scoped: a user sees only units in their subtree)
    children = list(scoped(OrgUnit.objects.filter(parent=org), user, field="path").order_by("path"))
    # 2. units per level below the org, for coverage percentages
    below = dict(
        OrgUnit.objects.filter(path__startswith=org.path)
        .exclude(pk=org.pk)
        .values_list("level")
        .annotate(n=Count("pk"))
    )
    levels = [lvl for lvl in LEVEL_ORDER if below.get(lvl)]
    cov_keys = [covered_key(lvl, m.key) for m in cov_metrics for lvl in levels]

    # 3. this period and what it is compared with (the previous one, or its same elapsed days), for the org
    now = _values(keys + cov_keys, period, [org.path])
    compared_with = period.comparison(today)
    if compared_with.stored or not period.stored:
        before = {m: v for (m, _p), v in _values(keys, compared_with, [org.path]).items()}
    else:
        before = _range_values(metrics, compared_with.start, compared_with.end, org.path)
    figures = [Figure(m, _scaled(m, now.get((m.key, org.path), 0)), _scaled(m, before.get(m.key, 0))) for m in metrics]

    custom = _custom_covered(cov_metrics, period, org.path) if cov_metrics and not period.stored else {}

    def coverage_of(metric: Metric) -> list[dict]:
        covered = {lvl: now.get((covered_key(lvl, metric.key), org.path), 0) for lvl in levels}
        if not period.stored:
            covered = custom[metric.key]
        rows = []
        for lvl in levels:
            total, n = below[lvl], covered.get(lvl, 0)
            rows.append(
                {
                    "level": lvl,
                    "label": Level(lvl).label,
                    "covered": n,
                    "total": total,
                    "percent": round(n * 100 / total, 1) if total else 0.0,
                }
            )
        return rows

    coverage = coverage_of(cov_metric) if cov_metric else []
    other_coverage = [{"metric": m, "levels": coverage_of(m)} for m in cov_metrics[1:]]

    # 4. every metric for each child (ranking, map, gaps)
    child_values = _values(keys, period, [c.path for c in children])
    child_rows = [
        {"org": c, "values": {m.key: _scaled(m, child_values.get((m.key, c.path), 0)) for m in metrics}}
        for c in children
    ]
    if ranked:
        child_rows.sort(key=lambda r: (-r["values"][ranked.key], r["org"].path))
    gaps = [r["org"] for r in child_rows if cov_metric and r["values"][cov_metric.key] == 0]

    # 5. the twelve months up to the period's end; a month still to come has no value (None), not a zero
    months = _trend_months(period.end)
    this_month = month_key(today)
    trend_rows = Rollup.objects.filter(metric__in=keys, period__in=months, org_path=org.path).values_list(
        "metric", "period", "value"
    )
    series = {k: dict.fromkeys(months, 0) for k in keys}
    for m, p, v in trend_rows:
        series[m][p] = v
    trend = {
        "months": months,
        "series": {
            m.key: [_scaled(m, series[m.key][mo]) if mo <= this_month else None for mo in months] for m in metrics
        },
    }
    return Dashboard(
        org, period, figures, coverage, child_rows, gaps, trend, ranked, cov_metric, compared_with, other_coverage
    )


def _scaled(metric: Metric, value: int):
    """Roll-ups hold integers; a metric kept in tenths (scale 10) shows as a decimal."""
    return value if metric.scale == 1 else round(value / metric.scale, 1)


def _trend_months(end: datetime.date) -> list[str]:
    keys = []
    y, m = end.year, end.month
    for _ in range(12):
        keys.append(f"{y}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(keys))
