"""Check codes to a phone: sent through the SMS adapter (memory in tests, console by default), accepted once,
void after too many wrong tries, rate-limited per number and per address; the number is never kept in clear."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from jinguo.core import phonecheck
from jinguo.core.notify_channels import ConsoleSms, MemorySms, sms_adapter


@pytest.fixture(autouse=True)
def _clean(db):
    cache.clear()
    MemorySms.outbox.clear()
    yield
    cache.clear()


def _code() -> str:
    return re.search(r"(?<!\d)\d{6}(?!\d)", MemorySms.outbox[-1][1])[0]


def test_a_code_goes_through_the_sms_adapter_and_is_accepted_once():
    phone = phonecheck.send_code("139 1234-５６７８", purpose="t", ip="1.1.1.1")
    assert phone == "13912345678" and MemorySms.outbox[-1][0] == "13912345678"
    code = _code()
    assert phonecheck.verify("13912345678", code, purpose="t") == "13912345678"
    with pytest.raises(ValidationError):
        phonecheck.verify("13912345678", code, purpose="t")  # used up


def test_a_code_is_for_its_purpose_and_number_only():
    phonecheck.send_code("13912345678", purpose="a", ip="1.1.1.1")
    code = _code()
    for phone, purpose in (("13912345678", "b"), ("13912345679", "a")):
        with pytest.raises(ValidationError):
            phonecheck.verify(phone, code, purpose=purpose)


def test_wrong_codes_void_the_code():
    phonecheck.send_code("13912345678", purpose="t", ip="1.1.1.1")
    code = _code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(phonecheck.MAX_TRIES):
        with pytest.raises(ValidationError):
            phonecheck.verify("13912345678", wrong, purpose="t")
    with pytest.raises(ValidationError):
        phonecheck.verify("13912345678", code, purpose="t")


def test_sending_is_rate_limited_per_number_and_per_address():
    for _ in range(phonecheck.SENDS_PER_PHONE):
        phonecheck.send_code("13912345678", purpose="t", ip="1.1.1.1")
    with pytest.raises(phonecheck.TooManyCodes):
        phonecheck.send_code("13912345678", purpose="t", ip="2.2.2.2")
    cache.clear()
    for i in range(phonecheck.SENDS_PER_ADDRESS):
        phonecheck.send_code(f"139123456{i:02d}", purpose="t", ip="3.3.3.3")
    with pytest.raises(phonecheck.TooManyCodes):
        phonecheck.send_code("13812345678", purpose="t", ip="3.3.3.3")


def test_a_number_that_is_not_a_mobile_number_is_refused():
    with pytest.raises(ValidationError):
        phonecheck.send_code("12345", purpose="t", ip="1.1.1.1")
    assert MemorySms.outbox == []


def test_the_default_adapter_prints_the_text_with_the_number_masked(settings, capsys):
    settings.SMS_BACKEND = "console"
    assert isinstance(sms_adapter(), ConsoleSms)
    sms_adapter().send_sms("13912345678", "code 123456")
    out = capsys.readouterr().out
    assert "139****5678" in out and "13912345678" not in out and "123456" in out


def test_the_code_and_number_are_not_kept_in_clear(settings):
    from jinguo.core import crypto

    phonecheck.send_code("13912345678", purpose="t", ip="1.1.1.1")
    held = cache.get(f"jinguo:phonecheck:t:{crypto.lookup_hash('phonecheck', '13912345678')}")
    assert held is not None and _code() not in str(held) and "13912345678" not in str(held)
