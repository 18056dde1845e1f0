"""The theme calendar's list, declared once for page, export and API (core.lists)."""

import django_filters as df
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core.lists import HIDE_MD, ListColumn, ListFilterSet, ListSpec, UnitFilter, YearFilter, link
from jinguo.core.lists import register as register_list
from jinguo.core.xlsx import Column
from jinguo.planning.models import ThemeKind
from jinguo.planning.selectors import theme_list


class ThemeFilters(ListFilterSet):
    under = UnitFilter()
    year = YearFilter(field_name="starts_on", method="by_year")
    kind = df.ChoiceFilter(choices=ThemeKind.choices, empty_label=_("All kinds"), label=_("Kind"))

    def by_year(self, qs, name, value):
        return qs.filter(year=value) if value else qs


def _period(t):
    return format_html(
        '{} <span class="text-secondary small d-none d-sm-inline">{}</span>', t.period_label, t.get_kind_display()
    )


def _title(t):
    if t.kind == ThemeKind.MONTH and not t.is_primary:
        return format_html(
            '{} <span class="badge bg-secondary-lt">{}</span>', link("planning:theme", "title")(t), _("secondary")
        )
    return link("planning:theme", "title")(t)


THEMES = register_list(
    ListSpec(
        name="themes",
        title=_("Themes"),
        select=lambda user: theme_list(user),
        filters=ThemeFilters,
        columns=[
            ListColumn(_("Period"), _period, "text-nowrap"),
            ListColumn(_("Title"), _title),
            ListColumn(_("Unit"), lambda t: t.org.name),
            ListColumn(_("Series"), lambda t: t.series.name if t.series_id else "", HIDE_MD),
        ],
        url_name="planning:list",
        export_url_name="planning:export",
        export=lambda user: [
            Column("period", _("Period"), format=lambda t: t.period_label),
            Column("kind", _("Kind"), format=lambda t: str(t.get_kind_display())),
            Column("title", _("Title"), format=lambda t: t.title),
            Column("primary", _("Primary"), format=lambda t: "是" if t.is_primary else "否"),
            Column("org_code", _("Org unit code"), format=lambda t: t.org.code),
            Column("org", _("Unit"), format=lambda t: t.org.name),
            Column("series", _("Series"), format=lambda t: t.series.name if t.series_id else ""),
            Column("parent", _("Parent theme"), format=lambda t: t.parent.title if t.parent_id else ""),
            Column("starts_on", _("From"), format=lambda t: t.starts_on),
            Column("ends_on", _("To"), format=lambda t: t.ends_on),
        ],
        filename="主题日历",
        template="planning/list.html",
        empty=_("No theme matches."),
        testid="theme-table",
    )
)
