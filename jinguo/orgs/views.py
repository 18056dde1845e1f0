"""Pages of the org tree, the users and roles of its units, and the tree's cards on the home page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jinguo.core.lists import export_view, page_view
from jinguo.core.models import User
from jinguo.core.roles import Perm, Role
from jinguo.core.scope import has_perm, require, scope_paths
from jinguo.core.services import (
    account_reset_otp,
    account_reset_password,
    account_set_active,
    account_unlock,
    membership_grant,
    membership_revoke,
    user_create,
)
from jinguo.core.text import normalize_identifier
from jinguo.core.views import paginate
from jinguo.orgs.lists import ORGS
from jinguo.orgs.selectors import (
    get_membership_for_user,
    get_org_for_user,
    membership_list,
    org_ancestors,
    org_children,
    org_list,
    org_roots,
    subtree_counts,
    unit_labels,
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
        org = get_org_for_user(request.user, code, perm=Perm.SEE_TREE)
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
        "can_accounts": has_perm(request.user, Perm.MANAGE_ACCOUNTS),
        "account_actions": [
            ("unlock", _("Unlock")),
            ("reset-password", _("Reset the password")),
            ("reset-otp", _("Reset the second factor")),
            ("deactivate", _("Deactivate")),
            ("activate", _("Activate again")),
        ],
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


ACCOUNT_ACTIONS = {
    "unlock": (account_unlock, gettext_lazy("The account is unlocked.")),
    "reset-otp": (
        account_reset_otp,
        gettext_lazy("The second factor is reset: the user sets up a new one at the next login."),
    ),
}


@login_required
@require_POST
def account_action(request, pk, action):
    """The security administrator's tools on the account of a membership's user; each audited by its service."""
    user = get_membership_for_user(request.user, pk).user
    try:
        if action == "reset-password":
            temporary = account_reset_password(actor=request.user, user=user)
            messages.warning(
                request,
                _("One-time password for %(user)s: %(password)s — hand it over in person; it must be changed at login.")
                % {"user": user.username, "password": temporary},
            )
        elif action in ("deactivate", "activate"):
            account_set_active(actor=request.user, user=user, active=action == "activate")
            messages.success(
                request, _("The account is active again.") if action == "activate" else _("The account is deactivated.")
            )
        elif action in ACCOUNT_ACTIONS:
            fn, done = ACCOUNT_ACTIONS[action]
            fn(actor=request.user, user=user)
            messages.success(request, done)
        else:
            raise Http404
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    return redirect("orgs:users")


@login_required
def unit_pick(request):
    """The unit picker's options: units in the user's scope found by name, initials or code, or a unit's children."""
    perm = Perm.WRITE if request.GET.get("perm") == "write" else Perm.SEE_TREE
    q = next((v for k, v in request.GET.items() if k.endswith("__q") or k == "q"), "").strip()[:40]
    parent_code = request.GET.get("parent", "").strip()[:12]
    if parent_code:
        parent = get_org_for_user(request.user, parent_code, perm=Perm.SEE_TREE)
        units = list(org_children(request.user, parent)[:50])
    elif q:
        units = list(org_list(request.user, q=normalize_identifier(q) if q.isascii() else q, perm=perm)[:20])
    else:
        units = org_roots(request.user)
    return render(
        request,
        "orgs/widgets/unit_options.html",
        {
            "units": unit_labels(units),
            "q": q,
            "perm": "write" if perm == Perm.WRITE else "read",
            "pick_url": request.path,
        },
    )
