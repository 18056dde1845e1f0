"""Number cells of an import read as cadres type them, within the model field's bounds (core.bounds.number_parser,
core.xlsx.NumberColumn): full-width digits and thousands separators read; decimals only where the field keeps them;
the bound in the message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.core.bounds import number_parser
from jinguo.core.xlsx import NumberColumn, TextColumn
from jinguo.outreach.models import Lecture
from jinguo.publications.models import Subscription


@pytest.mark.parametrize(
    "typed, value",
    [("１２", 12), (" 1,200 ", 1200), ("１，２００", 1200), ("7.0", 7), (12, 12)],
)
def test_whole_numbers_are_read_as_typed(typed, value):
    assert number_parser(Lecture, "audience_count")(typed) == value


@pytest.mark.parametrize("typed", ["12.5", "abc", "1e400", "NaN", "100001", "-1"])
def test_what_is_not_a_count_within_bounds_is_refused(typed):
    with pytest.raises(ValidationError):
        number_parser(Lecture, "audience_count")(typed)


def test_a_decimal_field_keeps_its_places_and_bounds():
    parse = number_parser(Subscription, "amount")
    assert parse("800.5") == Decimal("800.50") and parse("１２") == Decimal("12.00")
    with translation.override("en"), pytest.raises(ValidationError) as e:
        parse("1.005")
    assert "at most 2 decimal places" in e.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as e:
        parse("1000000.01")
    assert "at most 1,000,000" in e.value.messages[0]


def test_columns_format_the_records_field():
    sub = Subscription(copies=3, payer="村委会")
    assert NumberColumn("copies", "Copies", model=Subscription).format(sub) == 3
    assert TextColumn("payer", "Payer", model=Subscription).format(sub) == "村委会"
    with pytest.raises(ValidationError):
        TextColumn("payer", "Payer", model=Subscription).parse("x" * 61)
