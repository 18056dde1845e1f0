"""Dashboard figures of the people registry, kept as roll-ups (see jinguo.stats)."""

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
