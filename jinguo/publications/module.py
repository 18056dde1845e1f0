"""Publication distribution (宣传发行): publications, targets rolled down level by level, subscriptions, progress
and rankings, the year-end report and the national position."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="publications",
        title=_("Publication distribution"),
        urls="jinguo.publications.urls",
        nav=[NavItem("publications:progress", _("Publication distribution"), "report", order=70)],
        api=[
            ("/publications", "jinguo.publications.api:publications_router"),
            ("/subscriptions", "jinguo.publications.api:subscriptions_router"),
        ],
        loads=["jinguo.publications.metrics", "jinguo.publications.lists", "jinguo.publications.importers"],
        actions={"manage": _("Set publications, distribution targets and the national position")},
        grants={Role.CADRE: ["manage"]},
        events={
            "publications.create": _("Publication added"),
            "publications.update": _("Publication changed"),
            "publications.national": _("National position recorded"),
            "publications.target": _("Distribution targets set"),
            "publications.subscribe": _("Subscription recorded"),
            "publications.subscription_update": _("Subscription changed"),
            "publications.subscription_delete": _("Subscription removed"),
            "import.subscriptions": _("Subscriptions imported"),
            "export.subscriptions": _("Subscriptions exported"),
            "export.publications_report": _("Year-end distribution report exported"),
        },
        seeds=[Seed("publications.distribution", "jinguo.publications.demo:seed_distribution", after=["orgs.users"])],
    )
)

MANAGE = MODULE.action("manage")
