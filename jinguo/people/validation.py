"""Field checks of a person, shared by forms, the API and imports."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.text import normalize_identifier
from jinguo.core.timeparse import parse_date
from jinguo.people.idcard import parse_id_number
from jinguo.people.models import ETHNICITIES, Gender

_PHONE = re.compile(r"1[3-9][0-9]{9}")


def clean_name(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("The name is required."))
    if len(value) > 40:
        raise ValidationError(_("The name is at most 40 characters."))
    return value


def clean_phone(value: str) -> str:
    """`13８ 0000-001１` → `13800000011`: ASCII digits (core.text), no spaces or hyphens, then checked."""
    value = normalize_identifier(value).replace("-", "")
    if value and not _PHONE.fullmatch(value):
        raise ValidationError(_("A mobile number has 11 digits and starts with 13–19."))
    return value


def clean_gender(value: str) -> str:
    value = (value or "").strip()
    mapping = {"女": Gender.FEMALE, "男": Gender.MALE, "F": Gender.FEMALE, "M": Gender.MALE}
    if value not in mapping:
        raise ValidationError(_("Gender is 女 or 男."))
    return mapping[value]


def clean_ethnicity(value: str) -> str:
    value = (value or "").strip()
    if value and not value.endswith("族"):
        value += "族"
    if value not in ETHNICITIES:
        raise ValidationError(_("“%(value)s” is not one of the 56 ethnic groups.") % {"value": value})
    return value


def clean_birth_date(value) -> datetime.date:
    """A birth date as typed (core.timeparse.parse_date: 1985-03-08, 1985/3/8, 1985年3月8日 …)."""
    return parse_date(value, earliest=1900, latest=2100, example="1985-03-08")


def clean_person(*, name, gender, ethnicity, birth_date, id_number, phone) -> dict:
    """Validate all fields together; raise ValidationError keyed by field, messages in Chinese."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for field, fn, raw in [
        ("name", clean_name, name),
        ("gender", clean_gender, gender),
        ("ethnicity", clean_ethnicity, ethnicity),
        ("birth_date", clean_birth_date, birth_date),
        ("phone", clean_phone, phone),
    ]:
        try:
            out[field] = fn(raw)
        except ValidationError as e:
            errors[field] = e.messages
    try:
        number, birth, id_gender = parse_id_number(id_number)
        out["id_number"] = number
        if "birth_date" in out and out["birth_date"] != birth:
            errors.setdefault("birth_date", []).append(_("The birth date does not match the ID number."))
        if "gender" in out and out["gender"] != id_gender:
            errors.setdefault("gender", []).append(_("The gender does not match the ID number."))
    except ValidationError as e:
        errors["id_number"] = e.messages
    if errors:
        raise ValidationError(errors)
    return out
