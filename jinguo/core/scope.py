"""The one scoping function: a user's memberships → the org paths they may act on.

A membership reaches its unit and everything below (本级及下级). Paths nest as prefixes
(15 → 1506 → 150602 → …), so a subtree is one indexed `startswith` match.
"""

from collections.abc import Collection, Iterable, Iterator

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jinguo.core.actors import is_system
from jinguo.core.paths import ancestor_paths
from jinguo.core.roles import ROLE_PERMS, Perm


def _memberships(user) -> list[tuple[str, str]]:
    if user is None:  # never an actor: it may do nothing (see jinguo.core.actors)
        return []
    cached = getattr(user, "_jinguo_memberships", None)
    if cached is None:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            cached = []
        else:
            cached = list(user.memberships.values_list("role", "org__path"))
        user._jinguo_memberships = cached
    return cached


def forget(user) -> None:
    """Drop the cached memberships after they change."""
    if hasattr(user, "_jinguo_memberships"):
        del user._jinguo_memberships


def roles(user) -> set[str]:
    return {role for role, _ in _memberships(user)}


def has_perm(user, perm: str) -> bool:
    if is_system(user):
        return True
    return any(perm in ROLE_PERMS.get(role, ()) for role, _ in _memberships(user))


def scope_paths(user, perm: str = Perm.READ) -> list[str]:
    """The minimal set of path prefixes where `user` holds `perm` (the whole tree, "", for SYSTEM)."""
    if is_system(user):
        return [""]
    paths = sorted({path for role, path in _memberships(user) if perm in ROLE_PERMS.get(role, ())})
    minimal: list[str] = []
    for path in paths:  # sorted, so an ancestor comes before its descendants
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def in_scope(user, path: str, perm: str = Perm.READ) -> bool:
    return any(path.startswith(prefix) for prefix in scope_paths(user, perm))


def scope_q(user, perm: str = Perm.READ, field: str = "org_path") -> Q | None:
    paths = scope_paths(user, perm)
    if not paths:
        return None
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def scoped(qs: QuerySet, user, perm: str = Perm.READ, field: str = "org_path") -> QuerySet:
    q = scope_q(user, perm, field)
    return qs.none() if q is None else qs.filter(q)


def get_for_user(
    qs: QuerySet,
    user,
    pk,
    *,
    write: bool = False,
    field: str = "org_path",
    perm: str = Perm.READ,
    lineage: bool = False,
    key: str = "pk",
):
    """404 when the user may not see the object, 403 when they may see but not change it.

    `perm` is what "see" means here: READ for business records, MANAGE_USERS for granting roles.
    `lineage` also lets the user see records of the units above theirs (themes, lecture teams).
    `key` is the unique field `pk` is a value of (a unit's `code`).
    """
    try:
        obj = (scoped_with_lineage if lineage else scoped)(qs, user, perm, field).get(**{key: pk})
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404
    if write:
        path = obj
        for part in field.split("__"):
            path = getattr(path, part)
        if not in_scope(user, path, Perm.WRITE):
            raise PermissionDenied
    return obj


def require_write(actor, path: str, message: str = "") -> None:
    """Raise PermissionDenied (with `message`) unless `actor` may write at `path`. SYSTEM may; None never."""
    if not in_scope(actor, path, Perm.WRITE):
        raise PermissionDenied(*([message] if message else []))


def writable(actor, objs: Iterable, paths: Collection[str] | None = None, message: str = "") -> Iterator:
    """A bulk write's records (each with `org_path`), checked: `actor` may write at each of `paths` (the units
    they are written in, named beforehand, so that a generator's records can be stored as they are built; taken
    from the records when None), checked at once; then the records as they come, one of any other unit refused.
    Either refusal is PermissionDenied with `message`."""
    if paths is None:
        objs = objs if isinstance(objs, list) else list(objs)
        paths = {o.org_path for o in objs}
    wanted = set(paths)
    for path in wanted:
        require_write(actor, path, message)

    def checked():
        for o in objs:
            if o.org_path not in wanted:
                raise PermissionDenied(*([message] if message else []))
            yield o

    return checked()


def require(user, perm: str, path: str | None = None) -> None:
    """Raise PermissionDenied unless `user` holds `perm` (at `path`, when given)."""
    ok = in_scope(user, path, perm) if path is not None else has_perm(user, perm)
    if not ok:
        raise PermissionDenied


def lineage_paths(user, perm: str = Perm.READ) -> list[str]:
    """The strict ancestors of the user's scope paths (15 and 1506 for a cadre of 150602)."""
    return sorted({a for p in scope_paths(user, perm) for a in ancestor_paths(p)})


def scoped_with_lineage(qs: QuerySet, user, perm: str = Perm.READ, field: str = "org_path") -> QuerySet:
    """Like `scoped`, plus records of the units above the user's (a county reads the region's themes)."""
    q = scope_q(user, perm, field)
    if q is None:
        return qs.none()
    above = lineage_paths(user, perm)
    if above:
        q |= Q(**{f"{field}__in": above})
    return qs.filter(q)
