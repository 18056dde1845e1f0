"""The audit log's list, declared once for its page, its export and its API list (core.lists)."""

from urllib.parse import quote

import django_filters as df
from django import forms
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from jinguo.core import audit
from jinguo.core.lists import ListColumn, ListFilterSet, ListSpec, register
from jinguo.core.models import AuditEvent
from jinguo.core.roles import Perm
from jinguo.core.xlsx import Column


def _event_choices():
    """Every event code on record with its label and count (read when the filter bar is drawn)."""
    rows = AuditEvent.objects.values("event").annotate(n=Count("pk")).order_by("event")
    return [("", _("All events"))] + [(r["event"], f"{audit.event_label(r['event'])} ({r['n']})") for r in rows]


class AuditFilters(ListFilterSet):
    event = df.CharFilter(
        lookup_expr="startswith",
        max_length=60,
        widget=forms.Select(choices=_event_choices),
        label=gettext_lazy("Event"),
    )
    actor = df.CharFilter(field_name="actor_name", max_length=150, label=gettext_lazy("User"))
    object = df.CharFilter(method="by_object", max_length=120, widget=forms.HiddenInput, label=gettext_lazy("Object"))
    outcome = df.ChoiceFilter(
        choices=list(audit.OUTCOME_LABELS.items()),
        empty_label=gettext_lazy("Any outcome"),
        label=gettext_lazy("Outcome"),
    )

    def by_object(self, qs, name, value):
        """ "outreach.lecture#39185": one record's history."""
        if "#" not in value:
            return qs
        object_type, object_id = value.split("#", 1)
        return qs.filter(object_type=object_type, object_id=object_id)


def _user(e):
    if e.actor_name:
        return format_html('<a href="?actor={}">{}</a>', quote(e.actor_name), e.actor_name)
    if e.attempted:
        return format_html('{} <span class="text-secondary small">{}</span>', e.attempted, _("(user name typed)"))
    return _("system")


def _object(e):
    if not e.object_key:
        return ""
    return format_html(
        '<a href="?object={}" title="{}">{}</a>', quote(e.object_key), _("History of this record"), e.object_label
    )


AUDIT = register(
    ListSpec(
        name="audit",
        title=gettext_lazy("Audit log"),
        select=lambda user: AuditEvent.objects.order_by("-seq"),
        decorate=audit.describe,
        filters=AuditFilters,
        permission=Perm.AUDIT_READ,
        export_permission=Perm.AUDIT_READ,
        columns=[
            ListColumn("#", lambda e: e.seq),
            ListColumn(gettext_lazy("Time"), lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S"), "text-nowrap"),
            ListColumn(gettext_lazy("User"), _user, testid="audit-user"),
            ListColumn(gettext_lazy("Event"), lambda e: audit.event_label(e.event)),
            ListColumn(gettext_lazy("Object"), _object, "small", testid="audit-object"),
            ListColumn(pgettext_lazy("network", "Address"), lambda e: e.ip, "small"),
            ListColumn(gettext_lazy("Outcome"), lambda e: audit.outcome_label(e.outcome)),
        ],
        url_name="core:audit",
        export_url_name="core:audit_export",
        export=lambda user: [
            Column("seq", _("Seq"), format=lambda e: e.seq),
            Column("at", _("Time"), format=lambda e: e.at),
            Column("actor", _("User"), format=lambda e: e.actor_name),
            Column("event", _("Event"), format=lambda e: str(audit.event_label(e.event))),
            Column("object", _("Object"), format=lambda e: f"{e.object_type}#{e.object_id}"),
            Column("org", _("Org"), format=lambda e: e.org_path),
            Column("ip", pgettext("network", "Address"), format=lambda e: e.ip),
            Column("outcome", _("Outcome"), format=lambda e: e.outcome),
        ],
        filename="审计日志",
        template="core/audit.html",
        empty=gettext_lazy("No events match."),
        testid="audit-table",
    )
)
