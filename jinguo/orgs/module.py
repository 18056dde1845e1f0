"""The org tree: pages, API, the towns/villages importer, and the demo's tree and users."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register

register(
    Module(
        label="orgs",
        title=_("Organisation"),
        urls="jinguo.orgs.urls",
        nav=[NavItem("orgs:tree", _("Org tree"), "binary-tree", order=20)],
        api=[("/orgs", "jinguo.orgs.api:router")],
        loads=["jinguo.orgs.importers"],
        seeds=[
            Seed("orgs.tree", "jinguo.orgs.demo:seed_tree"),
            Seed("orgs.users", "jinguo.orgs.demo:seed_users", after=["orgs.tree"]),
        ],
    )
)
