"""Times of day the way cadres type them: one parser for forms, the API and imports.

`parse_time_of_day` reads 14:30, 14:30:00, 14.30, 1430, 14点30(分), 14时30分, 下午2点半, full-width
digits, an Excel time (a fraction of a day between 0 and 1) and `datetime.time`. It refuses a time zone
(`Z`, `+08:00`): a lecture's time is the local time where it is held. It refuses a bare number such as
12345 or 1.5, which Excel makes of 14.30 typed into a number cell: the message says to write 14:30.
`parse_time_range` reads 14:30-16:00, 14:30–16:00, 14:30~16:00 and 14:30至16:00 into (start, end).
"""

import datetime
import re
import unicodedata
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ZONE = re.compile(r"(?:[zZ]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)$", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_DOTTED = re.compile(r"(\d{1,2})\.?(\d{2})")  # 14.30, 1430, 930
_CHINESE = re.compile(r"(\d{1,2})[点時时](?:(\d{1,2})分?|(半))?")
_HALF_DAY = {"上午": 0, "早上": 0, "早晨": 0, "凌晨": 0, "中午": 12, "下午": 12, "晚上": 12, "傍晚": 12}
_RANGE = re.compile(r"\s*(?:-|–|—|~|至|到)\s*")


def _example() -> str:
    return _("write it as 14:30")


def _refuse(value) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a time of day (%(example)s).") % {"value": value, "example": _example()}
    )


def _make(hour: int, minute: int, second: int = 0, *, text) -> datetime.time:
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise _refuse(text)
    return datetime.time(hour, minute, second)


def _from_fraction(value: float) -> datetime.time:
    seconds = round(value * 86400)
    if seconds >= 86400:  # 23:59:59.6 rounds to the next day
        seconds = 86399
    return datetime.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def parse_time_of_day(value) -> datetime.time | None:
    """A local time of day, or None for an empty value; ValidationError with a reason otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if type(value) is str:
        return _time_of_text(value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            raise ValidationError(_("Give the local time without a time zone (%(example)s).") % {"example": _example()})
        return value.time().replace(microsecond=0)
    if isinstance(value, datetime.time):
        if value.tzinfo is not None:
            raise ValidationError(_("Give the local time without a time zone (%(example)s).") % {"example": _example()})
        return value.replace(microsecond=0)
    if isinstance(value, datetime.timedelta):  # some readers give a time cell as a duration
        if datetime.timedelta(0) <= value < datetime.timedelta(days=1):
            return _from_fraction(value.total_seconds() / 86400)
        raise _refuse(value)
    if isinstance(value, bool):
        raise _refuse(value)
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time: a fraction of the day
        return _from_fraction(value)
    if isinstance(value, int | float):
        raise ValidationError(
            _("“%(value)s” is a number, not a time of day (%(example)s).") % {"value": value, "example": _example()}
        )
    return _time_of_text(str(value))


@lru_cache(maxsize=1024)
def _time_of_text(value: str) -> datetime.time | None:
    """parse_time_of_day of a text, each read once while it is remembered (a refusal raises, and is not
    remembered: its words follow the language)."""
    text = unicodedata.normalize("NFKC", value).strip()
    compact = re.sub(r"\s+", "", text)
    if _ZONE.search(compact) and re.search(r"\d", compact):
        raise ValidationError(
            _("“%(value)s” has a time zone: give the local time without one (%(example)s).")
            % {"value": text, "example": _example()}
        )
    shift = 0
    for word, hours in _HALF_DAY.items():
        if compact.startswith(word):
            compact, shift = compact[len(word) :], hours
            break
    if m := _CLOCK.fullmatch(compact):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    elif m := _DOTTED.fullmatch(compact):
        hour, minute, second = int(m[1]), int(m[2]), 0
    elif m := _CHINESE.fullmatch(compact):
        hour, minute, second = int(m[1]), 30 if m[3] else int(m[2] or 0), 0
    elif re.fullmatch(r"[\d.]+", compact):
        raise ValidationError(
            _("“%(value)s” is a number, not a time of day (%(example)s).") % {"value": text, "example": _example()}
        )
    else:
        raise _refuse(text)
    if shift and hour < 12:
        hour += shift
    return _make(hour, minute, second, text=text)


def parse_time_range(value) -> tuple[datetime.time | None, datetime.time | None]:
    """(start, end) from a range such as 14:30-16:00; (start, None) from a single time."""
    if not isinstance(value, str):
        return parse_time_of_day(value), None
    return _range_of_text(value)


@lru_cache(maxsize=1024)
def _range_of_text(value: str) -> tuple[datetime.time | None, datetime.time | None]:
    """parse_time_range of a text; the times an import's rows give repeat, and each is read once (a refusal
    raises, and is not remembered: its words follow the language)."""
    text = unicodedata.normalize("NFKC", value).strip()
    parts = _RANGE.split(text)
    if len(parts) == 1 or (len(parts) == 2 and _ZONE.search(text) and not _CLOCK.search(parts[1])):
        return parse_time_of_day(text), None
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ValidationError(
            _("“%(value)s” is not a time or a time range (write it as 14:30 or 14:30-16:00).") % {"value": text}
        )
    start, end = parse_time_of_day(parts[0]), parse_time_of_day(parts[1])
    check_order(start, end)
    return start, end


def check_order(start: datetime.time | None, end: datetime.time | None) -> None:
    if end is not None and start is not None and end <= start:
        raise ValidationError(_("The end time must be after the start time."))


# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")
_DATE_SEP = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value, *, earliest: int = 1900, latest: int = 2100, example: str = "2026-07-15") -> datetime.date:
    """A date as cadres type it, for forms, the API and imports: 2024-03-08, 2024/3/8, 2024.3.8, 20240308,
    2024年3月8日, full-width digits, a date or a date cell (Excel's serial number when the cell is formatted as a
    number). Refused when it is no real date or falls outside `earliest`–`latest`, with `example` in the message."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        day = EXCEL_EPOCH + datetime.timedelta(days=int(value))
    else:
        from jinguo.core.text import normalize_identifier

        text = normalize_identifier(value)
        match = _DATE_CN.match(text) or _DATE_SEP.match(text) or _DATE_DIGITS.match(text)
        if (
            match is None and text.isdigit() and 20000 <= int(text) < 80000  # a serial number read as text (1954–2119)
        ):
            return parse_date(int(text), earliest=earliest, latest=latest, example=example)
        try:
            day = datetime.date(*(int(g) for g in match.groups())) if match else None
        except ValueError:
            day = None
        if day is None:
            raise _not_a_date(value, example)
    if not earliest <= day.year <= latest:
        # A real date outside the years this field takes: say so, not "write it as…".
        raise ValidationError(
            _("%(day)s is outside the years this field takes (%(earliest)s–%(latest)s).")
            % {"day": day.isoformat(), "earliest": earliest, "latest": latest}
        )
    return day


def _not_a_date(value, example: str) -> ValidationError:
    text = str(value).strip()
    if example == "1985-03-08":
        return ValidationError(_("“%(value)s” is not a real date (write it as 1985-03-08).") % {"value": text})
    return ValidationError(_("“%(value)s” is not a real date (write it as 2026-07-15).") % {"value": text})
