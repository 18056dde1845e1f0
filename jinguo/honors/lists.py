"""The honours lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from jinguo.core.lists import HIDE_MD, HIDE_SM, ListColumn, ListFilterSet, ListSpec, SearchFilter, UnitFilter, register
from jinguo.core.xlsx import Column
from jinguo.honors import selectors as sel
from jinguo.honors.models import AwardLevel, HonourTitle, NominationState


class HonourFilters(ListFilterSet):
    under = UnitFilter()
    q = SearchFilter(field_name="holder_name", lookup_expr="contains", label=_("Holder"))
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


HONOURS = register(
    ListSpec(
        name="honours",
        title=_("Honour registry"),
        select=lambda user: sel.honour_list(user),
        filters=HonourFilters,
        columns=[
            ListColumn(_("Holder"), lambda h: h.holder_name),
            ListColumn(_("Title"), lambda h: h.title.name),
            ListColumn(_("Year"), lambda h: h.year),
            ListColumn(_("Level"), lambda h: h.get_level_display(), HIDE_SM),
            ListColumn(_("Org unit"), lambda h: h.org.name, HIDE_MD),
            ListColumn(_("Certificate number"), lambda h: h.certificate_no, HIDE_MD),
            ListColumn(_("Revoked"), lambda h: _("revoked") if h.revoked_at else "", HIDE_SM),
        ],
        url_name="honors:honours",
        export_url_name="honors:honours_export",
        export=_honour_export,
        filename="荣誉名录",
        empty=_("No honour matches."),
        testid="honour-table",
    )
)


class NominationFilters(ListFilterSet):
    under = UnitFilter()
    state = df.ChoiceFilter(choices=NominationState.choices, empty_label=_("Any state"), label=_("State"))
    flagged = df.BooleanFilter(label=_("Flagged"))


# Not registered yet: the nominations list has no export nor API list so far (core/tests/test_lists.py checks
# every registered list for all three).
NOMINATIONS = ListSpec(
    name="nominations",
    title=_("Nominations"),
    select=lambda user: sel.nomination_list(user),
    filters=NominationFilters,
    columns=[
        ListColumn(_("Nominee"), lambda n: n.nominee_name),
        ListColumn(_("Programme"), lambda n: n.programme.name, HIDE_SM),
        ListColumn(_("Org unit"), lambda n: n.org.name, HIDE_MD),
        ListColumn(_("State"), lambda n: n.get_state_display()),
        ListColumn(_("Score"), lambda n: "—" if n.score is None else n.score, HIDE_SM),
        ListColumn(_("Flag"), lambda n: n.flag_note, HIDE_MD),
    ],
    url_name="honors:nominations",
    empty=_("No nomination matches."),
    testid="nomination-table",
)
