"""Resident ID numbers (GB 11643-1999): 17 digits, a check character, a real birth date."""

import datetime
import operator
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.text import normalize_identifier

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")  # ASCII only: `\d` would let any script's digits through


def check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("17 digits")
    return _CHECK[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]  # in C: imports check 100,000


def normalize(value: str) -> str:
    """Full-width or Mongolian digits, spaces, a lower-case x: the number as ASCII (core.text)."""
    return normalize_identifier(value)


def parse_id_number(value: str, *, today: datetime.date | None = None) -> tuple[str, datetime.date, str]:
    """Validate; return (normalized number, birth date, gender 'F'/'M'). Raises ValidationError in Chinese."""
    number = normalize(value)
    if not _SHAPE.fullmatch(number):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a digit or X."), code="shape")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date inside the ID number does not exist."), code="birth")
    today = today or datetime.date.today()
    if birth > today or birth.year < 1900:
        raise ValidationError(_("The birth date inside the ID number is impossible."), code="birth")
    if check_char(number[:17]) != number[17]:
        raise ValidationError(_("The ID number's check digit is wrong: please check the number."), code="check")
    gender = "M" if int(number[16]) % 2 else "F"
    return number, birth, gender


def make_id_number(area: str, birth: datetime.date, seq: int, female: bool = True) -> str:
    """Build a valid number (demo data and tests)."""
    order = (seq * 2 + (0 if female else 1)) % 1000  # the 17th digit is even for women
    first17 = f"{area[:6]}{birth:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)
