from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jinguo.core import audit, xlsx
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, require
from jinguo.core.views import paginate
from jinguo.orgs.models import Level
from jinguo.orgs.selectors import get_org_for_user, org_ancestors, org_children, org_list, org_roots


@login_required
def tree(request):
    """Browse the tree: a unit, its ancestors, and its children; HTMX expands a child in place."""
    code = request.GET.get("code", "").strip()
    if code:
        org = get_org_for_user(request.user, code)
        roots = [org]
    else:
        roots = org_roots(request.user)
        org = roots[0] if len(roots) == 1 else None
    if request.htmx and org is not None:
        return render(request, "orgs/tree.html#children", {"org": org, "children": org_children(request.user, org)})
    context = {
        "org": org,
        "roots": roots,
        "ancestors": org_ancestors(org) if org else [],
        "children": org_children(request.user, org) if org else [],
        "can_import": has_perm(request.user, Perm.MANAGE_ORGS),
    }
    return render(request, "orgs/tree.html", context)


@login_required
def search(request):
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    under_code = request.GET.get("under", "").strip()
    under = get_org_for_user(request.user, under_code) if under_code else None
    qs = org_list(request.user, under=under, level=level or None, q=q)
    page = paginate(request, qs)
    template = "orgs/search.html#results" if request.htmx else "orgs/search.html"
    return render(request, template, {"page": page, "q": q, "level": level, "levels": Level.choices, "under": under})


@login_required
def export(request):
    require(request.user, Perm.EXPORT)
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    under_code = request.GET.get("under", "").strip()
    under = get_org_for_user(request.user, under_code) if under_code else None
    qs = org_list(request.user, under=under, level=level if level in Level.values else None, q=q)
    labels = dict(Level.choices)
    rows = (
        (o.code, o.name, str(labels[o.level]), o.parent.code if o.parent else "", o.parent.name if o.parent else "")
        for o in qs.iterator(chunk_size=2000)
    )
    from django.utils.translation import gettext as _

    content = xlsx.export_workbook(
        _("Org units"), [_("Division code"), _("Name"), _("Level"), _("Parent code"), _("Parent")], rows
    )
    audit.record(request.user, "export.orgs", detail={"q": q, "level": level, "under": under_code})
    return xlsx.xlsx_response(content, "组织机构.xlsx")
