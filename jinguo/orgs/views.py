"""Pages of the org tree, the users and roles of its units, and the tree's cards on the home page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.lists import export_view, page_view
from jinguo.core.models import User
from jinguo.core.roles import Perm, Role
from jinguo.core.scope import has_perm, require, scope_paths
from jinguo.core.services import membership_grant, membership_revoke, user_create
from jinguo.core.views import paginate
from jinguo.orgs.lists import ORGS
from jinguo.orgs.selectors import (
    get_membership_for_user,
    get_org_for_user,
    membership_list,
    org_ancestors,
    org_children,
    org_roots,
    subtree_counts,
)


def home_cards(request) -> str:
    """The home page's cards of the tree: the user's unit and how many units of each level lie below it."""
    roots = org_roots(request.user)
    if not roots:
        return ""
    context = {"root": roots[0], "counts": subtree_counts(roots[0])}
    return render_to_string("orgs/home_cards.html", context, request=request)


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


search = page_view(ORGS)
export = export_view(ORGS)


# --- users and roles ------------------------------------------------------------------------------


@login_required
def users(request):
    require(request.user, Perm.MANAGE_USERS)
    q = request.GET.get("q", "").strip()
    page = paginate(request, membership_list(request.user, q=q))
    context = {
        "page": page,
        "q": q,
        "roles": Role.choices,
        "paths": scope_paths(request.user, Perm.MANAGE_USERS),
        "form_data": request.POST or {},
    }
    return render(request, "orgs/users.html", context)


@login_required
@require_POST
def user_add(request):
    require(request.user, Perm.MANAGE_USERS)
    data = request.POST
    try:
        org = get_org_for_user(request.user, data.get("org_code", "").strip(), perm=Perm.MANAGE_USERS)
        user = User.objects.filter(username=data.get("username", "").strip()).first()
        if user is None:
            if not data.get("password"):
                raise ValidationError({"password": [_("A new user needs a first password.")]})
            user = user_create(
                actor=request.user,
                username=data.get("username", ""),
                password=data.get("password", ""),
                display_name=data.get("display_name", ""),
            )
        membership_grant(actor=request.user, user=user, org=org, role=data.get("role", ""))
    except Http404:
        messages.error(request, _("There is no unit with that code among your units."))
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Role granted."))
    return redirect("orgs:users")


@login_required
@require_POST
def membership_remove(request, pk):
    membership_revoke(actor=request.user, membership=get_membership_for_user(request.user, pk))
    messages.success(request, _("Role revoked."))
    return redirect("orgs:users")
