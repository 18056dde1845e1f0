"""The notification inbox: the bell, the inbox page, preferences, the API, reminders and escalations."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, register

register(
    Module(
        label="notifications",
        title=_("Notifications"),
        urls="jinguo.notifications.urls",
        nav=[NavItem("notifications:inbox", _("Inbox"), "bell", None, order=5)],
        api=[("/notifications", "jinguo.notifications.api:router")],
        notices={
            "reminder": NoticeKind(_("Reminder before a due date")),
            "escalation": NoticeKind(_("Escalation of overdue work below you"), mandatory=True),
        },
    )
)
