"""The venues and inspections lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.xlsx import Column
from jinguo.venues import selectors as sel
from jinguo.venues.models import VenueKind, VenueStatus

STATUS_COLOURS = {VenueStatus.IN_USE: "bg-green-lt", VenueStatus.REPAIR: "bg-yellow-lt"}


class VenueFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="name", lookup_expr="contains", label=_("Name"))
    kind = lists.ActiveChoiceFilter(
        queryset=lambda request: VenueKind.objects.all(), empty_label=_("Any kind"), label=_("Kind")
    )
    status = df.ChoiceFilter(choices=VenueStatus.choices, empty_label=_("Any status"), label=_("Status"))
    located = df.BooleanFilter(field_name="lng", lookup_expr="isnull", exclude=True, label=_("On the map"))


VENUES = lists.register(
    lists.ListSpec(
        name="venues",
        title=_("Publicity venues"),
        select=lambda user: sel.venue_list(user),
        filters=VenueFilters,
        columns=[
            lists.ListColumn(_("Name"), lists.link("venues:venue", "name", lambda v: v.kind.name)),
            lists.ListColumn(_("Org unit"), lambda v: v.org.name),
            lists.ListColumn(_("Address"), lambda v: v.address, lists.HIDE_MD),
            lists.ListColumn(
                _("Status"),
                lists.badge(
                    lambda v: v.get_status_display(), lambda v: STATUS_COLOURS.get(v.status, "bg-secondary-lt")
                ),
            ),
            lists.ListColumn(_("On the map"), lambda v: "✓" if v.located else "—", lists.HIDE_SM),
        ],
        sorts={"unit": (_("By unit"), ("org_path", "name", "pk")), "newest": (_("Newest first"), ("-pk",))},
        url_name="venues:venues",
        export_url_name="venues:venue_export",
        export="jinguo.venues.importers:export_columns",
        filename="宣传阵地",
        template="venues/venue_list.html",
        empty=_("No venue matches. Add one, or import a sheet."),
        testid="venue-table",
    )
)


def _venue_link(inspection):
    url = reverse("venues:venue", args=[inspection.venue_id])
    return format_html(
        '<a href="{}">{}</a><div class="text-secondary small">{}</div>', url, inspection.venue.name, inspection.org.name
    )


class InspectionFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="venue__name", lookup_expr="contains", label=_("Venue"))
    year = df.NumberFilter(field_name="year", label=_("Year"), min_value=2000, max_value=2100)
    status_found = df.ChoiceFilter(choices=VenueStatus.choices, empty_label=_("Any status"), label=_("Status found"))
    open = df.BooleanFilter(method="with_open_problems", label=_("Problems still open"))

    def with_open_problems(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(open_problems__gt=0) if value else qs.filter(open_problems=0)


INSPECTIONS = lists.register(
    lists.ListSpec(
        name="inspections",
        title=_("Venue inspections"),
        select=lambda user: sel.inspection_list(user),
        filters=InspectionFilters,
        columns=[
            lists.ListColumn(_("Date"), lambda i: i.date.isoformat(), "text-nowrap"),
            lists.ListColumn(_("Venue"), _venue_link),
            lists.ListColumn(_("Score"), lambda i: i.score, "text-end"),
            lists.ListColumn(_("Status found"), lambda i: i.get_status_found_display(), lists.HIDE_SM),
            lists.ListColumn(_("Problems still open"), lambda i: i.open_problems or "—", f"text-end {lists.HIDE_SM}"),
        ],
        url_name="venues:inspections",
        export_url_name="venues:inspection_export",
        export=lambda user: [
            Column("venue", _("Venue"), format=lambda i: i.venue.name),
            Column("org_code", _("Org unit code"), format=lambda i: i.org.code),
            Column("org", _("Org unit"), format=lambda i: i.org.name),
            Column("kind", _("Kind"), format=lambda i: i.venue.kind.name),
            Column("year", _("Year"), format=lambda i: i.year),
            Column("date", _("Date"), format=lambda i: i.date),
            Column("score", _("Score"), format=lambda i: i.score),
            Column("status_found", _("Status found"), format=lambda i: str(i.get_status_found_display())),
            Column("checks", _("Checklist passed"), format=lambda i: "、".join(i.check_labels)),
            Column("open", _("Problems still open"), format=lambda i: i.open_problems),
            Column("summary", _("Summary"), format=lambda i: i.summary),
        ],
        filename="宣传阵地检查",
        empty=_("No inspection matches."),
        testid="inspection-table",
    )
)
