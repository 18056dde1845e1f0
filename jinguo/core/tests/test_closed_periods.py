"""`workflow.closed_periods` answers for many records what `closed_period` answers for one, in one query."""

import datetime

import pytest

from jinguo.core.models import ClosedPeriod
from jinguo.core.workflow import closed_period, closed_periods

SUBJECT = "outreach.lecture"
MARCH, APRIL = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)


@pytest.fixture
def closed(tree):
    for code, month, subject in [("150602", MARCH, SUBJECT), ("150600", APRIL, SUBJECT), ("150621", MARCH, "x.y")]:
        ClosedPeriod.objects.create(org=tree[code], org_path=tree[code].path, subject=subject, month=month)


@pytest.mark.parametrize(
    ("code", "day"),
    [
        ("150602100200", datetime.date(2025, 3, 8)),  # a village of the county that closed March
        ("150602", datetime.date(2025, 3, 31)),
        ("150602100200", datetime.date(2025, 4, 2)),  # April: closed by the league above
        ("150621", datetime.date(2025, 3, 8)),  # closed for another kind of record only
        ("150621", datetime.date(2025, 4, 8)),  # under the league that closed April
        ("150100", datetime.date(2025, 3, 8)),  # another league
        ("150602", datetime.date(2025, 5, 8)),
    ],
)
def test_many_at_once_answer_as_one_at_a_time(closed, tree, code, day, django_assert_num_queries):
    path = tree[code].path
    with django_assert_num_queries(1):
        lookup = closed_periods(SUBJECT, [day, datetime.date(2025, 5, 1), None])
        found = lookup(path, day)
    one = closed_period(SUBJECT, path, day)
    assert (found and (found.org_path, found.month)) == (one and (one.org_path, one.month))
