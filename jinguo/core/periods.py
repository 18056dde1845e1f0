"""Reporting periods: a year (2026), a quarter (2026Q3), a month (2026-07) or a custom range.

One parser for the whole platform: the theme calendar, coverage, dashboards and the API. Roll-ups are kept
per month, quarter and year; a custom range is summed from its months.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def month_key(d: datetime.date) -> str:
    return f"{d.year}-{d.month:02d}"


def quarter_key(d: datetime.date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def year_key(d: datetime.date) -> str:
    return str(d.year)


def period_keys(d: datetime.date) -> tuple[str, str, str]:
    """The three stored periods a dated record counts in."""
    return month_key(d), quarter_key(d), year_key(d)


def _month_start(y: int, m: int) -> datetime.date:
    return datetime.date(y, m, 1)


def _add_months(d: datetime.date, n: int) -> datetime.date:
    total = d.year * 12 + d.month - 1 + n
    return datetime.date(total // 12, total % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year | custom
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def number(self) -> int:
        """The quarter (1–4) or the month (1–12); 0 for a year or a custom range."""
        if self.kind == "quarter":
            return (self.start.month - 1) // 3 + 1
        if self.kind == "month":
            return self.start.month
        return 0

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        if self.kind == "month":
            return month_key(self.start)
        if self.kind == "quarter":
            return quarter_key(self.start)
        if self.kind == "year":
            return year_key(self.start)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def stored(self) -> bool:
        """True when roll-ups hold this period as one row (month, quarter, year)."""
        return self.kind != "custom"

    def month_keys(self) -> list[str]:
        keys, d = [], _month_start(self.start.year, self.start.month)
        while d <= self.end:
            keys.append(month_key(d))
            d = _add_months(d, 1)
        return keys

    def previous(self) -> "Period":
        if self.kind == "month":
            s = _add_months(self.start, -1)
            return Period("month", s, _add_months(s, 1) - datetime.timedelta(days=1))
        if self.kind == "quarter":
            s = _add_months(self.start, -3)
            return Period("quarter", s, _add_months(s, 3) - datetime.timedelta(days=1))
        if self.kind == "year":
            return Period("year", datetime.date(self.start.year - 1, 1, 1), datetime.date(self.start.year - 1, 12, 31))
        length = self.end - self.start
        return Period(
            "custom", self.start - length - datetime.timedelta(days=1), self.start - datetime.timedelta(days=1)
        )

    def comparison(self, today: datetime.date) -> "Period":
        """What this period's figures are compared with: the previous period, or, while this one is running
        (today inside it, not its last day), the same elapsed days of the previous one — 1 October to
        30 November against 1 July to 30 August — so that two months are not set against three."""
        previous = self.previous()
        if not self.stored or not (self.start <= today < self.end):
            return previous
        cut = previous.start + (today - self.start)
        return previous if cut >= previous.end else Period("custom", previous.start, cut)

    def label(self) -> str:
        if self.kind == "month":
            return _("%(y)s-%(m)02d") % {"y": self.start.year, "m": self.start.month}
        if self.kind == "quarter":
            return _("Q%(q)s %(y)s") % {"q": (self.start.month - 1) // 3 + 1, "y": self.start.year}
        if self.kind == "year":
            return _("Year %(y)s") % {"y": self.start.year}
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"

    def contains(self, d: datetime.date) -> bool:
        return self.start <= d <= self.end


def year_period(year: int) -> Period:
    return Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    s = _month_start(year, (quarter - 1) * 3 + 1)
    return Period("quarter", s, _add_months(s, 3) - datetime.timedelta(days=1))


def month_period(year: int, month: int) -> Period:
    s = _month_start(year, month)
    return Period("month", s, _add_months(s, 1) - datetime.timedelta(days=1))


def period_of_day(kind: str, day: datetime.date) -> Period:
    if kind == "year":
        return year_period(day.year)
    if kind == "quarter":
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    return month_period(day.year, day.month)


def _plausible(year: str) -> bool:
    return 2000 <= int(year) <= 2100


def parse_period(text: str) -> Period:
    """2026, 2026Q3 (or 2026-Q3), 2026-07, or 2026-01-05..2026-03-20; a clear error otherwise."""
    text = (text or "").strip()
    if (m := _MONTH.match(text)) and _plausible(m.group(1)):
        if 1 <= int(m.group(2)) <= 12:
            return month_period(int(m.group(1)), int(m.group(2)))
    elif (m := _QUARTER.match(text)) and _plausible(m.group(1)):
        return quarter_period(int(m.group(1)), int(m.group(2)))
    elif (m := _YEAR.match(text)) and _plausible(m.group(1)):
        return year_period(int(m.group(1)))
    elif m := _RANGE.match(text):
        try:
            s, e = datetime.date.fromisoformat(m.group(1)), datetime.date.fromisoformat(m.group(2))
        except ValueError:
            s = e = None
        if s and e and s > e:
            raise ValidationError(
                _("The range ends on %(end)s, before it starts on %(start)s: swap the two dates.")
                % {"start": s.isoformat(), "end": e.isoformat()}
            )
        if s and e and (e - s).days > 3660:
            raise ValidationError(_("A range covers at most ten years: choose a shorter one."))
        if s and e and _plausible(str(s.year)) and _plausible(str(e.year)):
            return Period("custom", s, e)
        text = _("from %(start)s to %(end)s") % {"start": m.group(1), "end": m.group(2)}
    raise ValidationError(
        _("“%(text)s” is not a period: choose a month, a quarter, a year, or two dates between 2000 and 2100.")
        % {"text": text}
    )


def current_period(kind: str = "quarter", today: datetime.date | None = None) -> Period:
    return period_of_day(kind, today or datetime.date.today())
