"""Who may call the API: a bearer token, or the browser session — each through the same gate as the pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from jinguo.core.models import ApiToken
from jinguo.core.security import may_hold_api_token, needs_otp, password_expired
from jinguo.core.services import token_hash


class BearerToken(HttpBearer):
    """`Authorization: Bearer jg_…` — tokens from `jinguo api-token USERNAME`.

    A known token is refused (401 with the reason) once its user is inactive, no longer holds a role that
    allows tokens, or has an expired password.
    """

    def authenticate(self, request, token: str):
        if not token.startswith("jg_"):
            return None
        row = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token)).first()
        if row is None:
            return None
        if not may_hold_api_token(row.user):
            raise AuthenticationError(message=_("This token's user may no longer use API tokens."))
        if password_expired(row.user):
            raise AuthenticationError(message=_("Your password has expired: change it on the web pages first."))
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class SessionAuth(NinjaSessionAuth):
    """Django's session, refused (401 with the reason) where `SecurityGateMiddleware` would stop a page:
    an expired password, or a role that needs the second factor without it in this session.

    CSRF is checked for unsafe methods, as ninja's `django_auth` does. The class keeps ninja's name, which is
    the security scheme's name in the OpenAPI document.
    """

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if password_expired(user):
            raise AuthenticationError(message=_("Your password has expired: change it on the web pages first."))
        if needs_otp(user) and not user.is_verified():
            raise AuthenticationError(
                message=_("Your role needs the second factor: enter your code on the web pages first.")
            )
        return user
