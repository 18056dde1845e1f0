"""Dashboard figures of public-opinion monitoring, kept as roll-ups (see jinguo.stats): mentions (all and negative),
alerts raised and incidents opened, per unit and period."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

register(
    Metric(
        key="opinion.mentions",
        label=_("Mentions"),
        model="opinion.Mention",
        date_field="published_at",
        unit=_("mentions"),
        order=70,
    )
)
register(
    Metric(
        key="opinion.negative",
        label=_("Negative mentions"),
        model="opinion.Mention",
        date_field="published_at",
        include=lambda m: m.sentiment == "neg",
        include_q=Q(sentiment="neg"),
        unit=_("mentions"),
        order=71,
    )
)
register(
    Metric(
        key="opinion.alerts",
        label=_("Opinion alerts"),
        model="opinion.Alert",
        date_field="raised_at",
        unit=_("alerts"),
        order=72,
    )
)
register(
    Metric(
        key="opinion.incidents",
        label=_("Opinion incidents"),
        model="opinion.Incident",
        date_field="opened_at",
        unit=_("incidents"),
        order=73,
    )
)
