"""The people registry: pages, API, importer, dashboard figure, home page card and demo people."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register

register(
    Module(
        label="people",
        title=_("People"),
        urls="jinguo.people.urls",
        nav=[NavItem("people:list", _("People"), "users", order=30)],
        home="jinguo.people.views:home_cards",
        api=[("/people", "jinguo.people.api:router")],
        loads=["jinguo.people.importers", "jinguo.people.lists", "jinguo.people.metrics"],
        seeds=[Seed("people.people", "jinguo.people.demo:seed_people", after=["orgs.tree"])],
    )
)
