"""Submit once: a create form carries a one-time token, so a double click or a resent form creates one record.

The form renders `submit_token` (a fresh random value); `claim(request)` marks the token taken in the shared cache
before the record is written. A second submit of the same token finds it: it is sent to the record the first one
created (or told the first is still being saved). A refused submit `release`s the token, so the corrected form can
be sent again. The cache is shared by every app server (database cache or Redis), so this holds across them.
"""

import secrets

from django.core.cache import cache

FIELD = "submit_token"
PENDING = "pending"
TTL = 24 * 3600


def new_token() -> str:
    return secrets.token_urlsafe(18)


def _key(request) -> str | None:
    token = str(request.POST.get(FIELD, ""))[:40]
    if not token or not getattr(request.user, "pk", None):
        return None
    return f"jinguo:submit:{request.user.pk}:{token}"


def claim(request) -> str | None:
    """None when this submit may go ahead; otherwise where the first submit of the same form led (or PENDING)."""
    key = _key(request)
    if key is None or cache.add(key, PENDING, timeout=TTL):
        return None
    return cache.get(key) or PENDING


def complete(request, url: str) -> None:
    key = _key(request)
    if key is not None:
        cache.set(key, url, timeout=TTL)


def release(request) -> None:
    key = _key(request)
    if key is not None and cache.get(key) == PENDING:
        cache.delete(key)
