"""Reads of the org tree, scoped to the acting user (field `path`), and of who holds which role where."""

import re

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jinguo.core.models import Membership
from jinguo.core.roles import Perm
from jinguo.core.scope import get_for_user, scope_paths, scoped
from jinguo.core.text import normalize_identifier
from jinguo.orgs.models import OrgUnit

_INITIALS = re.compile(r"^[a-zA-Z]+$")


def org_units(user, *, perm: str = Perm.SEE_TREE) -> QuerySet[OrgUnit]:
    return scoped(OrgUnit.objects.all(), user, perm, field="path")


def org_roots(user) -> list[OrgUnit]:
    """The top units of the user's scope (their membership units, ancestors removed)."""
    return list(OrgUnit.objects.filter(path__in=scope_paths(user, Perm.SEE_TREE)).order_by("path"))


def default_unit_code(user) -> str:
    """The unit a new record's form starts on: the user's own when they hold one unit, else none chosen."""
    roots = org_roots(user)
    return roots[0].code if len(roots) == 1 else ""


def unit_asked(request, key: str = "code") -> OrgUnit | None:
    """The unit a page is about: `?code=` (404 for an unknown unit and one outside the user's alike), else the
    user's first unit (an org, not a form's starting code: default_unit_code leaves a user of several units to
    choose); None for a user who holds no unit."""
    code = request.GET.get(key, "").strip()
    if code:
        return get_org_for_user(request.user, code)
    roots = org_roots(request.user)
    return roots[0] if roots else None


def get_org_for_user(user, code: str, *, write: bool = False, perm: str = Perm.READ) -> OrgUnit:
    qs = OrgUnit.objects.select_related("parent")
    return get_for_user(qs, user, code, write=write, field="path", perm=perm, key="code")


def resolve_org(user, code, *, field: str = "org_code", perm: str = Perm.READ) -> OrgUnit:
    """The unit a form names by code, for `user`; ValidationError on `field` with one answer for an unknown code
    and for a unit outside the user's (the form's twin of get_org_for_user, which answers 404)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        return get_org_for_user(user, normalize_identifier(code), perm=perm)
    except Http404:
        raise ValidationError({field: [_("There is no unit with that code among your units.")]})


def org_list(
    user, *, under: OrgUnit | None = None, level: str | None = None, q: str = "", perm: str = Perm.SEE_TREE
) -> QuerySet[OrgUnit]:
    qs = org_units(user, perm=perm).select_related("parent")
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    if level:
        qs = qs.filter(level=level)
    q = (q or "").strip()
    if q:
        qs = qs.filter(org_search(q))
    return qs.order_by("path")


def org_search(q: str) -> Q:
    """A code matches from its start, pinyin initials (eeds) from theirs, anything else within the name."""
    q = q.strip()
    if q.isdigit():
        return Q(code__startswith=q)
    if _INITIALS.match(q):
        return Q(pinyin__startswith=q.lower())
    return Q(name__contains=q)


def org_children(user, org: OrgUnit) -> QuerySet[OrgUnit]:
    """Children of an org the user can see, each with its own child count (one query)."""
    return org_units(user).filter(parent=org).annotate(n_children=Count("children")).order_by("path")


def org_ancestors(org: OrgUnit) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(path__in=org.ancestor_paths()).order_by("path"))


def subtree_counts(org: OrgUnit) -> dict[str, int]:
    rows = OrgUnit.objects.filter(path__startswith=org.path).exclude(pk=org.pk).values("level").annotate(n=Count("pk"))
    return {r["level"]: r["n"] for r in rows}


# --- roles held in the units -------------------------------------------------------------------------


def membership_list(user, *, q: str = "") -> QuerySet[Membership]:
    """The roles held in the units where `user` manages users, a user name matching `q` in part."""
    qs = scoped(Membership.objects.select_related("user", "org"), user, Perm.MANAGE_USERS, field="org__path")
    q = (q or "").strip()
    if q:
        qs = qs.filter(user__username__icontains=q)
    return qs.order_by("org__path", "user__username")


def get_membership_for_user(user, pk) -> Membership:
    return get_for_user(
        Membership.objects.select_related("user", "org"), user, pk, field="org__path", perm=Perm.MANAGE_USERS
    )


def unit_labels(units: list[OrgUnit]) -> list[dict]:
    """Each unit with its full name down from the league ("鄂尔多斯市 › 东胜区 › 漫赖村") and whether it has units
    below: two queries for the whole list."""
    from jinguo.core.paths import ancestor_paths as ancestors

    paths = {a for u in units for a in ancestors(u.path)}
    names = dict(OrgUnit.objects.filter(path__in=paths).values_list("path", "name"))
    parents = set(OrgUnit.objects.filter(parent__in=units).values_list("parent_id", flat=True))
    out = []
    for u in units:
        chain = [names[a] for a in ancestors(u.path) if a in names and len(a) > 2] + [u.name]
        out.append({"code": u.code, "name": u.name, "label": " › ".join(chain), "has_children": u.pk in parents})
    return out
