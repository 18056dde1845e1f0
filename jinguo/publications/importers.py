"""Import and export of subscriptions (core.xlsx): a unit's sheet of subscriptions, checked row by row with the
service's own rule (services.clean_subscription), written all or none."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.bounds import text_parser
from jinguo.core.paths import ancestors_or_self
from jinguo.core.xlsx import Column, DateColumn, Importer, NumberColumn, TextColumn, register
from jinguo.orgs.columns import OrgColumn
from jinguo.publications import services
from jinguo.publications.models import Publication, Subscription
from jinguo.publications.selectors import publication_list

_title = text_parser(Publication, "title")


def _publication_title(value) -> str:
    return _title(str(value).strip().strip("《》"))


@register
class SubscriptionImporter(Importer):
    kind = "subscriptions"
    title = gettext_lazy("Subscriptions")

    def get_columns(self):
        return [
            OrgColumn("org_code", _("Org unit code"), example="150602100200"),
            Column(
                "publication",
                _("Publication"),
                parse=_publication_title,
                example="中国妇女报",
                help=_("The title of a publication of the date's year, as the publications page lists it."),
                format=lambda s: s.publication.title,
            ),
            NumberColumn("copies", _("Copies"), model=Subscription, example="10"),
            NumberColumn(
                "amount",
                _("Amount (yuan)"),
                model=Subscription,
                required=False,
                example="2880",
                help=_("Empty: copies × the publication's unit price."),
            ),
            TextColumn("payer", _("Payer unit"), model=Subscription, example="漫赖村村委会"),
            DateColumn("date", _("Date"), format=lambda s: s.date),
        ]

    def prepare(self, rows):
        self.publications: dict[tuple[str, int], list[Publication]] = {}
        for p in publication_list(self.actor):
            self.publications.setdefault((p.title, p.year), []).append(p)

    def _publication(self, title: str, year: int, org) -> Publication | None:
        """The publication of that title and year set by the row's unit or a unit above it, the nearest first."""
        found = self.publications.get((title, year), [])
        if org is not None:
            lineage = ancestors_or_self(org.path)
            found = sorted((p for p in found if p.org_path in lineage), key=lambda p: -len(p.org_path))
        return found[0] if found else None

    def clean_row(self, row):
        org, title, day = row["org_code"], row["publication"], row["date"]
        errors: dict[str, list[str]] = {}
        publication = None
        if title and day is not None:
            publication = self._publication(title, day.year, org)
            if publication is None:
                errors["publication"] = [
                    _("There is no publication 《%(title)s》 of %(year)s for this unit.")
                    % {"title": title, "year": day.year}
                ]
        if not errors and "publication" not in self.failed and "date" not in self.failed and publication is not None:
            try:
                sub = services.clean_subscription(
                    org=org,
                    publication=publication,
                    copies=row["copies"],
                    amount=row["amount"],
                    payer=row["payer"] or "",
                    date=day,
                )
            except ValidationError as e:
                errors.update({("org_code" if k == "org" else k): v for k, v in e.message_dict.items()})
            else:
                if not self.failed:
                    return {"subscription": sub}
        if errors:
            raise ValidationError(errors)
        return {}

    def write(self, rows):
        return services.subscriptions_bulk_create(actor=self.actor, subscriptions=[r["subscription"] for r in rows])


def export_columns(user) -> list[Column]:
    """The subscription export: the import's columns, then what only the record knows (not read back)."""
    return SubscriptionImporter(user).get_columns() + [
        Column("org", _("Org unit"), required=False, format=lambda s: s.org.name),
        Column("year", _("Distribution year"), required=False, format=lambda s: s.publication.year),
        Column("kind", _("Kind"), required=False, format=lambda s: str(s.publication.get_kind_display())),
    ]
