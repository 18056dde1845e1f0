"""Submit once: a double click, a resent form or a retried API call creates one record.

Pages: every form that creates or changes something renders `{% submit_once %}` (core.templatetags.jinguo), a
hidden one-time token. API: the caller sends an `Idempotency-Key` header with a POST. `SubmitOnceMiddleware`
claims the token (per user) in the shared cache before the view runs:

- a page whose first send led to a redirect sends the second to the same place, with a note that the form was
  already sent; a first send still being saved sends it to the page it came from;
- an API call whose first send succeeded (2xx) gets the same answer again, with `Idempotent-Replayed: true`; a
  first send still running gets 409;
- a refused send (a form shown again with its errors, a 4xx answer) releases the token, so the corrected form
  or call can be sent with it.

The cache is shared by every app server (database cache or Redis), so this holds across them.
"""

import hashlib
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

FIELD = "submit_token"
HEADER = "Idempotency-Key"
PENDING = "pending"
TTL = 24 * 3600
MAX_KEY = 64  # a token or key longer than this is cut: the cache key stays bounded
MAX_STORED = 256 * 1024  # API answers larger than this are not kept for a replay (the key is still spent)


def new_token() -> str:
    return secrets.token_urlsafe(18)


def _caller(request) -> str | None:
    """Whose keys these are: the logged-in user, or (an API call with a bearer token, authenticated only inside the
    view) a digest of the token, so two callers never share a key."""
    pk = getattr(getattr(request, "user", None), "pk", None)
    if pk:
        return f"u{pk}"
    auth = request.headers.get("Authorization", "")
    if request.path.startswith("/api/") and auth:
        return "t" + hashlib.sha256(auth.encode("utf-8", "replace")).hexdigest()[:32]
    return None


def _key(request) -> str | None:
    caller = _caller(request) if request.method == "POST" else None
    if caller is None:
        return None
    if request.path.startswith("/api/"):
        token, where = request.headers.get(HEADER, ""), "api"
    else:
        token, where = request.POST.get(FIELD, ""), "page"
    token = str(token).strip()[:MAX_KEY]
    if not token:
        return None
    return f"jinguo:submit:{where}:{caller}:{hashlib.sha256(token.encode()).hexdigest()[:32]}"


def _replay(request, stored):
    if request.path.startswith("/api/"):
        if stored == PENDING:
            return JsonResponse(
                {"detail": _("A request with this Idempotency-Key is still being processed.")}, status=409
            )
        response = HttpResponse(stored["body"], status=stored["status"], content_type=stored["type"])
        response["Idempotent-Replayed"] = "true"
        return response
    messages.info(request, _("This form was already sent: it was saved once."))
    if stored == PENDING:
        return HttpResponseRedirect(request.get_full_path())
    return HttpResponseRedirect(stored)


def _stored(request, response):
    """What a repeat gets: the place a page's redirect led to, or the API's answer; None when nothing was done."""
    if request.path.startswith("/api/"):
        if 200 <= response.status_code < 300 and not response.streaming and len(response.content) <= MAX_STORED:
            return {
                "status": response.status_code,
                "type": response.get("Content-Type", "application/json"),
                "body": response.content.decode("utf-8", "replace"),
            }
        return None
    if response.status_code in (301, 302, 303) and response.get("Location"):
        return response["Location"]
    return None


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        if key is None:
            return self.get_response(request)
        if not cache.add(key, PENDING, timeout=TTL):
            return _replay(request, cache.get(key) or PENDING)
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        stored = _stored(request, response)
        if stored is None:
            cache.delete(key)  # refused or shown again: the corrected send may use the same token
        else:
            cache.set(key, stored, timeout=TTL)
        return response
