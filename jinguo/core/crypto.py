"""Personal data at rest: Fernet encryption and keyed lookup hashes, one key from the environment."""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _derive(info: bytes) -> bytes:
    raw = settings.DATA_KEY
    if not raw:
        raise ImproperlyConfigured(
            "JINGUO_DATA_KEY is not set: personal data cannot be stored. "
            "`make run` writes one to .env; production sets it from a secret store."
        )
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"jinguo", info=info).derive(raw.encode())


@lru_cache(maxsize=4)
def _fernet(key_material: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"encrypt")))


@lru_cache(maxsize=4)
def _hash_key(key_material: str) -> bytes:
    return _derive(b"lookup-hash")


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(settings.DATA_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(settings.DATA_KEY).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured("Personal data cannot be decrypted with the configured JINGUO_DATA_KEY.")


def lookup_hash(kind: str, value: str) -> str:
    """Keyed hash to find a record by an encrypted value without decrypting every row."""
    if not value:
        return ""
    return hmac.new(_hash_key(settings.DATA_KEY), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def mask_id_number(value: str) -> str:
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
