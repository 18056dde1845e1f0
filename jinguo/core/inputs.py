"""Input turned into records once, for forms, the API and imports alike (the one input layer of a write).

A lookup list (topics, campaigns, audience groups, lecturer categories…) is a model with `name` and `active`.
Its retired entries stay on the records that name them, but no new record may name one: the form, the API and
the import refuse it with the same message (`lookup_refusal`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id


def retired(name: str) -> str:
    return _("“%(name)s” is no longer in the list: choose another.") % {"name": name}


def lookup_refusal(obj, typed) -> str | None:
    """Why `obj` (found for what the user typed, or None) cannot be named in a new record; None when it can."""
    if obj is None:
        return _("“%(value)s” is not in the list.") % {"value": typed}
    if not obj.active:
        return retired(obj.name)
    return None


def resolve_lookup(model, value, *, field: str, required: bool = True):
    """An id (or an instance) → the active entry of `model`; ValidationError({field: …}) otherwise.

    Unknown ids get "Choose from the list."; a retired entry gets `retired`, as in the import."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: [_("Choose from the list.")]})
        return None
    pk = value.pk if isinstance(value, model) else record_id(value)
    obj = model.objects.filter(pk=pk).first() if pk is not None else None
    if obj is None:
        raise ValidationError({field: [_("Choose from the list.")]})
    if not obj.active:
        raise ValidationError({field: [retired(obj.name)]})
    return obj


def resolve_lookups(model, values, *, field: str) -> list:
    """Several ids → their active entries (lecturer categories, topics of a lecturer)."""
    objs, errors = [], []
    for value in values or []:
        try:
            objs.append(resolve_lookup(model, value, field=field))
        except ValidationError as e:
            errors += e.message_dict[field]
    if errors:
        raise ValidationError({field: sorted(set(errors))})
    return objs
