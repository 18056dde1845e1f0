"""Dashboard figures of the honour registry, kept as roll-ups (see jinguo.stats): honours held, in all and for
the three titles the article counts (三八红旗手, 标兵, 集体) at region level and above, as the article counts them
("自治区级以上"). Per unit (so per league) and per period (year); the dashboard's map shows them by league."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.stats.registry import Metric, register

HELD = Q(revoked_at__isnull=True)
REGION_AND_ABOVE = ("province", "national")

register(
    Metric(
        key="honors.honours",
        label=_("Honours held"),
        model="honors.Honour",
        date_field="awarded_on",
        include=lambda h: h.revoked_at is None,
        include_q=HELD,
        coverage=True,
        unit=_("honours"),
        order=60,
    )
)

for code, label, order in (
    ("hongqishou", _("三八红旗手 (region level and above)"), 61),
    ("biaobing", _("三八红旗手标兵 (region level and above)"), 62),
    ("jiti", _("三八红旗集体 (region level and above)"), 63),
):
    register(
        Metric(
            key=f"honors.title.{code}",
            label=label,
            model="honors.Honour",
            date_field="awarded_on",
            include=lambda h, code=code: h.revoked_at is None and h.title.code == code and h.level in REGION_AND_ABOVE,
            include_q=HELD & Q(title__code=code, level__in=REGION_AND_ABOVE),
            unit=_("honours"),
            order=order,
        )
    )
