"""The volunteer service's lists, each declared once for its page, its export and its API list (core.lists):
teams, volunteers, projects, activities and service records. The records' export is the national volunteer
data format: the hours import's columns, then the national columns (ID type and number, start, end, state)."""

import django_filters as df
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.lists import register as register_list
from jinguo.core.xlsx import Column
from jinguo.volunteer import selectors as sel
from jinguo.volunteer.models import Action, RecordState, Tally


def _tally(kind: str):
    """All-time approved hours (tenths) of each row, read with the row (no query per row)."""
    rows = Tally.objects.filter(kind=kind, ref=OuterRef("pk"), period=Tally.ALL).values("tenths")[:1]
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _hours(obj) -> str:
    return f"{obj.tenths / 10:g}"


# --- teams -----------------------------------------------------------------------------------------------------


class TeamFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="name", lookup_expr="contains", label=_("Brand name"))
    active = df.BooleanFilter(label=_("Active"))


TEAMS = register_list(
    lists.ListSpec(
        name="volunteer_teams",
        title=_("Volunteer teams"),
        select=sel.team_list,
        filters=TeamFilters,
        rows=lambda qs: qs.annotate(tenths=_tally(Tally.Kind.TEAM)),
        columns=[
            lists.ListColumn(_("Team"), lists.link("volunteer:team", "name", lambda t: t.org.name)),
            lists.ListColumn(_("Leader"), lambda t: t.leader.name if t.leader_id else "—", lists.HIDE_SM),
            lists.ListColumn(_("Founded"), lambda t: t.founded.isoformat() if t.founded else "—", lists.HIDE_MD),
            lists.ListColumn(_("Members"), lambda t: t.n_members, "text-end"),
            lists.ListColumn(_("Hours"), _hours, "text-end"),
        ],
        url_name="volunteer:teams",
        export_url_name="volunteer:teams_export",
        export=lambda user: [
            Column("name", _("Brand name"), format=lambda t: t.name),
            Column("org_code", _("Org unit code"), format=lambda t: t.org.code),
            Column("org", _("Org unit"), format=lambda t: t.org.name),
            Column("leader", _("Leader"), format=lambda t: t.leader.name if t.leader_id else ""),
            Column("founded", _("Founded"), format=lambda t: t.founded),
            Column("members", _("Members"), format=lambda t: t.n_members),
            Column("hours", _("Hours"), format=lambda t: t.tenths / 10),
        ],
        filename="志愿服务队",
        template="volunteer/teams.html",
        empty=_("No volunteer team matches."),
        testid="volunteer-teams",
    )
)


# --- volunteers ------------------------------------------------------------------------------------------------


class VolunteerFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="person__name", lookup_expr="contains", label=_("Full name"))
    skill = lists.SearchFilter(field_name="skills", lookup_expr="contains", label=_("Skill"), max_length=40)
    active = df.BooleanFilter(label=_("Active"))


def _volunteer_export(user):
    from jinguo.volunteer.importers import VolunteerImporter

    return VolunteerImporter(user).get_columns() + [
        Column("hours_total", _("Hours"), required=False, format=lambda v: float(v.hours_total)),
        Column("active", _("Active"), required=False, format=lambda v: str(_("yes") if v.active else _("no"))),
    ]


VOLUNTEERS = register_list(
    lists.ListSpec(
        name="volunteers",
        title=_("Volunteers"),
        select=sel.volunteer_list,
        filters=VolunteerFilters,
        rows=lambda qs: qs.prefetch_related("memberships__team"),
        columns=[
            lists.ListColumn(_("Full name"), lists.link("volunteer:volunteer", "__str__", lambda v: v.org.name)),
            lists.ListColumn(_("Skills"), lambda v: v.skills or "—", lists.HIDE_SM),
            lists.ListColumn(
                _("Teams"),
                lambda v: "、".join(m.team.name for m in v.memberships.all() if m.active) or "—",
                lists.HIDE_MD,
            ),
            lists.ListColumn(_("Registered on"), lambda v: v.joined.isoformat(), lists.HIDE_MD),
            lists.ListColumn(_("Hours"), lambda v: f"{v.hours_total:g}", "text-end"),
        ],
        sorts={
            "unit": (_("By unit"), ("org_path", "pk")),
            "hours": (_("Most hours first"), ("-hours_total", "pk")),
        },
        url_name="volunteer:volunteers",
        export_url_name="volunteer:volunteers_export",
        export=_volunteer_export,
        filename="志愿者名册",
        template="volunteer/volunteers.html",
        empty=_("No volunteer matches. Register one, or import a sheet."),
        testid="volunteers",
    )
)


# --- projects --------------------------------------------------------------------------------------------------


class ProjectFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="name", lookup_expr="contains", label=_("Brand name"))
    action = df.ChoiceFilter(choices=Action.choices, empty_label=_("Any 巾帼行动"), label=_("巾帼行动"))
    excellent = df.BooleanFilter(label=_("十大优秀项目"))


PROJECTS = register_list(
    lists.ListSpec(
        name="volunteer_projects",
        title=_("Volunteer projects"),
        select=sel.project_list,
        filters=ProjectFilters,
        rows=lambda qs: qs.annotate(tenths=_tally(Tally.Kind.PROJECT)),
        columns=[
            lists.ListColumn(_("Project"), lists.link("volunteer:project", "name", lambda p: p.org.name)),
            lists.ListColumn(_("巾帼行动"), lambda p: p.get_action_display(), lists.HIDE_SM),
            lists.ListColumn(_("十送 category"), lambda p: p.delivery.name if p.delivery_id else "—", lists.HIDE_MD),
            lists.ListColumn(_("Team"), lambda p: p.team.name if p.team_id else "—", lists.HIDE_MD),
            lists.ListColumn(_("Hours"), _hours, "text-end"),
        ],
        url_name="volunteer:projects",
        export_url_name="volunteer:projects_export",
        export=lambda user: [
            Column("name", _("Brand name"), format=lambda p: p.name),
            Column("org_code", _("Org unit code"), format=lambda p: p.org.code),
            Column("org", _("Org unit"), format=lambda p: p.org.name),
            Column("action", _("巾帼行动"), format=lambda p: str(p.get_action_display())),
            Column("delivery", _("十送 category"), format=lambda p: p.delivery.name if p.delivery_id else ""),
            Column("team", _("Team"), format=lambda p: p.team.name if p.team_id else ""),
            Column("started", _("Started"), format=lambda p: p.started),
            Column("excellent", _("十大优秀项目"), format=lambda p: str(_("yes") if p.excellent else "")),
            Column("hours", _("Hours"), format=lambda p: p.tenths / 10),
        ],
        filename="志愿服务项目",
        template="volunteer/projects.html",
        empty=_("No volunteer project matches."),
        testid="volunteer-projects",
    )
)


# --- activities ------------------------------------------------------------------------------------------------


class ActivityFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="title", lookup_expr="contains", label=_("Title"))
    period = lists.PeriodFilter(field_name="date")


ACTIVITIES = register_list(
    lists.ListSpec(
        name="volunteer_activities",
        title=_("Volunteer activities"),
        select=sel.activity_list,
        filters=ActivityFilters,
        rows=lambda qs: qs.annotate(n_shifts=Count("shifts")),
        columns=[
            lists.ListColumn(_("Date"), lambda a: a.date.isoformat(), "text-nowrap"),
            lists.ListColumn(_("Activity"), lists.link("volunteer:activity", "title", lambda a: a.org.name)),
            lists.ListColumn(_("Project"), lambda a: a.project.name, lists.HIDE_SM),
            lists.ListColumn(_("Shifts"), lambda a: a.n_shifts, "text-end"),
        ],
        url_name="volunteer:activities",
        export_url_name="volunteer:activities_export",
        export=lambda user: [
            Column("date", _("Date"), format=lambda a: a.date),
            Column("title", _("Title"), format=lambda a: a.title),
            Column("project", _("Project"), format=lambda a: a.project.name),
            Column("org_code", _("Org unit code"), format=lambda a: a.org.code),
            Column("org", _("Org unit"), format=lambda a: a.org.name),
            Column("place", _("Place"), format=lambda a: a.place),
            Column("venue", _("Venue"), format=lambda a: a.venue.name if a.venue_id else ""),
            Column("shifts", _("Shifts"), format=lambda a: a.n_shifts),
        ],
        filename="志愿服务活动",
        template="volunteer/activities.html",
        empty=_("No volunteer activity matches."),
        testid="volunteer-activities",
    )
)


# --- service records -------------------------------------------------------------------------------------------


class RecordFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="volunteer__person__name", lookup_expr="contains", label=_("Volunteer"))
    period = lists.PeriodFilter(field_name="date")
    state = df.ChoiceFilter(choices=RecordState.choices, empty_label=_("Any state"), label=_("State"))
    backfilled = df.BooleanFilter(label=_("Back-filled"))
    volunteer = df.NumberFilter(
        field_name="volunteer_id", label=_("Volunteer number"), min_value=1, max_value=9_999_999_999
    )


STATE_COLOURS = {
    RecordState.OPEN: "bg-blue-lt",
    RecordState.SHORT: "bg-secondary-lt",
    RecordState.PENDING: "bg-yellow-lt",
    RecordState.APPROVED: "bg-green-lt",
    RecordState.DECLINED: "bg-red-lt",
}


def national_columns(user) -> list[Column]:
    """The national volunteer data format's columns (全国志愿服务信息系统 服务时长): declared once, after the hours
    import's own. ID numbers are in clear only where the user may reveal them, masked elsewhere."""
    from jinguo.core import crypto
    from jinguo.core.roles import Perm
    from jinguo.core.scope import scope_paths

    reveal = tuple(scope_paths(user, Perm.REVEAL))

    def id_number(r) -> str:
        p = r.volunteer.person
        return crypto.decrypt(p.id_number_enc) if reveal and p.org_path.startswith(reveal) else p.id_number_masked

    def local(dt):
        return timezone.localtime(dt).replace(tzinfo=None) if dt else None

    return [
        Column("id_type", _("ID type"), required=False, format=lambda r: str(_("Resident ID card"))),
        Column("id_number", _("ID number"), required=False, format=id_number),
        Column(
            "start",
            _("Service start"),
            required=False,
            format=lambda r: local(r.shift.starts_at) if r.shift_id else r.date,
        ),
        Column(
            "end", _("Service end"), required=False, format=lambda r: local(r.shift.ends_at) if r.shift_id else r.date
        ),
        Column("checkin", _("Checked in"), required=False, format=lambda r: local(r.checkin_at)),
        Column("checkout", _("Checked out"), required=False, format=lambda r: local(r.checkout_at)),
        Column("backfilled", _("Back-filled"), required=False, format=lambda r: str(_("yes") if r.backfilled else "")),
        Column("state", _("State"), required=False, format=lambda r: str(r.get_state_display())),
    ]


def _record_export(user):
    from jinguo.volunteer.importers import HoursImporter

    return HoursImporter(user).get_columns() + national_columns(user)


RECORDS = register_list(
    lists.ListSpec(
        name="volunteer_records",
        title=_("Service records"),
        select=sel.record_list,
        filters=RecordFilters,
        columns=[
            lists.ListColumn(_("Date"), lambda r: r.date.isoformat(), "text-nowrap"),
            lists.ListColumn(_("Volunteer"), lists.link("volunteer:record", "volunteer", lambda r: r.org.name)),
            lists.ListColumn(_("Project"), lambda r: r.project.name if r.project_id else "—", lists.HIDE_SM),
            lists.ListColumn(_("Hours"), lambda r: f"{r.hours:g}" + (" *" if r.backfilled else ""), "text-end"),
            lists.ListColumn(
                _("State"), lists.badge(lambda r: r.get_state_display(), lambda r: STATE_COLOURS.get(r.state, ""))
            ),
        ],
        url_name="volunteer:records",
        export_url_name="volunteer:records_export",
        export=_record_export,
        filename="志愿服务记录",
        template="volunteer/records.html",
        empty=_("No service record matches."),
        testid="volunteer-records",
    )
)
