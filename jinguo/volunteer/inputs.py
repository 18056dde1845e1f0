"""The one input layer of the volunteer service: ids from a form or the API → the records the actor may name.
An unknown id and one out of reach get the same answer."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.bounds import record_id
from jinguo.core.inputs import resolve_lookup
from jinguo.core.scope import scoped
from jinguo.volunteer import selectors as sel
from jinguo.volunteer.models import DeliveryCategory, Volunteer


def _one(qs, value, *, field: str, required: bool, message: str):
    if value in (None, ""):
        if required:
            raise ValidationError({field: [message]})
        return None
    pk = record_id(value)
    found = qs.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({field: [message]})
    return found


def team_ref(actor, value, *, field: str = "team", required: bool = False):
    return _one(
        sel.team_choices(actor),
        value,
        field=field,
        required=required,
        message=_("Choose a team of your units or of a unit above them."),
    )


def project_ref(actor, value, *, field: str = "project", required: bool = True):
    return _one(
        sel.project_choices(actor),
        value,
        field=field,
        required=required,
        message=_("Choose a project of your units or of a unit above them."),
    )


def category_ref(value, *, field: str = "delivery", required: bool = False):
    return resolve_lookup(DeliveryCategory, value, field=field, required=required)


def volunteer_ref(actor, value, *, field: str = "volunteer"):
    from jinguo.volunteer.services import no_volunteer

    return _one(
        scoped(Volunteer.objects.select_related("person", "org"), actor),
        value,
        field=field,
        required=True,
        message=no_volunteer(value),
    )
