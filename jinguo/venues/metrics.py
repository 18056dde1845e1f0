"""Dashboard figures of publicity venues, kept as roll-ups (see jinguo.stats): the year's inspections, and the
妇女之家 that an inspection found in use, whose coverage (villages with one) the coverage engine reads.

A venue is a place, not an event: the year's inspection is what confirms it was in use that year, so the figure
and its coverage are counted from inspections, dated on the inspection day."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

register(
    Metric(
        key="venues.inspections",
        label=_("Venues inspected"),
        model="venues.Inspection",
        date_field="date",
        unit=_("venues"),
        order=80,
    )
)
register(
    Metric(
        key="venues.homes_in_use",
        label=_("妇女之家 found in use"),
        model="venues.Inspection",
        date_field="date",
        include=lambda i: i.home_in_use,
        include_q=Q(home_in_use=True),
        coverage=True,
        unit=_("venues"),
        order=81,
    )
)
