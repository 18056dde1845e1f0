"""Working days of the public notice, counted with Chinese public holidays and make-up working days.

`chinesecalendar` knows the years the State Council has published; for a later year an administrator enters
its holidays in the holiday table (HolidayYear / HolidayDay), which then takes precedence. A year neither
knows is refused with the reason: the count never guesses.
"""

import datetime

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.honors.models import HolidayDay, HolidayYear


class NoHolidayData(ValidationError):
    pass


def _calendar_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def known_years() -> tuple[int, int]:
    """The first and last year chinesecalendar knows (the State Council's published arrangements)."""
    years = [y for y in range(2004, 2101) if _calendar_knows(y)]
    return (years[0], years[-1]) if years else (0, 0)


class WorkingDays:
    """`is_workday(day)` for the years asked, reading the holiday table once per year."""

    def __init__(self):
        self._table: dict[int, dict[datetime.date, bool] | None] = {}

    def _year(self, year: int) -> dict[datetime.date, bool] | None:
        if year not in self._table:
            entered = HolidayYear.objects.filter(year=year).first()
            if entered is not None:
                self._table[year] = dict(HolidayDay.objects.filter(year=entered).values_list("date", "workday"))
            elif _calendar_knows(year):
                self._table[year] = None  # chinesecalendar's
            else:
                raise NoHolidayData(
                    _(
                        "The public holidays of %(year)s are not known yet: an administrator enters them in the "
                        "holiday table before a notice running into %(year)s can be scheduled."
                    )
                    % {"year": year}
                )
        return self._table[year]

    def is_workday(self, day: datetime.date) -> bool:
        table = self._year(day.year)
        if table is None:
            return chinese_calendar.is_workday(day)
        if day in table:
            return table[day]
        return day.weekday() < 5


def notice_end(
    start: datetime.date, days: int, calendar: WorkingDays | None = None
) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of a notice of `days` working days from `start`: the first day is the first working
    day on or after `start`, the last the `days`-th working day counting the first."""
    cal = calendar or WorkingDays()
    day = start
    while not cal.is_workday(day):
        day += datetime.timedelta(days=1)
    first, counted = day, 1
    while counted < days:
        day += datetime.timedelta(days=1)
        if cal.is_workday(day):
            counted += 1
    return first, day
