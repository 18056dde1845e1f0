"""The one input layer of a study session: ids from the form or the API → the records the actor may name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.people.selectors import require_one_nameable
from jinguo.planning.selectors import theme_choices


def session_refs(actor, *, theme=None, leader=None) -> dict:
    """The theme (one the actor may link records to) and the leader (a person the actor may name); a theme
    unknown or out of reach gets one answer, a person likewise (people.selectors.not_in_registry)."""
    out, errors = {}, {}
    pk = record_id(theme)
    out["theme"] = theme_choices(actor).filter(pk=pk).first() if pk is not None else None
    if out["theme"] is None:
        errors["theme"] = [_("Choose the theme the session serves.")]
    out["leader"] = None
    if leader not in (None, ""):
        try:
            out["leader"] = require_one_nameable(actor, leader, field="leader")
        except ValidationError as e:
            errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    return out
