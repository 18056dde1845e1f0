"""The outreach lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.xlsx import Column
from jinguo.orgs.models import Level
from jinguo.outreach import selectors as sel
from jinguo.outreach.models import Campaign, LectureKind, LectureState
from jinguo.outreach.services import TEAM_LEVELS
from jinguo.planning.selectors import theme_list, theme_subtree_ids


class LectureFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="title", lookup_expr="contains", label=_("Title"))
    period = lists.PeriodFilter(field_name="date", widget=forms.TextInput(attrs={"placeholder": "2026Q3"}))
    state = df.ChoiceFilter(choices=LectureState.choices, empty_label=_("Any state"), label=_("State"))
    kind = df.ChoiceFilter(choices=LectureKind.choices, empty_label=_("Any kind"), label=_("Kind"))
    campaign = lists.ActiveChoiceFilter(
        queryset=lambda request: sel.lookup_choices(Campaign), empty_label=_("Any campaign"), label=_("Campaign")
    )
    theme = lists.ActiveChoiceFilter(
        queryset=lambda request: theme_list(request.user), method="by_theme", widget=forms.HiddenInput, label=_("Theme")
    )

    when = df.ChoiceFilter(
        choices=[("recent", _("Held or due")), ("planned", _("Planned ahead")), ("all", _("Any date"))],
        method="by_when",
        empty_label=None,
        label=_("When"),
    )
    # The list opens on work done and due (up to today, newest first), not on next month's plans.
    defaults = {"when": lambda: "recent"}

    def by_theme(self, qs, name, theme):
        return qs.filter(theme_id__in=theme_subtree_ids(theme)) if theme else qs

    def by_when(self, qs, name, value):
        today = timezone.localdate()
        if value == "planned":
            return qs.filter(date__gt=today)
        if value == "recent" and not self.data.get("period"):  # a chosen period shows all of it
            return qs.filter(date__lte=today)
        return qs


STATE_COLOURS = {LectureState.VERIFIED: "bg-green-lt", LectureState.HELD: "bg-blue-lt"}
KIND_LABEL, STATE_LABEL = lists.choice_label(LectureKind.choices), lists.choice_label(LectureState.choices)


def _lecture_export(user):
    from jinguo.outreach.importers import export_columns

    return export_columns(user)


LECTURES = lists.register(
    lists.ListSpec(
        name="lectures",
        title=_("Lectures"),
        select=lambda user: sel.lecture_list(user),
        filters=LectureFilters,
        rows=sel.with_lecturers,
        columns=[
            lists.ListColumn(
                _("Date"),
                lambda lec: lec.date.isoformat(),  # with its year, on a phone too
                "text-nowrap",
            ),
            lists.ListColumn(
                _("Title"),
                lists.link("outreach:lecture", "title", lambda lec: f"{KIND_LABEL(lec.kind)} · {lec.theme.title}"),
            ),
            lists.ListColumn(_("Lecturers"), lambda lec: "、".join(p.name for p in lec.lecturers.all()), lists.HIDE_MD),
            lists.ListColumn(_("Org unit"), lambda lec: lec.org.name),
            lists.ListColumn(
                _("Audience"),
                lambda lec: "—" if lec.audience_count is None else intcomma(lec.audience_count),
                lists.HIDE_SM,
            ),
            lists.ListColumn(
                _("State"),
                lists.badge(
                    lambda lec: STATE_LABEL(lec.state), lambda lec: STATE_COLOURS.get(lec.state, "bg-secondary-lt")
                ),
            ),
        ],
        sorts={
            "newest": (_("Newest first"), ("-date", "-pk")),
            "oldest": (_("Oldest first"), ("date", "pk")),
        },
        url_name="outreach:lectures",
        export_url_name="outreach:lecture_export",
        export=_lecture_export,
        filename="宣讲活动",
        template="outreach/lecture_list.html",
        empty=_("No lecture matches. Record one, or import a sheet."),
        testid="lecture-table",
        seek=True,
    )
)


class TeamFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    level = df.ChoiceFilter(
        field_name="org__level",
        choices=[(lv, label) for lv, label in Level.choices if lv in TEAM_LEVELS],
        empty_label=_("All levels"),
        label=_("Level"),
    )


TEAMS = lists.register(
    lists.ListSpec(
        name="teams",
        title=_("Lecture teams"),
        select=lambda user: sel.team_list(user),
        filters=TeamFilters,
        columns=[
            lists.ListColumn(_("Name"), lists.link("outreach:team", "name")),
            lists.ListColumn(_("Org unit"), lambda t: t.org.name),
            lists.ListColumn(_("Level"), lambda t: t.org.get_level_display(), lists.HIDE_SM),
            lists.ListColumn(_("Lecturers"), lambda t: t.n_members),
        ],
        url_name="outreach:teams",
        export_url_name="outreach:team_export",
        export=lambda user: [
            Column("name", _("Name"), format=lambda t: t.name),
            Column("org_code", _("Org unit code"), format=lambda t: t.org.code),
            Column("org", _("Org unit"), format=lambda t: t.org.name),
            Column("level", _("Level"), format=lambda t: str(t.org.get_level_display())),
            Column("members", _("Lecturers"), format=lambda t: t.n_members),
            Column("description", _("Description"), format=lambda t: t.description),
        ],
        filename="宣讲团",
        template="outreach/team_list.html",
        empty=_("No lecture team yet."),
        testid="team-table",
    )
)
