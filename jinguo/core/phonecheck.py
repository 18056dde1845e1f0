"""Check codes sent to a phone: a public form proves that whoever fills it holds the number.

`send_code(phone, purpose=…, ip=…)` makes a 6-digit code, keeps only its keyed hash in the shared cache for
CODE_TTL seconds and sends it through the SMS adapter (`core.notify_channels.send_sms`: console by default,
memory in tests). Sending is rate-limited per address and per number. `verify(phone, code, purpose=…)` accepts
the code once; after MAX_TRIES wrong codes the code is void and a new one must be sent. The number is
normalised (NFKC, ASCII digits) before it is checked or hashed, and never stored in clear.
"""

import hmac
import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core import crypto, ratelimit
from jinguo.core.notify_channels import send_sms
from jinguo.core.text import normalize_identifier

CODE_TTL = 600  # seconds a code stays valid
MAX_TRIES = 5  # wrong codes before it is void
SENDS_PER_PHONE = 3  # codes to one number …
SENDS_PER_ADDRESS = 10  # … and from one address …
SEND_WINDOW = 3600  # … per hour


class TooManyCodes(Exception):
    """Too many codes asked for: the caller answers 429."""


def normalize_phone(phone) -> str:
    """`13８ 0000-001１` → `13800000011`; ValidationError when it is not a mainland mobile number."""
    value = normalize_identifier(phone).replace("-", "").replace(" ", "")
    if not (len(value) == 11 and value.isdigit() and value[0] == "1" and value[1] in "3456789"):
        raise ValidationError({"phone": [_("A mobile number has 11 digits and starts with 13–19.")]})
    return value


def _key(purpose: str, phone: str) -> str:
    return f"jinguo:phonecheck:{purpose}:{crypto.lookup_hash('phonecheck', phone)}"


def _digest(code: str) -> str:
    return crypto.lookup_hash("phonecheck-code", code)


def send_code(phone, *, purpose: str, ip: str, text: str = "") -> str:
    """Send a fresh code to `phone`; returns the normalised number. `text` may hold `{code}`."""
    phone = normalize_phone(phone)
    if not ratelimit.hit(f"phonecheck-ip:{ip}", limit=SENDS_PER_ADDRESS, window=SEND_WINDOW):
        raise TooManyCodes(_("Too many codes were asked for from this address: try again later."))
    if not ratelimit.hit(
        f"phonecheck-phone:{crypto.lookup_hash('phonecheck', phone)}", limit=SENDS_PER_PHONE, window=SEND_WINDOW
    ):
        raise TooManyCodes(_("Too many codes were sent to this number: try again later."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    cache.set(_key(purpose, phone), {"digest": _digest(code), "tries": 0}, timeout=CODE_TTL)
    message = (text or _("Your check code is {code}. It is valid for 10 minutes.")).replace("{code}", code)
    send_sms(phone, message)
    return phone


def verify(phone, code, *, purpose: str) -> str:
    """The normalised number when `code` is the one sent to it for `purpose` (used up then); else
    ValidationError on `code`."""
    phone = normalize_phone(phone)
    code = normalize_identifier(code)
    key = _key(purpose, phone)
    held = cache.get(key)
    if not held:
        raise ValidationError({"code": [_("Send a check code to this number first (a code is valid 10 minutes).")]})
    if held["tries"] >= MAX_TRIES:
        cache.delete(key)
        raise ValidationError({"code": [_("Too many wrong codes: send a new one.")]})
    if not (code.isdigit() and hmac.compare_digest(held["digest"], _digest(code))):
        held["tries"] += 1
        cache.set(key, held, timeout=CODE_TTL)
        raise ValidationError({"code": [_("The check code is not right.")]})
    cache.delete(key)
    return phone
