import datetime

import pytest
from django.core.exceptions import ValidationError

from jinguo.people.idcard import check_char, make_id_number, parse_id_number


def test_known_valid_number():
    # The GB 11643 worked example.
    assert check_char("11010519491231002") == "X"
    number, birth, gender = parse_id_number("11010519491231002x")
    assert number == "11010519491231002X" and birth == datetime.date(1949, 12, 31) and gender == "F"


@pytest.mark.parametrize("bad", ["11010519491231002", "110105194912310021", "1101051949123100XX", "abc"])
def test_it_rejects_a_wrong_shape_or_check_digit(bad):
    with pytest.raises(ValidationError):
        parse_id_number(bad)


def test_it_rejects_an_impossible_birth_date():
    first17 = "15060219850230002"  # 30 February
    with pytest.raises(ValidationError, match="birth date|出生日期"):
        parse_id_number(first17 + check_char(first17))


def test_it_rejects_a_future_birth_date():
    number = make_id_number("150602", datetime.date(2099, 1, 1), 1)
    with pytest.raises(ValidationError):
        parse_id_number(number)


def test_generated_numbers_are_valid_and_carry_the_gender():
    assert parse_id_number(make_id_number("150602", datetime.date(1990, 5, 1), 7, female=True))[2] == "F"
    assert parse_id_number(make_id_number("150602", datetime.date(1990, 5, 1), 7, female=False))[2] == "M"
