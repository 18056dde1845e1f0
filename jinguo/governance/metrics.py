"""Dashboard figures of village micro-governance, kept as roll-ups (see jinguo.stats): the records of each of the
five micro-lines, whose coverage (villages reached by the line in a period) the coverage engine reads, and the
agreements done and supervision items closed, dated the day they were."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.governance.lines import LINES
from jinguo.governance.models import AgreementState, SupervisionState
from jinguo.stats.registry import Metric, register

for i, line in enumerate(LINES):
    register(
        Metric(
            key=line.metric,
            label=line.title,
            model=f"governance.{line.model.__name__}",
            date_field="date",
            coverage=True,
            unit=_("records"),
            order=90 + 2 * i,
        )
    )
register(
    Metric(
        key="governance.agreements_done",
        label=_("Household agreements done"),
        model="governance.Agreement",
        date_field="done_on",
        include=lambda a: a.state == AgreementState.DONE,
        include_q=Q(state=AgreementState.DONE),
        unit=_("records"),
        order=97,
    )
)
register(
    Metric(
        key="governance.supervision_closed",
        label=_("Supervision items closed"),
        model="governance.SupervisionItem",
        date_field="closed_on",
        include=lambda s: s.state == SupervisionState.CLOSED,
        include_q=Q(state=SupervisionState.CLOSED),
        unit=_("records"),
        order=99,
    )
)
