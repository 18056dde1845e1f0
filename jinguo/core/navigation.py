"""The side navigation. Each app adds its entries here; an entry shows when the user holds its perm."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    icon: str
    perm: str | None = Perm.READ


NAV: list[NavItem] = [
    NavItem("home", _("Home"), "home", None),
    NavItem("stats:dashboard", _("Dashboard"), "chart-bar", Perm.READ),
    NavItem("orgs:tree", _("Org tree"), "binary-tree", Perm.READ),
    NavItem("people:list", _("People"), "users", Perm.READ),
    NavItem("planning:month", _("Theme calendar"), "list", Perm.READ),
    NavItem("outreach:teams", _("Lecture teams"), "users", Perm.READ),
    NavItem("outreach:lectures", _("Lectures"), "language", Perm.READ),
    NavItem("outreach:coverage", _("Coverage"), "map-pin", Perm.READ),
    NavItem("study:sessions", _("Joint study"), "file-spreadsheet", Perm.READ),
    NavItem("contest:list", _("Lecture contest"), "check", Perm.READ),
    NavItem("core:users", _("Users and roles"), "key", Perm.MANAGE_USERS),
    NavItem("core:audit", _("Audit log"), "shield-check", Perm.AUDIT_READ),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    items = []
    for item in NAV:
        if item.perm is None or has_perm(user, item.perm):
            url = reverse(item.url_name)
            active = current == item.url_name or current.split(":")[0] == item.url_name.split(":")[0] != "home"
            items.append({"url": url, "label": item.label, "icon": item.icon, "active": active})
    # Several entries of one app (lecture teams, lectures, coverage): the longest URL prefix wins.
    active = [i for i in items if i["active"]]
    if len(active) > 1:
        path = getattr(request, "path", "")
        best = max((len(i["url"]) for i in active if path.startswith(i["url"])), default=None)
        for i in active:
            i["active"] = best is not None and path.startswith(i["url"]) and len(i["url"]) == best
    return {"nav_items": items}
