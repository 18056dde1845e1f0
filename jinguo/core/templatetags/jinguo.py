from django import template

from jinguo.core.audit import event_label, outcome_label

register = template.Library()
register.filter("event_label", event_label)
register.filter("outcome_label", outcome_label)


@register.simple_tag
def submit_once():
    """The hidden one-time token of a form that creates or changes something (core.idempotency)."""
    from django.utils.html import format_html

    from jinguo.core.idempotency import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
