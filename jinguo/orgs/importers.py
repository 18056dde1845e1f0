"""Import of towns and villages (the levels below the shipped county list)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.paths import parent_path
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope
from jinguo.core.xlsx import Column, Importer, register
from jinguo.orgs.codes import parse_code
from jinguo.orgs.models import Level, OrgUnit
from jinguo.orgs.services import org_bulk_create


def _code(value) -> str:
    code = str(value).strip()
    parsed = parse_code(code)
    if parsed is None or parsed[0] not in (Level.TOWN, Level.VILLAGE):
        raise ValidationError(_("A town code has 9 digits and a village code 12."))
    return code


def _name(value) -> str:
    name = str(value).strip()
    if len(name) > 60:
        raise ValidationError(_("The name is at most 60 characters."))
    return name


@register
class OrgUnitImporter(Importer):
    kind = "orgs"
    title = gettext_lazy("Towns and villages")
    permission = Perm.MANAGE_ORGS

    def get_columns(self):
        return [
            Column(
                "code",
                _("Division code"),
                parse=_code,
                example="150602100",
                help=_(
                    "9 digits for a town or street, 12 for a village or community; the first 6 are the county's code."
                ),
            ),
            Column("name", _("Name"), parse=_name, example="乌兰镇", help=_("The unit's official name.")),
        ]

    def prepare(self, rows):
        paths = {parse_code(r["code"])[1] for r in rows}
        parents = {parent_path(p) for p in paths}
        self.existing = set(OrgUnit.objects.filter(path__in=paths | parents).values_list("path", flat=True))
        self.in_sheet = paths
        self.seen: set[str] = set()

    def clean_row(self, row):
        _level, path = parse_code(row["code"])
        ppath = parent_path(path)
        if path in self.existing:
            raise ValidationError({"code": _("Unit %(code)s already exists.") % {"code": row["code"]}})
        if path in self.seen:
            raise ValidationError({"code": _("Code %(code)s appears twice in the sheet.") % {"code": row["code"]}})
        self.seen.add(path)
        if ppath not in self.existing and ppath not in self.in_sheet:
            raise ValidationError({"code": _("The parent unit of %(code)s does not exist.") % {"code": row["code"]}})
        if not in_scope(self.actor, ppath, Perm.MANAGE_ORGS):
            raise ValidationError({"code": _("%(code)s is outside the units you manage.") % {"code": row["code"]}})
        return row

    def write(self, rows):
        return org_bulk_create(actor=self.actor, rows=[(r["code"], r["name"]) for r in rows])
