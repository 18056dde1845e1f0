"""The people registry's list, declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.lists import register as register_list
from jinguo.people.models import ETHNICITIES, Gender
from jinguo.people.selectors import person_list, person_search

GENDER_LABEL = lists.choice_label(Gender.choices)


class PersonFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(method="search", label=_("Name, ID number or mobile phone"))
    gender = df.ChoiceFilter(choices=Gender.choices, empty_label=_("Any gender"), label=_("Gender"))
    ethnicity = df.ChoiceFilter(
        choices=[(e, e) for e in ETHNICITIES], empty_label=_("Any ethnicity"), label=_("Ethnicity")
    )

    def search(self, qs, name, value):
        return qs.filter(person_search(value)) if value.strip() else qs


def _export(user):
    from jinguo.people.importers import export_columns

    return export_columns(user)


PEOPLE = register_list(
    lists.ListSpec(
        name="people",
        title=_("People"),
        select=lambda user: person_list(user),
        filters=PersonFilters,
        columns=[
            lists.ListColumn(_("Full name"), lists.link("people:detail", "name")),
            lists.ListColumn(_("Gender"), lambda p: GENDER_LABEL(p.gender)),
            lists.ListColumn(_("Ethnicity"), lambda p: p.ethnicity, lists.HIDE_MD),
            lists.ListColumn(_("ID number"), lambda p: p.id_number_masked, f"{lists.HIDE_MD} masked"),
            lists.ListColumn(_("Mobile phone"), lambda p: p.phone_masked or "—", f"{lists.HIDE_SM} masked"),
            lists.ListColumn(_("Org unit"), lambda p: p.org.name),
        ],
        sorts={"unit": (_("By unit"), ("org_path", "name", "pk")), "name": (_("By name"), ("name", "pk"))},
        url_name="people:list",
        export_url_name="people:export",
        export=_export,
        filename="人员名册",
        template="people/list.html",
        empty=_("No person matches. Register one, or import a sheet."),
        testid="people-table",
        seek=True,
        export_fields=(  # what people.importers.export_columns reads
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number_enc",
            "id_number_masked",
            "phone_enc",
            "phone_masked",
            "org_path",
            "org__code",
            "org__name",
        ),
    )
)
