"""Plans the database would not find alone, chosen by the selector that needs them (never by `core.scope`).

SQLite keeps no statistics of how many rows a path prefix holds; a selector whose list reads a large part of the
table for a broad scope asks here for its scope to be written so that SQLite plans it well.
"""

from django.db.models import Q, QuerySet

from jinguo.core.roles import Perm
from jinguo.core.scope import scope_paths, scoped


def scoped_broad(qs: QuerySet, user, *, up_to: int, perm: str = Perm.READ, field: str = "org_path") -> QuerySet:
    """`scoped`, with SQLite's planner steered away from the path index when every path of the scope is at most
    `up_to` characters long (a region: 2, a league: 4).

    Such a prefix holds much of the table, and SQLite, which keeps no statistics of how much, walks the path index
    and looks up every row of it, where another index (the list's order) or a plain scan of the table stops sooner.
    For those scopes the prefix test is written so that no index can serve it (`substr(path) = prefix`). A list
    chooses `up_to` by its plans (docs/benchmarks-notes.md); PostgreSQL, with its statistics, and narrower scopes
    keep the indexed prefix match."""
    from django.db import connection
    from django.db.models.functions import Substr

    paths = scope_paths(user, perm)
    if connection.vendor != "sqlite" or not paths or "" in paths or max(len(p) for p in paths) > up_to:
        return scoped(qs, user, perm, field)
    q = Q()
    for p in paths:
        q |= Q(**{f"_scope{len(p)}": p})
    return qs.annotate(**{f"_scope{n}": Substr(field, 1, n) for n in {len(p) for p in paths}}).filter(q)
