"""Dashboard figures of the volunteer service, kept as roll-ups per unit and period (see jinguo.stats): approved
hours, the services (approved records) with their coverage (villages with a service), activities (with their
coverage), volunteers registered, projects started, 十送 deliveries and practical deeds done."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

APPROVED = Q(state="approved")

register(
    Metric(
        key="volunteer.hours",
        label=_("Volunteer hours"),
        model="volunteer.ServiceRecord",
        date_field="date",
        sum_field="hours",
        scale=10,
        include=lambda r: r.state == "approved",
        include_q=APPROVED,
        unit=_("hours"),
        order=80,
    )
)
register(
    Metric(
        key="volunteer.services",
        label=_("Volunteer services"),
        model="volunteer.ServiceRecord",
        date_field="date",
        include=lambda r: r.state == "approved",
        include_q=APPROVED,
        coverage=True,
        unit=_("services"),
        order=81,
    )
)
register(
    Metric(
        key="volunteer.activities",
        label=_("Volunteer activities"),
        model="volunteer.Activity",
        date_field="date",
        coverage=True,
        unit=_("activities"),
        order=82,
    )
)
register(
    Metric(
        key="volunteer.volunteers",
        label=_("Volunteers registered"),
        model="volunteer.Volunteer",
        date_field="joined",
        unit=_("volunteers"),
        order=83,
    )
)
register(
    Metric(
        key="volunteer.projects",
        label=_("Volunteer projects started"),
        model="volunteer.Project",
        date_field="started",
        unit=_("projects"),
        order=84,
    )
)
register(
    Metric(
        key="volunteer.deliveries",
        label=_("十送 deliveries (people reached)"),
        model="volunteer.Delivery",
        date_field="date",
        sum_field="count",
        unit=_("people"),
        order=85,
    )
)
register(
    Metric(
        key="volunteer.deeds_done",
        label=_("Practical deeds done"),
        model="volunteer.Deed",
        date_field="done_on",
        unit=_("deeds"),
        order=86,
    )
)
