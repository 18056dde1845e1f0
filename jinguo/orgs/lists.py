"""The org units' list (search), declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core.lists import HIDE_MD, ListColumn, ListFilterSet, ListSpec, SearchFilter, UnitFilter, register
from jinguo.core.roles import Perm
from jinguo.core.xlsx import Column
from jinguo.orgs.models import Level
from jinguo.orgs.selectors import org_list, org_search


class OrgFilters(ListFilterSet):
    under = UnitFilter(path_field="path", perm=Perm.SEE_TREE)
    q = SearchFilter(method="search", label=_("Name, pinyin initials (eeds) or code"))
    level = df.ChoiceFilter(choices=Level.choices, empty_label=_("All levels"), label=_("Level"))

    def search(self, qs, name, value):
        return qs.filter(org_search(value)) if value.strip() else qs


def _name(o):
    url = f"/orgs/?code={o.code}"
    if o.is_generated:
        return format_html('<a href="{}">{}</a> <span class="badge bg-yellow-lt">{}</span>', url, o.name, _("demo"))
    return format_html('<a href="{}">{}</a>', url, o.name)


def _export(user):
    from jinguo.orgs.importers import OrgUnitImporter

    formats = {"code": lambda o: o.code, "name": lambda o: o.name}
    columns = OrgUnitImporter(user).get_columns()
    for c in columns:
        c.format = formats[c.key]
    return columns + [
        Column("level", _("Level"), required=False, format=lambda o: str(o.get_level_display())),
        Column("parent_code", _("Parent code"), required=False, format=lambda o: o.parent.code if o.parent else ""),
        Column("parent", _("Parent"), required=False, format=lambda o: o.parent.name if o.parent else ""),
    ]


ORGS = register(
    ListSpec(
        name="orgs",
        title=_("Org units"),
        select=lambda user: org_list(user),
        filters=OrgFilters,
        permission=None,  # the tree is read by every signed-in user, each within their units
        columns=[
            ListColumn(_("Name"), _name),
            ListColumn(_("Division code"), lambda o: o.code),
            ListColumn(_("Level"), lambda o: o.get_level_display()),
            ListColumn(_("Parent"), lambda o: o.parent.name if o.parent else "—", HIDE_MD),
        ],
        url_name="orgs:search",
        export_url_name="orgs:export",
        export=_export,
        filename="组织机构",
        template="orgs/search.html",
        empty=_("No unit matches."),
        testid="org-table",
    )
)
