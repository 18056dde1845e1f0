"""Import of people into the registry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import bulk
from jinguo.core.roles import Perm
from jinguo.core.xlsx import ChoiceColumn, Column, DateColumn, IdNumberColumn, Importer, register
from jinguo.orgs.columns import OrgColumn
from jinguo.people.columns import PhoneColumn
from jinguo.people.idcard import normalize
from jinguo.people.models import ETHNICITIES, Gender, Person
from jinguo.people.services import already_registered, build_person, id_hash, person_bulk_create
from jinguo.people.validation import clean_person


def _text(value) -> str:
    return str(value).strip()


@register
class PersonImporter(Importer):
    kind = "people"
    title = gettext_lazy("People")
    permission = Perm.WRITE

    def get_columns(self):
        return [
            Column("name", _("Full name"), parse=_text, example="其其格", help=_("Full name, at most 40 characters.")),
            ChoiceColumn(
                "gender",
                _("Gender"),
                choices=Gender.choices,
                example="女",
                help=_("女 or 男; must match the ID number."),
            ),
            Column(
                "ethnicity",
                _("Ethnicity"),
                parse=_text,
                example="蒙古族",
                help=_("One of the 56 ethnic groups."),
                choices=lambda: list(ETHNICITIES),
            ),
            DateColumn(
                "birth_date",
                _("Birth date"),
                example="1985-03-08",
                help=_("A date such as 1985-03-08; must match the ID number."),
            ),
            IdNumberColumn(
                "id_number",
                _("ID number"),
                example="",
                help=_("18 characters with a valid check digit. Each person is registered once."),
            ),
            PhoneColumn("phone", _("Mobile phone"), required=False, help=_("11 digits; may be left empty.")),
            OrgColumn(
                "org_code",
                _("Org unit code"),
                example="150602",
                help=_("The division code of the unit the person belongs to, within your own units."),
            ),
        ]

    def prepare(self, rows):
        # Each number's hash once for the whole import: the duplicate checks and the written record reuse it.
        self.hashes = {n: id_hash(n) for r in rows if r.get("id_number") for n in [normalize(str(r["id_number"]))]}
        self.existing: set[str] = bulk.existing(Person, "id_number_hash", self.hashes.values())
        self.seen: set[str] = set()

    def clean_row(self, row):
        errors = {}
        org = row["org_code"]
        try:
            data = clean_person(
                name=row["name"],
                gender=row["gender"],
                ethnicity=row["ethnicity"],
                birth_date=row["birth_date"],
                id_number=row["id_number"],
                phone=row.get("phone"),
            )
        except ValidationError as e:
            errors.update(e.message_dict)
            data = None
        if data is not None:
            h = self.hashes.get(data["id_number"]) or id_hash(data["id_number"])
            data["id_number_hash"] = h
            if h in self.existing:
                errors["id_number"] = [already_registered()]
            elif h in self.seen:
                errors["id_number"] = [_("This ID number appears twice in the sheet.")]
            self.seen.add(h)
        if errors or org is None or data is None:
            raise ValidationError(errors)
        return {"org": org, "data": data}

    def write(self, rows):
        # Built as they are stored: the database keeps the first while the next are encrypted.
        people = (build_person(org=r["org"], data=r["data"]) for r in rows)
        return person_bulk_create(actor=self.actor, people=people, paths={r["org"].path for r in rows})


def export_columns(user) -> list[Column]:
    """The people export: the import's columns, ID numbers and phones in clear only in the units where `user`
    may reveal them (masked elsewhere, and then the sheet does not import back), then the unit's name."""
    from jinguo.core import crypto
    from jinguo.core.scope import scope_paths

    reveal = tuple(scope_paths(user, Perm.REVEAL))

    def clear(p) -> bool:
        return bool(reveal) and p.org_path.startswith(reveal)

    formats = {
        "name": lambda p: p.name,
        "ethnicity": lambda p: p.ethnicity,
        "birth_date": lambda p: p.birth_date,
        "id_number": lambda p: crypto.decrypt(p.id_number_enc) if clear(p) else p.id_number_masked,
        "phone": lambda p: crypto.decrypt(p.phone_enc) if clear(p) else p.phone_masked,
        "org_code": lambda p: p.org.code,
    }
    columns = PersonImporter(user).get_columns()
    for c in columns:
        if c.key in formats:  # gender: the choice column's own label, translated once per export
            c.format = formats[c.key]
    return columns + [Column("org", _("Org unit"), required=False, format=lambda p: p.org.name)]
