"""The side navigation: every module's entries from its manifest; an entry shows when the user holds its perm."""

from django.urls import reverse

from jinguo.core.modules import nav_items
from jinguo.core.scope import has_perm


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    items = []
    for item in nav_items():
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
