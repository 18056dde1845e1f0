"""The metrics dashboards show. A module registers its metrics here; roll-ups keep them per unit and period."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.db.models import Q
from django.utils.functional import Promise


@dataclass(frozen=True)
class Metric:
    key: str  # "outreach.lectures"
    label: str | Promise
    model: str  # "outreach.Lecture"
    date_field: str  # the record's date that places it in a period
    sum_field: str | None = None  # None counts records; a field name sums it
    include: Callable = field(default=lambda obj: True, compare=False)  # the record counts (row check)
    include_q: Q = field(default_factory=Q, compare=False)  # the same condition as a query
    coverage: bool = False  # also keep "how many units of each level below have a non-zero value"
    unit: str | Promise = ""
    org_field: str = "org_path"
    order: int = 100  # place on dashboards
    scale: int = 1  # roll-ups store integers: a decimal field is kept in tenths with scale=10

    def model_class(self):
        return apps.get_model(self.model)

    def contribution(self, obj) -> tuple[str, object, int] | None:
        """(org_path, date, value) this record adds to the metric, or None."""
        if obj is None or not self.include(obj):
            return None
        day = getattr(obj, self.date_field)
        if day is None:
            return None
        if hasattr(day, "date"):
            day = _local_day(day)
        value = 1 if self.sum_field is None else int(round((getattr(obj, self.sum_field) or 0) * self.scale))
        return getattr(obj, self.org_field), day, value


@lru_cache(maxsize=4096)
def _local_day(moment) -> datetime.date:
    """The local day of a stored time (a bulk import stamps every row with the same one)."""
    from django.utils import timezone

    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


METRICS: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    METRICS[metric.key] = metric
    return metric


def for_model(label: str) -> list[Metric]:
    return [m for m in METRICS.values() if m.model.lower() == label.lower()]


def covered_key(level: str, metric_key: str) -> str:
    return f"covered:{level}:{metric_key}"
