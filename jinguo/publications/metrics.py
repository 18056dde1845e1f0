"""Dashboard figures of publication distribution, kept as roll-ups (see jinguo.stats): the copies subscribed and
what they cost, per unit and period. A subscription is dated in its publication's distribution year, so the year's
figure is that year's distribution, and a unit's progress is its year figure against its targets."""

from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

COPIES = register(
    Metric(
        key="publications.copies",
        label=_("Copies subscribed"),
        model="publications.Subscription",
        date_field="date",
        sum_field="copies",
        unit=_("copies"),
        order=70,
    )
)
AMOUNT = register(
    Metric(
        key="publications.amount",
        label=_("Subscriptions (yuan)"),
        model="publications.Subscription",
        date_field="date",
        sum_field="amount",
        unit=_("yuan"),
        order=71,
        scale=100,  # kept in fen, so the figure is exact
    )
)
