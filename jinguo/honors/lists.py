"""The honours lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.xlsx import Column
from jinguo.honors import selectors as sel
from jinguo.honors.models import AwardLevel, Channel, HonourTitle, NominationState, RecommendationState


class HonourFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="holder_name", lookup_expr="contains", label=_("Holder"))
    title = df.ModelChoiceFilter(queryset=HonourTitle.objects.all(), empty_label=_("Any title"), label=_("Title"))
    year = df.NumberFilter(field_name="year", label=_("Year"), min_value=1950, max_value=2100)
    level = df.ChoiceFilter(choices=AwardLevel.choices, empty_label=_("Any level"), label=_("Level"))
    revoked = df.BooleanFilter(field_name="revoked_at", lookup_expr="isnull", exclude=True, label=_("Revoked"))


def _honour_export(user):
    return [
        Column("holder", _("Holder"), format=lambda h: h.holder_name),
        Column("title", _("Title"), format=lambda h: h.title.name),
        Column("level", _("Level"), format=lambda h: str(h.get_level_display())),
        Column("year", _("Year"), format=lambda h: h.year),
        Column("unit", _("Org unit"), format=lambda h: h.org.name),
        Column("certificate", _("Certificate number"), format=lambda h: h.certificate_no),
        Column("revoked", _("Revoked"), required=False, format=lambda h: h.revoke_reason if h.revoked_at else ""),
    ]


HONOURS = lists.register(
    lists.ListSpec(
        name="honours",
        title=_("Honour registry"),
        select=lambda user: sel.honour_list(user),
        filters=HonourFilters,
        columns=[
            lists.ListColumn(_("Holder"), lists.link("honors:honour", "holder_name")),
            lists.ListColumn(_("Title"), lambda h: h.title.name),
            lists.ListColumn(_("Year"), lambda h: h.year),
            lists.ListColumn(_("Level"), lambda h: h.get_level_display(), lists.HIDE_SM),
            lists.ListColumn(_("Org unit"), lambda h: h.org.name, lists.HIDE_MD),
            lists.ListColumn(_("Certificate number"), lambda h: h.certificate_no, lists.HIDE_MD),
            lists.ListColumn(_("Revoked"), lambda h: _("revoked") if h.revoked_at else "", lists.HIDE_SM),
        ],
        url_name="honors:honours",
        export_url_name="honors:honours_export",
        template="honors/honour_list.html",
        context=lambda request: {"map_period": str(timezone.localdate().year - 1)},
        export=_honour_export,
        filename="荣誉名录",
        empty=_("No honour matches."),
        testid="honour-table",
    )
)


def _programmes(request):
    return sel.programme_list(request.user) if request is not None else HonourTitle.objects.none()


class NominationFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(method="search", label=_("Nominee"))
    programme = lists.ActiveChoiceFilter(queryset=_programmes, empty_label=_("Any programme"), label=_("Programme"))
    state = df.ChoiceFilter(choices=NominationState.choices, empty_label=_("Any state"), label=_("State"))
    channel = df.ChoiceFilter(choices=Channel.choices, empty_label=_("Any channel"), label=_("Channel"))
    year = df.NumberFilter(field_name="programme__year", label=_("Year"), min_value=2000, max_value=2100)
    flagged = df.BooleanFilter(label=_("Flagged"))

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(person__name__contains=value)
            | Q(group_name__contains=value)
            | Q(family_name__contains=value)
            | Q(collective_org__name__contains=value)
        )


def _nomination_export(user):
    return [
        Column("nominee", _("Nominee"), format=lambda n: n.nominee_name),
        Column("programme", _("Programme"), format=lambda n: n.programme.name),
        Column("year", _("Year"), format=lambda n: n.programme.year),
        Column("unit", _("Nominating unit"), format=lambda n: n.org.name),
        Column("nominee_unit", _("Nominee's unit"), required=False, format=lambda n: n.nominee_unit),
        Column("kind", _("Kind"), format=lambda n: str(n.get_kind_display())),
        Column("channel", _("Channel"), format=lambda n: str(n.get_channel_display())),
        Column("state", _("State"), format=lambda n: str(n.get_state_display())),
        Column("score", _("Score"), required=False, format=lambda n: "" if n.score is None else float(n.score)),
        Column("summary", _("Deeds summary"), format=lambda n: n.summary),
        Column("flag", _("Flag"), required=False, format=lambda n: n.flag_note),
        Column(
            "submitted",
            _("Submitted"),
            required=False,
            format=lambda n: timezone.localtime(n.submitted_at).strftime("%Y-%m-%d %H:%M") if n.submitted_at else "",
        ),
    ]


NOMINATIONS = lists.register(
    lists.ListSpec(
        name="nominations",
        title=_("Nominations"),
        select=lambda user: sel.nomination_list(user),
        filters=NominationFilters,
        columns=[
            lists.ListColumn(_("Nominee"), lists.link("honors:nomination", "nominee_name", lambda n: n.org.name)),
            lists.ListColumn(_("Programme"), lambda n: n.programme.name, lists.HIDE_SM),
            lists.ListColumn(_("Channel"), lambda n: n.get_channel_display(), lists.HIDE_MD),
            lists.ListColumn(_("State"), lambda n: n.get_state_display(), testid="nomination-state"),
            lists.ListColumn(_("Score"), lambda n: "—" if n.score is None else n.score, lists.HIDE_SM),
            lists.ListColumn(_("Flag"), lambda n: n.flag_note, lists.HIDE_MD),
        ],
        url_name="honors:nominations",
        export_url_name="honors:nominations_export",
        export=_nomination_export,
        sorts={
            "new": (_("Newest first"), ("-pk",)),
            "score": (_("Highest score first"), ("-score", "submitted_at", "pk")),
        },
        filename="提名名单",
        empty=_("No nomination matches."),
        testid="nomination-table",
        template="honors/nomination_list.html",
    )
)


# --- the national submission form (推): its columns, declared once -------------------------------------------


def _person(r):
    return r.honour.holder


NATIONAL_FORM = [
    Column("name", _("Name"), format=lambda r: r.honour.holder_name),
    Column(
        "gender",
        _("Gender"),
        required=False,
        format=lambda r: str(_person(r).get_gender_display()) if _person(r) else "",
    ),
    Column("ethnicity", _("Ethnicity"), required=False, format=lambda r: _person(r).ethnicity if _person(r) else ""),
    Column(
        "birth",
        _("Birth date"),
        required=False,
        format=lambda r: _person(r).birth_date.isoformat() if _person(r) else "",
    ),
    Column(
        "id_number", _("ID number"), required=False, format=lambda r: _person(r).id_number_masked if _person(r) else ""
    ),
    Column("unit", _("Unit and position"), format=lambda r: r.position or r.org.name),
    Column("league", _("League / city"), format=lambda r: league_of(r.org)),
    Column("title", _("Title recommended"), format=lambda r: r.title.name),
    Column("year", _("Year"), format=lambda r: r.year),
    Column(
        "held",
        _("Honour held"),
        format=lambda r: f"{r.honour.year} {r.honour.title.name} ({r.honour.get_level_display()})",
    ),
    Column("deeds", _("Main deeds"), format=lambda r: r.reason),
    Column("state", _("Outcome"), required=False, format=lambda r: str(r.get_state_display())),
    Column("note", _("Outcome note"), required=False, format=lambda r: r.outcome_note),
]


def league_of(org) -> str:
    """The name of the league a unit is in (its parents are select_related by the list's `rows`)."""
    while org is not None and org.level not in ("league", "province"):
        org = org.parent
    return org.name if org is not None and org.level == "league" else ""


class RecommendationFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    year = df.NumberFilter(field_name="year", label=_("Year"), min_value=2000, max_value=2100)
    state = df.ChoiceFilter(choices=RecommendationState.choices, empty_label=_("Any outcome"), label=_("Outcome"))


def _recommended(r):
    return format_html(
        '<a href="{}">{}</a><div class="text-secondary small">{}</div>',
        reverse("honors:honour", args=[r.honour_id]),
        r.honour.holder_name,
        r.org.name,
    )


RECOMMENDATIONS = lists.register(
    lists.ListSpec(
        name="recommendations",
        title=_("Recommended upward"),
        select=lambda user: sel.recommendation_list(user),
        filters=RecommendationFilters,
        columns=[
            lists.ListColumn(_("Name"), _recommended),
            lists.ListColumn(_("Title recommended"), lambda r: r.title.name),
            lists.ListColumn(_("Year"), lambda r: r.year),
            lists.ListColumn(_("Outcome"), lambda r: r.get_state_display(), testid="recommendation-state"),
            lists.ListColumn(_("Main deeds"), lambda r: r.reason, lists.HIDE_MD),
        ],
        url_name="honors:recommendations",
        export_url_name="honors:recommendations_export",
        export=lambda user: NATIONAL_FORM,
        rows=lambda qs: qs.select_related("org__parent__parent__parent"),
        filename="全国推荐表",
        empty=_("No recommendation yet."),
        testid="recommendation-table",
    )
)
