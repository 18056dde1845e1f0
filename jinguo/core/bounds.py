"""The bounds of a model field, read from the field itself (DESIGN.md, "Bounds and messages").

Every number and text is bounded in one place, the model: `MinValueValidator`/`MaxValueValidator` on a
number, `max_length` (plus `MaxLengthValidator` on a TextField, which full_clean does not otherwise check)
on a text. Forms, API schemas, importers and services read the numbers through `bounds()` instead of
repeating literals, and the services word their refusals with `too_long()` / `out_of_range()`.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Record ids are positive and fit in 10 digits for the foreseeable future: an id outside 1..MAX_ID names no
# record, so it is refused before it reaches the database (where 2**63 is an OverflowError on SQLite).
MAX_ID = 9_999_999_999


@dataclass(frozen=True)
class Bounds:
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None
    max_length: int | None = None


def _limit(v) -> int | Decimal:
    value = v.limit_value() if callable(v.limit_value) else v.limit_value
    return Decimal(str(value)) if isinstance(value, float) else value


@cache
def bounds(model, name: str) -> Bounds:
    """The tightest least value, greatest value and longest text that `model.name` accepts."""
    field = model._meta.get_field(name)
    lo = hi = None
    length = getattr(field, "max_length", None)
    for v in field.validators:
        if isinstance(v, validators.MinValueValidator):
            lo = _limit(v) if lo is None else max(lo, _limit(v))
        elif isinstance(v, validators.MaxValueValidator):
            hi = _limit(v) if hi is None else min(hi, _limit(v))
        elif isinstance(v, validators.MaxLengthValidator):
            length = _limit(v) if length is None else min(length, _limit(v))
        elif isinstance(v, validators.DecimalValidator) and v.max_digits is not None:
            top = Decimal(10) ** (v.max_digits - (v.decimal_places or 0)) - Decimal(10) ** -(v.decimal_places or 0)
            hi = top if hi is None else min(hi, top)
    return Bounds(lo, hi, length)


def number(n) -> str:
    """A bound as messages write it: 100,000 (the same in both interface languages)."""
    return f"{n:,}"


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def too_long(model, name: str, text: str) -> str | None:
    """The refusal of a text longer than the field takes, or None."""
    limit = bounds(model, name).max_length
    if limit is None or len(text) <= limit:
        return None
    return _("%(field)s: at most %(max)s characters (%(n)s given).") % {
        "field": _label(model, name),
        "max": number(limit),
        "n": number(len(text)),
    }


def out_of_range(model, name: str, value) -> str | None:
    """The refusal of a number outside the field's bounds, or None."""
    b = bounds(model, name)
    if b.min_value is not None and value < b.min_value:
        return _("%(field)s: at least %(min)s.") % {"field": _label(model, name), "min": number(b.min_value)}
    if b.max_value is not None and value > b.max_value:
        return _("%(field)s: at most %(max)s.") % {"field": _label(model, name), "max": number(b.max_value)}
    return None


def record_id(value) -> int | None:
    """`value` (an int, a string of ASCII digits or a record) as a record id, or None when it names no record."""
    v = getattr(value, "pk", value)
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        v = v.strip()
        if not (v.isascii() and v.isdigit()):
            return None
    try:
        n = int(v)
    except (TypeError, ValueError, OverflowError):
        return None
    return n if 1 <= n <= MAX_ID else None


def text_parser(model, name: str):
    """An import column's `parse`: the cell's text, stripped, refused when longer than the field takes."""

    def parse(value) -> str:
        text = str(value).strip()
        msg = too_long(model, name, text)
        if msg:
            raise ValidationError(msg)
        return text

    return parse


def number_parser(model, name: str):
    """An import column's `parse` for a number field: a whole number for an integer field, at most the field's
    decimal places for a DecimalField, within its bounds; full-width digits, spaces and thousands separators are
    fine (１，２００ reads 1200)."""
    from jinguo.core.text import normalize_identifier

    places = getattr(model._meta.get_field(name), "decimal_places", None)

    def parse(value):
        text = normalize_identifier(value).replace(",", "").replace("，", "")
        try:
            n = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if not n.is_finite():
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": value})
        if places is None:
            if n != n.to_integral_value():
                raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})
            n = int(n)
        else:
            step = Decimal(1).scaleb(-places)
            if n != n.quantize(step):
                raise ValidationError(
                    _("%(field)s: at most %(n)s decimal places.") % {"field": _label(model, name), "n": places}
                )
            n = n.quantize(step)
        msg = out_of_range(model, name, n)
        if msg:
            raise ValidationError(msg)
        return n

    return parse


# PostgreSQL text cannot hold a NUL character (a DataError, so a 500); Django's forms refuse it
# (ProhibitNullCharactersValidator), and so do the API's text fields.
NO_NUL = r"^[^\x00]*$"


def schema_field(model, name: str, default=..., **extra):
    """A django-ninja (pydantic) `Field` with the model field's bounds: ge, le, max_length (and no NUL in a text)."""
    from ninja import Field

    b = bounds(model, name)
    kwargs = {"ge": b.min_value, "le": b.max_value, "max_length": b.max_length}
    if b.max_length is not None:
        kwargs["pattern"] = NO_NUL
    return Field(default, **{k: v for k, v in kwargs.items() if v is not None}, **extra)


def check(instance, *, exclude=()) -> dict[str, list[str]]:
    """The model's own field checks of `instance` (full_clean: required, choices, lengths, bounds), with the
    refusals of a length or a bound worded as too_long / out_of_range word them; {} when every field passes.

    Relations are left to the caller (they are records it resolved, and checking them costs a query each), as are
    uniqueness and constraints (the database keeps those)."""
    model = type(instance)
    relations = [f.name for f in model._meta.get_fields() if f.is_relation]
    try:
        instance.full_clean(exclude=[*exclude, *relations], validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        return {name: _worded(model, name, getattr(instance, name, None), ms) for name, ms in e.message_dict.items()}
    return {}


def check_values(model, values: dict) -> dict[str, list[str]]:
    """`check` of the fields named in `values` (name → value, not relations), without an instance: each field's
    own clean as full_clean runs it (a blank field's empty value passes), worded as `check` words it. For the many
    rows of an import, where building an instance to clean it cost more than the checks (a lecture: 80 of 120 µs)."""
    out: dict[str, list[str]] = {}
    get = model._meta.get_field
    for name, value in values.items():
        f = get(name)
        if f.blank and value in f.empty_values:
            continue
        try:
            if type(value) in _MEMO_TYPES and not (type(value) is str and len(value) > _MEMO_TEXT):
                _checked(f, type(value), value)
            else:
                f.clean(value, None)
        except ValidationError as e:
            out[name] = _worded(model, name, value, e.messages)
    return out


# Values whose check can be remembered: immutable, and equal only when the same (1 and True are kept apart by
# their type, part of the key). The kinds, modes and languages of an import's rows repeat; a longer text (a title,
# a summary) rarely does, and is not kept in the process's memory.
_MEMO_TYPES = (str, int, datetime.date, datetime.time)
_MEMO_TEXT = 32


@lru_cache(maxsize=4096)
def _checked(field, kind, value) -> bool:
    field.clean(value, None)  # a refusal raises, and is not remembered (its words follow the language)
    return True


def _worded(model, name: str, value, messages: list[str]) -> list[str]:
    """A refusal of a length or a bound as too_long / out_of_range word it; any other as the field gave it."""
    worded = None
    if isinstance(value, str):
        worded = too_long(model, name, value)
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        worded = out_of_range(model, name, value)
    return [worded] if worded else messages
