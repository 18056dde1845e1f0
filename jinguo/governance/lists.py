"""The five micro-lines' lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.governance import selectors as sel
from jinguo.governance.lines import LINES, Line


def _link(line: Line):
    def cell(r):
        url = reverse("governance:record", args=[line.key, r.pk])
        return format_html('<a href="{}">{}</a><div class="text-secondary small">{}</div>', url, r.title, r.org.name)

    return cell


def _filters(line: Line) -> type[lists.ListFilterSet]:
    attrs = {
        "under": lists.UnitFilter(),
        "q": lists.SearchFilter(field_name="title", lookup_expr="contains", label=_("Title")),
        "period": lists.PeriodFilter(field_name="date", widget=forms.TextInput(attrs={"placeholder": "2026Q3"})),
    }
    if hasattr(line.model, "state"):
        choices = line.model._meta.get_field("state").choices
        attrs["state"] = df.ChoiceFilter(choices=choices, empty_label=_("Any state"), label=_("State"))
    return type(f"{line.model.__name__}Filters", (lists.ListFilterSet,), attrs)


def _columns(line: Line) -> list[lists.ListColumn]:
    cols = [
        lists.ListColumn(_("Date"), lambda r: r.date.isoformat(), "text-nowrap"),
        lists.ListColumn(_("Name") if line.key == "orgs" else _("Title"), _link(line)),
        lists.ListColumn(_("Town"), lambda r: r.org.parent.name if r.org.parent_id else "", lists.HIDE_MD),
        lists.ListColumn(
            _("Members") if line.key == "orgs" else _("Participants"), lambda r: r.participants, "text-end"
        ),
    ]
    if line.key == "services":
        cols.append(lists.ListColumn(_("Households served"), lambda r: r.households, f"text-end {lists.HIDE_SM}"))
    if line.key == "agreements":
        cols.insert(2, lists.ListColumn(_("Household"), lambda r: r.household, lists.HIDE_SM))
    if hasattr(line.model, "state"):
        cols.append(
            lists.ListColumn(
                _("State"),
                lambda r: format_html(
                    '<span class="badge {}">{}</span>',
                    "bg-yellow-lt" if r.state == "open" else "bg-green-lt",
                    r.get_state_display(),
                ),
            )
        )
    return cols


def _spec(line: Line) -> lists.ListSpec:
    def export(user, line=line):
        from jinguo.governance.importers import export_columns

        return export_columns(user, line)

    return lists.register(
        lists.ListSpec(
            name=f"governance_{line.key}",
            title=line.title,
            select=lambda user, line=line: sel.record_list(user, line),
            filters=_filters(line),
            columns=_columns(line),
            url_name=f"governance:{line.key}",
            export_url_name=f"governance:{line.key}_export",
            export=export,
            rows=(lambda qs: qs.prefetch_related("members")) if line.key == "orgs" else (lambda qs: qs),
            sorts={"newest": (_("Newest first"), ("-date", "-pk")), "oldest": (_("Oldest first"), ("date", "pk"))},
            filename=line.sheet,
            template="governance/record_list.html",
            empty=_("Nothing recorded yet. Record one, or import a sheet."),
            testid=f"governance-{line.key}",
            context=lambda request, line=line: {"line": line},
        )
    )


SPECS = {line.key: _spec(line) for line in LINES}
