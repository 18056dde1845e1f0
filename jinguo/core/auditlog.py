"""The audit log's list, declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django import forms
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    outcome = df.ChoiceFilter(
        choices=list(audit.OUTCOME_LABELS.items()),
        empty_label=gettext_lazy("Any outcome"),
        label=gettext_lazy("Outcome"),
    )


def _object(e) -> str:
    return f"{e.object_type}#{e.object_id}" if e.object_id else e.object_type


AUDIT = register(
    ListSpec(
        name="audit",
        title=gettext_lazy("Audit log"),
        select=lambda user: AuditEvent.objects.order_by("-seq"),
        filters=AuditFilters,
        permission=Perm.AUDIT_READ,
        export_permission=Perm.AUDIT_READ,
        columns=[
            ListColumn("#", lambda e: e.seq),
            ListColumn(gettext_lazy("Time"), lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S"), "text-nowrap"),
            ListColumn(gettext_lazy("User"), lambda e: e.actor_name or _("system")),
            ListColumn(gettext_lazy("Event"), lambda e: audit.event_label(e.event)),
            ListColumn(gettext_lazy("Object"), _object, "small"),
            ListColumn(gettext_lazy("Address"), lambda e: e.ip, "small"),
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
            Column("ip", _("Address"), format=lambda e: e.ip),
            Column("outcome", _("Outcome"), format=lambda e: e.outcome),
        ],
        filename="审计日志",
        template="core/audit.html",
        empty=gettext_lazy("No events match."),
        testid="audit-table",
    )
)
