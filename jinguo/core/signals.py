"""Login successes and failures go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from jinguo.core import audit
from jinguo.core.context import client_ip


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record(user, "login", obj=user, ip=client_ip(request) if request else "")
    if request is not None and hasattr(request, "session"):
        # The login saves the session: its idle deadline starts now (core.context.IdleTimeoutMiddleware).
        import time

        request.session["_seen"] = int(time.time())


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(user, "logout", obj=user, ip=client_ip(request) if request else "")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the attempted user name is kept, never the password.
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        None,
        "login",
        object_type="core.user",
        object_id=username,
        outcome="failure",
        detail={"username": username},
        ip=client_ip(request) if request else "",
    )
