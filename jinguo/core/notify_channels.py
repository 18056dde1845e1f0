"""Delivery beyond the inbox: e-mail through Django's backend, and adapters for SMS and WeCom.

Every channel has one interface, `send(user, subject, text)`. Only e-mail is on by default (console in
development, SMTP when configured); SMS and WeCom send nothing until `JINGUO_SMS_URL` / `JINGUO_WECOM_URL`
say where, so no external call is made without configuration. Tests use `MemoryChannel`.

A text to a phone number that belongs to no user (the check code of a public form) goes through the SMS
adapter named by `JINGUO_SMS_BACKEND`: `console` by default (the text printed on the server's standard output
with the number masked, never logged), `memory` in tests (`MemorySms.outbox`), `gateway` once `JINGUO_SMS_URL`
says where.
"""

import logging
import sys

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


# --- SMS to a phone number ----------------------------------------------------------------------------------


class SmsAdapter:
    name = ""

    def send_sms(self, phone: str, text: str) -> bool:
        raise NotImplementedError


class ConsoleSms(SmsAdapter):
    """Development: print the text with the number masked on standard output (not the log, which must hold no
    personal data), so whoever runs the server reads the code."""

    name = "console"

    def send_sms(self, phone: str, text: str) -> bool:
        from jinguo.core.crypto import mask_phone

        sys.stdout.write(f"[SMS to {mask_phone(phone)}] {text}\n")
        sys.stdout.flush()
        return True


class MemorySms(SmsAdapter):
    """Tests: keep (phone, text) in `outbox`."""

    name = "memory"
    outbox: list[tuple[str, str]] = []

    def send_sms(self, phone: str, text: str) -> bool:
        MemorySms.outbox.append((phone, text))
        return True


class GatewaySms(SmsAdapter):
    """A real SMS gateway at JINGUO_SMS_URL; none is reachable from this machine, so it sends nothing yet."""

    name = "gateway"

    def send_sms(self, phone: str, text: str) -> bool:  # pragma: no cover - needs a gateway
        if not getattr(settings, "JINGUO_SMS_URL", ""):
            logger.warning("SMS gateway chosen but JINGUO_SMS_URL is not set; message not sent")
            return False
        logger.info("SMS gateway configured but no gateway client is installed; message not sent")
        return False


SMS_ADAPTERS = {a.name: a for a in (ConsoleSms, MemorySms, GatewaySms)}


def sms_adapter() -> SmsAdapter:
    name = getattr(settings, "SMS_BACKEND", "console")
    if name not in SMS_ADAPTERS:
        raise ValueError(f"JINGUO_SMS_BACKEND={name!r} is none of {', '.join(SMS_ADAPTERS)}")
    return SMS_ADAPTERS[name]()


def send_sms(phone: str, text: str) -> bool:
    """Send `text` to the mobile number `phone` through the configured adapter; True when it went out."""
    return sms_adapter().send_sms(phone, text)
