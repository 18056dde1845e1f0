"""The theme calendar: annual mainline, quarterly themes, monthly focus."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register

register(
    Module(
        label="planning",
        title=_("Theme calendar"),
        urls="jinguo.planning.urls",
        nav=[NavItem("planning:month", _("Theme calendar"), "list", order=40)],
        api=[("/themes", "jinguo.planning.api:router")],
        loads=["jinguo.planning.lists"],
        bench="jinguo.planning.bench",
        seeds=[Seed("planning.themes", "jinguo.planning.demo:seed_themes", after=["orgs.tree"])],
    )
)
