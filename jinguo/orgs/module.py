"""The org tree: pages, API, the towns/villages importer, users and roles in the units, the home page's unit
card, and the demo's tree and users."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register
from jinguo.core.roles import Perm

register(
    Module(
        label="orgs",
        title=_("Organisation"),
        urls="jinguo.orgs.urls",
        prefix="",  # orgs/… and users/…
        nav=[
            NavItem("orgs:tree", _("Org tree"), "binary-tree", Perm.SEE_TREE, order=20),
            NavItem("orgs:users", _("Users and roles"), "key", Perm.MANAGE_USERS, order=900),
        ],
        home="jinguo.orgs.views:home_cards",
        api=[("/orgs", "jinguo.orgs.api:router")],
        loads=["jinguo.orgs.importers", "jinguo.orgs.lists"],
        seeds=[
            Seed("orgs.tree", "jinguo.orgs.demo:seed_tree"),
            Seed("orgs.users", "jinguo.orgs.demo:seed_users", after=["orgs.tree"]),
            Seed("orgs.article_places", "jinguo.orgs.demo:seed_article_places", after=["orgs.tree"]),
        ],
    )
)
