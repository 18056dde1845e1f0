"""Import and export of the five micro-lines (core.xlsx): one importer a line, built from one declaration; every row
checked with the service's own rule (services.clean_record) before any is written."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jinguo.core.xlsx import ChoiceColumn, Column, DateColumn, Importer, NumberColumn, TextColumn, register
from jinguo.governance import services
from jinguo.governance.lines import LINES, Line
from jinguo.governance.models import MicroOrg, MicroOrgKind
from jinguo.governance.selectors import micro_org_choices
from jinguo.orgs.columns import OrgColumn
from jinguo.people.columns import PersonColumn

# The names the article and the villages use, whatever the interface language.
KIND_ALIASES = {
    "妇女议事会": "council",
    "议事会": "council",
    "志愿服务队": "volunteers",
    "志愿队": "volunteers",
    "兴趣小组": "interest",
    "其他": "other",
}


def _people(person) -> str:
    return person.name if person else ""


def _columns(line: Line) -> list[Column]:
    model = line.model
    cols: list[Column] = [
        OrgColumn("org_code", _("Village code"), example="150821100200"),
        DateColumn("date", _("Set up on") if model is MicroOrg else _("Date"), format=lambda r: r.date),
        TextColumn("title", _("Name") if model is MicroOrg else _("Title"), model=model, example="妇女议事会"),
    ]
    if model is MicroOrg:
        cols += [
            ChoiceColumn(
                "kind",
                _("Kind"),
                choices=MicroOrgKind.choices,
                aliases=KIND_ALIASES,
                example="妇女议事会",
                format=lambda r: str(r.get_kind_display()),
            ),
            PersonColumn("leader", _("Leader"), required=False, format=lambda r: _people(r.leader)),
            PersonColumn(
                "members",
                _("Members"),
                required=False,
                help=_("Names or ID numbers of registered people, separated by 、."),
                format=lambda r: "、".join(p.name for p in r.members.all()),
            ),
        ]
    else:
        cols.append(NumberColumn("participants", _("Participants"), model=model, required=False, example="12"))
    if "households" in line.extra:
        cols.append(NumberColumn("households", _("Households served"), model=model, required=False, example="8"))
    if "micro_org" in line.extra:
        cols.append(
            Column(
                "micro_org",
                _("By the micro-organisation"),
                required=False,
                parse=lambda v: " ".join(str(v).split()),
                help=_("The name of a micro-organisation of the same village; may be left empty."),
                format=lambda r: r.micro_org.title if r.micro_org_id else "",
            )
        )
    if "household" in line.extra:
        cols += [
            TextColumn("household", _("Household"), model=model, example="张家"),
            DateColumn("due", _("Due"), required=False, format=lambda r: r.due),
        ]
    if "raised_by" in line.extra:
        cols.append(TextColumn("raised_by", _("Raised by"), model=model, required=False))
    cols.append(TextColumn("outcome", _("Outcome"), model=model, required=False))
    return cols


class RecordImporter(Importer):
    line: Line

    def get_columns(self):
        return _columns(self.line)

    def prepare(self, rows):
        self.micro_orgs: dict[tuple[int, str], MicroOrg] = {}
        if "micro_org" in self.line.extra:
            for mo in micro_org_choices(self.actor):
                self.micro_orgs[(mo.org_id, mo.title)] = mo

    @staticmethod
    def _person(ref, field: str, errors: dict):
        if len(ref.candidates) == 1:
            return ref.candidates[0]
        if ref.candidates:
            msg = _("Several people are called “%(name)s”: give the ID number too.") % {"name": ref.name}
        else:
            msg = _("“%(ref)s” is not in the people registry of your units.") % {"ref": ref.token}
        errors.setdefault(field, []).append(msg)
        return None

    def clean_row(self, row):
        errors: dict[str, list[str]] = {}
        org = row["org_code"]
        data = {k: v for k, v in row.items() if k not in ("org_code", "members", "leader", "micro_org")}
        members = []
        if self.line.model is MicroOrg:
            leaders = row.get("leader") or []
            if len(leaders) > 1:
                errors["leader"] = [_("Name one leader.")]
            elif leaders:
                data["leader"] = self._person(leaders[0], "leader", errors)
            members = [p.pk for ref in row.get("members") or [] if (p := self._person(ref, "members", errors))]
        if row.get("micro_org") and org is not None:
            mo = self.micro_orgs.get((org.pk, row["micro_org"]))
            if mo is None:
                errors["micro_org"] = [_("Choose a micro-organisation of the same village.")]
            data["micro_org"] = mo
        try:
            record = services.clean_record(actor=self.actor, model=self.line.model, org=org, data=data, members=members)
        except ValidationError as e:
            for k, v in e.message_dict.items():
                errors.setdefault("org_code" if k == "org" else k, v)
            record = None
        if errors:
            raise ValidationError(errors)
        return {"record": record}

    def write(self, rows):
        return services.records_bulk_create(
            actor=self.actor, model=self.line.model, records=[r["record"] for r in rows]
        )


IMPORTERS = {
    line.key: register(
        type(
            f"{line.model.__name__}Importer",
            (RecordImporter,),
            {"kind": f"governance_{line.key}", "title": line.title, "line": line},
        )
    )
    for line in LINES
}


def export_columns(user, line: Line) -> list[Column]:
    """A line's export: the import's columns, then what only the record knows (not read back)."""
    extra = [
        Column("org", _("Village"), required=False, format=lambda r: r.org.name),
        Column("town", _("Town"), required=False, format=lambda r: r.org.parent.name if r.org.parent_id else ""),
    ]
    if hasattr(line.model, "state"):
        extra.append(Column("state", _("State"), required=False, format=lambda r: str(r.get_state_display())))
    return IMPORTERS[line.key](user).get_columns() + extra
