import datetime

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.periods import parse_period


@pytest.mark.parametrize(
    "text, code, start, end",
    [
        ("2026", "2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        ("2026Q3", "2026Q3", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        ("2026-q1", "2026Q1", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("2026-07", "2026-07", datetime.date(2026, 7, 1), datetime.date(2026, 7, 31)),
        ("2024-2", "2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (" 2026Q4 ", "2026Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
    ],
)
def test_periods_parse(text, code, start, end):
    p = parse_period(text)
    assert (p.code, p.start, p.end) == (code, start, end)
    assert p.contains(start) and p.contains(end) and not p.contains(end + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    "text", ["", "26", "2026Q0", "2026Q5", "2026-13", "2026-00", "Q3", "2026/07", "1999", "2026-07-01"]
)
def test_anything_else_is_refused_with_a_reason(text):
    with pytest.raises(ValidationError, match="period|周期"):
        parse_period(text)
