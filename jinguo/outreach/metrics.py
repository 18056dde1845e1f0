"""Dashboard figures of lectures and talk sessions, kept as roll-ups (see jinguo.stats)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.outreach.models import LectureState
from jinguo.stats.registry import Metric, register

REPORTED = (LectureState.HELD, LectureState.VERIFIED)

register(
    Metric(
        key="outreach.lectures",
        label=_("Lectures held"),
        model="outreach.Lecture",
        date_field="date",
        include=lambda lec: lec.state in REPORTED,
        include_q=Q(state__in=REPORTED),
        coverage=True,  # coverage on the "reported" basis
        unit=_("sessions"),
        order=10,
    )
)
register(
    Metric(
        key="outreach.lectures_verified",
        label=_("Lectures verified"),
        model="outreach.Lecture",
        date_field="date",
        include=lambda lec: lec.state == LectureState.VERIFIED,
        include_q=Q(state=LectureState.VERIFIED),
        coverage=True,
        unit=_("sessions"),
        order=11,
    )
)
register(
    Metric(
        key="outreach.audience",
        label=_("Audience"),
        model="outreach.Lecture",
        date_field="date",
        sum_field="audience_count",
        include=lambda lec: lec.state in REPORTED,
        include_q=Q(state__in=REPORTED),
        unit=_("people"),
        order=20,
    )
)
register(
    Metric(
        key="outreach.online_views",
        label=_("Online views"),
        model="outreach.Lecture",
        date_field="date",
        sum_field="online_views",
        include=lambda lec: lec.state in REPORTED,
        include_q=Q(state__in=REPORTED),
        unit=_("views"),
        order=30,
    )
)
