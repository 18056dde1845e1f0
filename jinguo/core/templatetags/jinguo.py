from django import template

from jinguo.core.audit import event_label, outcome_label

register = template.Library()
register.filter("event_label", event_label)
register.filter("outcome_label", outcome_label)
