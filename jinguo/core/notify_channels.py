"""Delivery beyond the inbox: e-mail through Django's backend, and adapters for SMS and WeCom.

Every channel has one interface, `send(user, subject, text)`. Only e-mail is on by default (console in
development, SMTP when configured); SMS and WeCom send nothing until `JINGUO_SMS_URL` / `JINGUO_WECOM_URL`
say where, so no external call is made without configuration. Tests use `MemoryChannel`.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


class Channel:
    name = ""

    def configured(self) -> bool:
        return True

    def send(self, user, subject: str, text: str) -> bool:
        raise NotImplementedError


class EmailChannel(Channel):
    name = "email"

    def send(self, user, subject: str, text: str) -> bool:
        if not user.email:
            return False
        send_mail(subject, text, None, [user.email])
        return True


class MemoryChannel(Channel):
    """Keeps what would have been sent (tests, and the SMS check code of public forms in development)."""

    name = "memory"
    outbox: list[tuple[str, str, str]] = []

    def send(self, user, subject: str, text: str) -> bool:
        MemoryChannel.outbox.append((getattr(user, "username", str(user)), subject, text))
        return True


class _HttpAdapter(Channel):
    setting = ""

    def configured(self) -> bool:
        return bool(getattr(settings, self.setting, ""))

    def send(self, user, subject: str, text: str) -> bool:  # pragma: no cover - needs a gateway
        # A real gateway is reached only when configured; this machine has none, so the adapter logs and stops.
        logger.info("%s adapter configured but no gateway client is installed; message not sent", self.name)
        return False


class SmsChannel(_HttpAdapter):
    name = "sms"
    setting = "JINGUO_SMS_URL"


class WeComChannel(_HttpAdapter):
    name = "wecom"
    setting = "JINGUO_WECOM_URL"


CHANNELS = {c.name: c for c in (EmailChannel, MemoryChannel, SmsChannel, WeComChannel)}


def active_channels() -> list[Channel]:
    names = getattr(settings, "NOTIFY_CHANNELS", ["email"])
    out = [CHANNELS[n]() for n in names if n in CHANNELS]
    return [c for c in out if c.configured()]
