"""Login-time security: password expiry, the second factor for admins and reviewers, no superuser logins.

`SecurityGateMiddleware` runs after authentication and django-otp's middleware. For a logged-in user it
sends them, on every page, to change an expired password and — when they hold a role that needs it —
to set up or enter their TOTP code. Only the pages that do that (and log out) stay reachable.
"""

import datetime

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from jinguo.core.roles import OTP_ROLES, TOKEN_ROLES
from jinguo.core.scope import roles

# The help page too: a user stuck at the second-factor step reads there whom to ask.
OPEN_PREFIXES = ("/static/", "/i18n/", "/api/", "/checkin/", "/public/", "/help/")


def needs_otp(user) -> bool:
    return bool(roles(user) & OTP_ROLES)


def may_hold_api_token(user) -> bool:
    """An active user holding a role in `TOKEN_ROLES` and none that needs the second factor.

    Checked when a token is issued and on every use, so a token dies with the role that allowed it.
    """
    held = roles(user)
    return user.is_active and bool(held & TOKEN_ROLES) and not (held & OTP_ROLES)


def password_expired(user) -> bool:
    if getattr(user, "password_must_change", False):
        return True
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if not max_age or user.password_changed_at is None:
        return False
    return timezone.now() - user.password_changed_at > datetime.timedelta(days=max_age)


class SecurityGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            allowed = {reverse("logout"), reverse("core:password_change"), reverse("core:otp")}
            if request.path not in allowed:
                if password_expired(user):
                    return redirect(f"{reverse('core:password_change')}?expired=1")
                if needs_otp(user) and not user.is_verified():
                    return redirect(f"{reverse('core:otp')}?next={request.get_full_path()}")
        return self.get_response(request)


class NoSuperuserBackend(ModelBackend):
    """Django's model backend, except that a superuser can never log in to the platform.

    Administration happens through the three administrator roles; a superuser flag is a back door.
    """

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not user.is_superuser
