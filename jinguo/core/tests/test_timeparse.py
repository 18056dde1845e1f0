"""Times of day as cadres type them: one parser for forms, the API and imports."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.core.timeparse import parse_time_of_day, parse_time_range

T = datetime.time


@pytest.fixture(autouse=True)
def _english():
    """The assertions read the English messages; the catalogue translates them for users."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "value, expected",
    [
        ("14:30", T(14, 30)),
        ("9:05", T(9, 5)),
        ("14:30:00", T(14, 30)),
        ("14.30", T(14, 30)),
        ("9.05", T(9, 5)),
        ("1430", T(14, 30)),
        ("930", T(9, 30)),
        ("14点30", T(14, 30)),
        ("14点30分", T(14, 30)),
        ("14时30分", T(14, 30)),
        ("14点", T(14, 0)),
        ("14点半", T(14, 30)),
        ("下午2点半", T(14, 30)),
        ("上午9:00", T(9, 0)),
        ("１４：３０", T(14, 30)),
        (" 14 : 30 ", T(14, 30)),
        (0.5, T(12, 0)),
        (0.6041666666666666, T(14, 30)),
        (T(14, 30, 5, 123), T(14, 30, 5)),
        (datetime.datetime(1899, 12, 31, 14, 30), T(14, 30)),
        (datetime.timedelta(hours=14, minutes=30), T(14, 30)),
        (None, None),
        ("", None),
        ("  ", None),
    ],
)
def test_it_reads_the_usual_ways_of_writing_a_time(value, expected):
    assert parse_time_of_day(value) == expected


@pytest.mark.parametrize(
    "value, word",
    [
        ("00:00:00Z", "time zone"),
        ("14:30+08:00", "time zone"),
        ("14:30 UTC", "time zone"),
        (T(14, 30, tzinfo=datetime.UTC), "time zone"),
        (12345, "number"),
        (1.5, "number"),
        (14.3, "number"),
        ("12345", "number"),
        ("1.5", "number"),
        (True, "not a time"),
        ("25:00", "not a time"),
        ("14:60", "not a time"),
        ("14:30:00.5", "not a time"),
        ("afternoon", "not a time"),
    ],
)
def test_it_refuses_zones_numbers_and_nonsense_with_a_reason(value, word):
    with pytest.raises(ValidationError) as e:
        parse_time_of_day(value)
    assert word in e.value.messages[0] and "14:30" in e.value.messages[0]


@pytest.mark.parametrize(
    "text", ["14:30-16:00", "14:30–16:00", "14:30 — 16:00", "14:30~16:00", "14:30至16:00", "14点30到16点"]
)
def test_a_range_gives_the_start_and_the_end(text):
    assert parse_time_range(text) == (T(14, 30), T(16, 0))


def test_a_single_time_is_a_range_without_an_end():
    assert parse_time_range("14:30") == (T(14, 30), None)
    assert parse_time_range(0.5) == (T(12, 0), None)
    assert parse_time_range("") == (None, None)


@pytest.mark.parametrize("text", ["16:00-14:30", "14:30-14:30"])
def test_a_range_must_end_after_it_starts(text):
    with pytest.raises(ValidationError, match="end time must be after"):
        parse_time_range(text)


@pytest.mark.parametrize("text", ["14:30+08:00", "00:00:00Z", "14:30-0800", "14:30-"])
def test_a_zone_is_not_mistaken_for_a_range(text):
    with pytest.raises(ValidationError):
        parse_time_range(text)


def test_a_text_read_again_gives_the_same_time_and_a_refusal_follows_the_language():
    """Texts are remembered once read (an import's rows repeat their times); a refusal is not remembered, so its
    words are those of the language asked for each time."""
    assert parse_time_range("09:15-10:45") == parse_time_range("09:15-10:45") == (T(9, 15), T(10, 45))
    assert parse_time_of_day("9点15") is parse_time_of_day("9点15")
    with translation.override("en"), pytest.raises(ValidationError) as english:
        parse_time_of_day("afternoon tea")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as chinese:
        parse_time_of_day("afternoon tea")
    assert english.value.messages != chinese.value.messages
