"""Import and export of venues (core.xlsx): a unit's sheet of its venues, checked with the service's rule
(services.clean_venue), written all or none."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.xlsx import (
    ChoiceColumn,
    Column,
    DateColumn,
    Importer,
    LookupColumn,
    NumberColumn,
    TextColumn,
    register,
)
from jinguo.orgs.columns import OrgColumn
from jinguo.people.columns import PersonColumn
from jinguo.venues import services
from jinguo.venues.models import Venue, VenueKind, VenueStatus

# How cadres write a venue's status, whatever the interface language.
STATUS_ALIASES = {
    "在用": "in_use",
    "使用中": "in_use",
    "正常使用": "in_use",
    "维修": "repair",
    "维修中": "repair",
    "关闭": "closed",
    "已关闭": "closed",
    "停用": "closed",
}


def _manager(v) -> str:
    return v.manager.name if v.manager_id else ""


@register
class VenueImporter(Importer):
    kind = "venues"
    title = gettext_lazy("Publicity venues")

    def get_columns(self):
        return [
            OrgColumn("org_code", _("Org unit code"), example="150602100200"),
            LookupColumn("kind", _("Kind"), model=VenueKind, example="妇女之家", format=lambda v: v.kind.name),
            TextColumn("name", _("Name"), model=Venue, example="漫赖村妇女之家"),
            TextColumn("address", _("Address"), model=Venue, example="漫赖村党群服务中心二楼"),
            NumberColumn("lng", _("Longitude"), model=Venue, required=False, example="109.9865"),
            NumberColumn("lat", _("Latitude"), model=Venue, required=False, example="39.8162"),
            NumberColumn("area", _("Area (m²)"), model=Venue, required=False, example="60"),
            TextColumn(
                "opening_hours", _("Opening hours"), model=Venue, required=False, example="周一至周五 9:00-17:00"
            ),
            PersonColumn(
                "manager",
                _("Person in charge"),
                required=False,
                example="",
                help=_("A person of the registry: the name, or the name and ID number."),
                format=_manager,
            ),
            ChoiceColumn(
                "status",
                _("Status"),
                choices=VenueStatus.choices,
                aliases=STATUS_ALIASES,
                required=False,
                format=lambda v: str(v.get_status_display()),
            ),
            DateColumn("opened_on", _("Opened on"), required=False, format=lambda v: v.opened_on),
        ]

    def clean_row(self, row):
        errors: dict[str, list[str]] = {}
        manager = None
        refs = row.get("manager") or []
        if len(refs) > 1:
            errors["manager"] = [_("Name one person in charge.")]
        elif refs:
            ref = refs[0]
            if len(ref.candidates) == 1:
                manager = ref.candidates[0]
            elif ref.candidates:
                errors["manager"] = [
                    _("Several people are called “%(name)s”: give the ID number too.") % {"name": ref.name}
                ]
            else:
                errors["manager"] = [_("“%(ref)s” is not in the people registry of your units.") % {"ref": ref.token}]
        data = {k: row.get(k) for k in ("kind", "name", "address", "lng", "lat", "area", "opening_hours", "opened_on")}
        data["status"] = row.get("status") or VenueStatus.IN_USE
        data["manager"] = manager
        org = row.get("org_code")
        try:
            venue = services.clean_venue(actor=self.actor, org=org, data=data)
        except ValidationError as e:
            for k, v in e.message_dict.items():
                errors.setdefault(k, v)
            venue = None
        if venue is not None and org is not None and not errors:
            key = (org.pk, venue.name)
            if key in self.seen:
                errors["name"] = [_("The sheet names this venue twice (row %(row)s).") % {"row": self.seen[key]}]
            elif key in self.existing:
                errors["name"] = [
                    _("%(unit)s already has a venue called “%(name)s”.") % {"unit": org.name, "name": venue.name}
                ]
            self.seen.setdefault(key, self.row_number)
        if errors:
            raise ValidationError(errors)
        return {"venue": venue} if not self.failed else {}

    def prepare(self, rows):
        orgs = {r["org_code"].pk for r in rows if r.get("org_code") is not None}
        self.existing = set(Venue.objects.filter(org__in=orgs).values_list("org_id", "name"))
        self.seen: dict = {}

    def write(self, rows):
        return services.venues_bulk_create(actor=self.actor, venues=[r["venue"] for r in rows])


def export_columns(user) -> list[Column]:
    """The venue export: the import's columns, then what only the record knows (not read back)."""
    return VenueImporter(user).get_columns() + [
        Column("org", _("Org unit"), required=False, format=lambda v: v.org.name),
        Column("id", _("Number"), required=False, format=lambda v: v.pk),
    ]
