"""The core's own entries: home, the audit log, imports, the user's password and second factor."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, register
from jinguo.core.roles import Perm

register(
    Module(
        label="core",
        title=_("Core"),
        urls="jinguo.core.urls",
        prefix="",
        api=[("/audit", "jinguo.api.audit:router")],
        notices={
            "import_done": NoticeKind(_("Your import finished")),
            "export_ready": NoticeKind(_("Your export is ready")),
        },
        nav=[
            NavItem("home", _("Home"), "home", None, order=0),
            NavItem("core:audit", _("Audit log"), "shield-check", Perm.AUDIT_READ, order=910),
        ],
    )
)
