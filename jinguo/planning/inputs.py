"""The one input layer of a theme: ids from the form → the records the actor may build on."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.planning.selectors import series_list, theme_choices


def theme_refs(actor, *, parent=None, series=None, fields=()) -> dict:
    """The parent theme (of the actor's units or above) and the series; a field that is disabled (`fields`)
    is left as it is."""
    out, errors = {}, {}
    for name, value, qs in (("parent", parent, theme_choices(actor)), ("series", series, series_list(actor))):
        if name in fields and fields[name].disabled:
            continue
        out[name] = None
        if value not in (None, ""):
            pk = record_id(value)
            out[name] = qs.filter(pk=pk).first() if pk is not None else None
            if out[name] is None:
                errors[name] = [_("Choose from the list.")]
    if errors:
        raise ValidationError(errors)
    return out
