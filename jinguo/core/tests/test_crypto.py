"""Personal data at rest: AES-GCM tokens, Fernet tokens written before still read, tampering refused."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from jinguo.core import crypto


def test_round_trip_in_the_v2_format_with_a_fresh_nonce_each_time():
    a, b = crypto.encrypt("150602199001011234"), crypto.encrypt("150602199001011234")
    assert a.startswith("v2:") and b.startswith("v2:") and a != b
    assert "1506021990" not in a
    assert crypto.decrypt(a) == crypto.decrypt(b) == "150602199001011234"
    assert crypto.encrypt("") == "" and crypto.decrypt("") == ""


def test_values_written_as_fernet_tokens_still_decrypt():
    old = crypto._fernet(settings.DATA_KEY).encrypt(b"13900001111").decode()
    assert old.startswith("gAAAA")
    assert crypto.decrypt(old) == "13900001111"


@pytest.mark.parametrize(
    "spoil", [lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), lambda t: t[:20], lambda t: "v2:@@"]
)
def test_a_tampered_or_damaged_token_is_refused(spoil):
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(spoil(crypto.encrypt("13900001111")))


def test_lookup_hash_is_keyed_and_stable():
    assert crypto.lookup_hash("phone", "13900001111") == crypto.lookup_hash("phone", "13900001111")
    assert crypto.lookup_hash("phone", "13900001111") != crypto.lookup_hash("id", "13900001111")
    assert len(crypto.lookup_hash("phone", "1")) == 64 and crypto.lookup_hash("phone", "") == ""
