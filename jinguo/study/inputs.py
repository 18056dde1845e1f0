"""The one input layer of a study session: ids from the form or the API → the records the actor may name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.planning.selectors import theme_choices


def session_refs(actor, *, theme=None) -> dict:
    """The theme: one the actor may link records to; unknown and out of reach get one answer. (The leader is
    checked by the service, which names people through people.selectors.require_one_nameable.)"""
    pk = record_id(theme)
    found = theme_choices(actor).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({"theme": [_("Choose the theme the session serves.")]})
    return {"theme": found}
