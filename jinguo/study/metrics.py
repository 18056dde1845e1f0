"""Dashboard figures of joint study, kept as roll-ups (see jinguo.stats)."""

from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

register(
    Metric(
        key="study.sessions",
        label=_("Study sessions"),
        model="study.StudySession",
        date_field="date",
        unit=_("sessions"),
        order=40,
    )
)
register(
    Metric(
        key="study.hours",
        label=_("Study hours"),
        model="study.StudySession",
        date_field="date",
        sum_field="hours",
        scale=10,
        unit=_("hours"),
        order=41,
    )
)
