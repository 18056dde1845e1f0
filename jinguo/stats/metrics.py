"""Metrics of the core modules. Other modules register theirs in their own `metrics.py`."""

from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

register(
    Metric(
        key="people.registered",
        label=_("People registered"),
        model="people.Person",
        date_field="created_at",
        unit=_("people"),
        order=900,
    )
)
