"""The one input layer of a lecture: ids (from a form or an API payload) → the records the actor may name.

The page's form calls `lecture_refs` in its clean(), the API calls it on its payload, and the import reads
the same records by name through its columns (LookupColumn, OrgColumn); so the three refuse a retired topic,
an unknown team or a theme out of reach with the same message, and the services receive records only.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.core.inputs import resolve_lookup
from jinguo.outreach import selectors as sel
from jinguo.outreach.models import AudienceGroup, Campaign, Topic
from jinguo.planning.selectors import theme_choices


def resolve_team(actor, value):
    """A team that may serve the actor's units (theirs, below, above); an unknown one and one out of reach
    get one answer."""
    if value in (None, ""):
        return None
    pk = record_id(value)
    team = sel.team_choices(actor).filter(pk=pk).first() if pk is not None else None
    if team is None:
        raise ValidationError({"team": [_("Choose from the list.")]})
    return team


def resolve_theme(actor, value, *, required: bool = True):
    """A theme the actor may link a record to (their units' and the units' above); unknown and out of reach
    alike get "Choose the theme…". Whether it serves the record's unit and date is the service's rule."""
    if value in (None, ""):
        if required:
            raise ValidationError({"theme": [_("Choose the theme the lecture serves.")]})
        return None
    pk = record_id(value)
    theme = theme_choices(actor).filter(pk=pk).first() if pk is not None else None
    if theme is None:
        raise ValidationError({"theme": [_("Choose the theme the lecture serves.")]})
    return theme


def lecture_refs(actor, *, team=None, theme=None, topic=None, campaign=None, audience_group=None) -> dict:
    """Every id of a lecture resolved at once; ValidationError keyed by field with every refusal."""
    out, errors = {}, {}
    resolvers = {
        "team": lambda: resolve_team(actor, team),
        "theme": lambda: resolve_theme(actor, theme),
        "topic": lambda: resolve_lookup(Topic, topic, field="topic"),
        "campaign": lambda: resolve_lookup(Campaign, campaign, field="campaign", required=False),
        "audience_group": lambda: resolve_lookup(AudienceGroup, audience_group, field="audience_group"),
    }
    for field, resolve in resolvers.items():
        try:
            out[field] = resolve()
        except ValidationError as e:
            errors.update(e.message_dict)
    if errors:
        error = ValidationError(errors)
        error.resolved = out  # what did resolve, for the form that shows every error in one round
        raise error
    return out
