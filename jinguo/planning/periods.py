"""Reporting periods: a year (2026), a quarter (2026Q3) or a month (2026-07)."""

import calendar
import contextlib
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    kind: str  # "year", "quarter" or "month"
    year: int
    number: int = 0  # the quarter (1–4) or the month (1–12); 0 for a year
    start: datetime.date = datetime.date.min
    end: datetime.date = datetime.date.max  # inclusive

    @property
    def code(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}Q{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    def __str__(self) -> str:
        return self.code

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def year_period(year: int) -> Period:
    return Period("year", year, 0, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    last = first + 2
    return Period(
        "quarter",
        year,
        quarter,
        datetime.date(year, first, 1),
        datetime.date(year, last, calendar.monthrange(year, last)[1]),
    )


def month_period(year: int, month: int) -> Period:
    return Period(
        "month",
        year,
        month,
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def parse_period(text: str) -> Period:
    """`2026`, `2026Q3` (or `2026-Q3`) or `2026-07`; anything else is a ValidationError."""
    text = (text or "").strip()
    m = _YEAR.match(text)
    if m and 2000 <= int(m[1]) <= 2100:
        return year_period(int(m[1]))
    m = _QUARTER.match(text)
    if m and 2000 <= int(m[1]) <= 2100:
        return quarter_period(int(m[1]), int(m[2]))
    m = _MONTH.match(text)
    if m and 2000 <= int(m[1]) <= 2100 and 1 <= int(m[2]) <= 12:
        return month_period(int(m[1]), int(m[2]))
    raise ValidationError(
        _("“%(value)s” is not a period: write a year (2026), a quarter (2026Q3) or a month (2026-07).")
        % {"value": text}
    )


def period_of_day(kind: str, day: datetime.date) -> Period:
    if kind == "year":
        return year_period(day.year)
    if kind == "quarter":
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    return month_period(day.year, day.month)


def years_for_form(posted_date, today: datetime.date) -> list[int]:
    """The years whose themes a record form offers: this year's, and the year of the date typed."""
    years = {today.year}
    with contextlib.suppress(ValueError):
        years.add(datetime.date.fromisoformat(str(posted_date or "").strip()).year)
    return sorted(years)
