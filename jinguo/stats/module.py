"""Dashboards and reports over the roll-ups every module's metrics keep."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, register

register(
    Module(
        label="stats",
        title=_("Statistics"),
        urls="jinguo.stats.urls",
        prefix="dashboard",
        nav=[NavItem("stats:dashboard", _("Dashboard"), "chart-bar", order=10)],
        # The demo writes tens of thousands of records: the dashboard figures are rebuilt once at the end.
        demo_wrap="jinguo.stats.rollups:deferred",
    )
)
