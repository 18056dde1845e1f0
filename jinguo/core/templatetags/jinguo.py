from django import template

from jinguo.core.audit import event_label, outcome_label

register = template.Library()
register.filter("event_label", event_label)
register.filter("outcome_label", outcome_label)


@register.filter
def field_errors(form) -> list[tuple[object, str]]:
    """(bound field, message) for every field error of `form`, in the form's order: the error summary's lines."""
    return [(field, e) for field in form for e in field.errors]
