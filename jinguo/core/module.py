"""The core's own entries: home, users and roles, the audit log, imports."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, register
from jinguo.core.roles import Perm

register(
    Module(
        label="core",
        title=_("Core"),
        urls="jinguo.core.urls",
        prefix="",
        notices={"import_done": NoticeKind(_("Your import finished"))},
        nav=[
            NavItem("home", _("Home"), "home", None, order=0),
            NavItem("core:users", _("Users and roles"), "key", Perm.MANAGE_USERS, order=900),
            NavItem("core:audit", _("Audit log"), "shield-check", Perm.AUDIT_READ, order=910),
        ],
    )
)
