"""The one input layer of the media module: ids from a form or an API payload → the records the actor may name.
An unknown id and one out of reach get the same "Choose from the list."."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.media.models import Platform


def resolve_platform(value, *, field: str = "platform", active: bool = True) -> Platform:
    pk = record_id(value)
    qs = Platform.objects.filter(active=True) if active else Platform.objects.all()
    p = qs.filter(pk=pk).first() if pk is not None else qs.filter(code=str(value or "")).first()
    if p is None:
        raise ValidationError({field: [_("Choose from the list.")]})
    return p


def resolve_platforms(values, *, field: str = "platforms") -> list[Platform]:
    return [resolve_platform(v, field=field) for v in values or ()]


def resolve_theme(actor, value):
    """A theme the actor may link a post to (their units' and the units' above), or None."""
    from jinguo.planning.selectors import theme_choices

    if value in (None, ""):
        return None
    pk = record_id(value)
    theme = theme_choices(actor).filter(pk=pk).first() if pk is not None else None
    if theme is None:
        raise ValidationError({"theme": [_("Choose from the list.")]})
    return theme
