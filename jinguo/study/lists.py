"""The joint-study lists, declared once for page, export and API (core.lists)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from jinguo.core.lists import HIDE_SM, ListColumn, ListFilterSet, ListSpec, SearchFilter, UnitFilter, YearFilter, link
from jinguo.core.lists import register as register_list
from jinguo.core.xlsx import Column
from jinguo.study.models import StudyForm
from jinguo.study.selectors import session_list


class SessionFilters(ListFilterSet):
    under = UnitFilter()
    q = SearchFilter(field_name="title", lookup_expr="contains", label=_("Title"))
    year = YearFilter(field_name="date")
    form = df.ChoiceFilter(choices=StudyForm.choices, empty_label=_("Any form"), label=_("Form"))


def _note(s) -> str:
    return f"{s.hours} h · {s.leader.name}" if s.leader else f"{s.hours} h"


SESSIONS = register_list(
    ListSpec(
        name="study_sessions",
        title=_("Joint study sessions"),
        select=lambda user: session_list(user),
        filters=SessionFilters,
        columns=[
            ListColumn(_("Date"), lambda s: s.date.strftime("%Y-%m-%d"), "text-nowrap"),
            ListColumn(
                _("Title"),
                link("study:session", "title", lambda s: f"{s.hours} h · {s.leader.name if s.leader else ''}"),
            ),
            ListColumn(_("Form"), lambda s: s.get_form_display(), HIDE_SM),
            ListColumn(_("Unit"), lambda s: s.org.name),
            ListColumn(_("Attendance"), lambda s: f"{s.n_present}/{s.n_attendees}"),
        ],
        url_name="study:sessions",
        export_url_name="study:sessions_export",
        export=lambda user: [
            Column("date", _("Date"), format=lambda s: s.date),
            Column("title", _("Title"), format=lambda s: s.title),
            Column("form", _("Form"), format=lambda s: str(s.get_form_display())),
            Column("hours", _("Hours"), format=lambda s: float(s.hours)),
            Column("org_code", _("Org unit code"), format=lambda s: s.org.code),
            Column("org", _("Unit"), format=lambda s: s.org.name),
            Column("theme", _("Theme"), format=lambda s: s.theme.title),
            Column("leader", _("Leader"), format=lambda s: s.leader.name if s.leader else ""),
            Column("present", _("Present"), format=lambda s: s.n_present),
            Column("attendees", _("Attendees"), format=lambda s: s.n_attendees),
        ],
        filename="联学联讲",
        template="study/list.html",
        empty=_("No study session matches."),
        testid="study-table",
    )
)
