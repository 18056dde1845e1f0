"""The joint-study lists, declared once for page, export and API (core.lists)."""

import django_filters as df
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jinguo.core.lists import HIDE_SM, ListColumn, ListFilterSet, ListSpec, SearchFilter, UnitFilter, YearFilter, link
from jinguo.core.lists import register as register_list
from jinguo.core.xlsx import Column
from jinguo.study.models import StudyForm
from jinguo.study.selectors import attendance_present, learning_record_rows, session_list


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


class RecordFilters(ListFilterSet):
    under = UnitFilter()
    q = SearchFilter(field_name="person__name", lookup_expr="contains", label=_("Full name"))
    year = YearFilter(field_name="session__date")
    defaults = {"year": lambda: str(timezone.localdate().year)}


def _record_export(user):
    return [
        Column("name", _("Full name"), format=lambda r: r["person__name"]),
        Column("org_code", _("Org unit code"), format=lambda r: r["person__org__code"]),
        Column("org", _("Org unit"), format=lambda r: r["person__org__name"]),
        Column("sessions", _("Sessions"), format=lambda r: r["sessions"]),
        Column("hours", _("Hours"), format=lambda r: float(r["hours"] or 0)),
    ] + [Column(f"n_{f}", label, format=lambda r, f=f: r[f"n_{f}"]) for f, label in StudyForm.choices]


RECORDS = register_list(
    ListSpec(
        name="learning_records",
        title=_("Learning records"),
        select=attendance_present,
        filters=RecordFilters,
        rows=learning_record_rows,
        columns=[
            ListColumn(_("Full name"), lambda r: r["person__name"]),
            ListColumn(_("Unit"), lambda r: r["person__org__name"], HIDE_SM),
            ListColumn(_("Sessions"), lambda r: r["sessions"], "text-end"),
            ListColumn(_("Hours"), lambda r: r["hours"], "text-end"),
        ]
        + [
            ListColumn(label, lambda r, f=f: r[f"n_{f}"], "text-end d-none d-md-table-cell")
            for f, label in StudyForm.choices
        ],
        url_name="study:records",
        export_url_name="study:records_export",
        export=_record_export,
        filename="学习记录",
        template="study/records.html",
        empty=_("No attendance recorded for this year."),
        testid="records",
    )
)
