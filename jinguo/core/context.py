"""The current request's client address, for audit rows written deep inside services."""

from contextvars import ContextVar

current_ip: ContextVar[str] = ContextVar("current_ip", default="")


def client_ip(request) -> str:
    # Behind a trusted reverse proxy set JINGUO_TRUST_X_FORWARDED_FOR; REMOTE_ADDR otherwise.
    from django.conf import settings

    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class LanguageMiddleware:
    """zh-Hans unless the user chose another language (the language switch sets a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the platform speaks
    Chinese to every cadre by default, whatever the office computer's browser was set up with.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        codes = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


SESSION_REFRESH_SECONDS = 60  # how often a busy session's idle deadline moves forward


class IdleTimeoutMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE after the last request) without a database write on every request:
    a session's deadline, and its cookie's, move forward at most once a minute, so reading pages writes nothing
    most of the time and SQLite's one writer is not taken by every GET. Runs inside SessionMiddleware, which saves
    the session (with a new expiry) when this marks it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.modified and session.get("_auth_user_id"):
            now = int(time.time())
            if now - session.get("_seen", 0) >= SESSION_REFRESH_SECONDS:
                session["_seen"] = now
        return response
