"""Forms carry what the user typed; the checks live in the services. Bounds come from the models."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm
from jinguo.core.forms import bounded_number_field as number_field
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.publications.models import Publication, PublicationKind, Subscription


class PublicationForm(UnitForm):
    org_code = UnitCodeField(label=_("Set by"), help_text=_("The region, or a league for its own publications."))
    title = forms.CharField(label=_("Title"), max_length=bounds(Publication, "title").max_length)
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicationKind.choices)
    unit_price = number_field(Publication, "unit_price", label=_("Unit price (yuan)"))
    year = number_field(Publication, "year", label=_("Distribution year"))
    active = forms.BooleanField(label=_("Taking subscriptions"), required=False, initial=True)


class NationalForm(StyledForm):
    national_rank = number_field(Publication, "national_rank", label=_("National position"), required=False)
    national_note = forms.CharField(
        label=_("National outcome"), required=False, max_length=bounds(Publication, "national_note").max_length
    )


class SubscriptionForm(UnitForm):
    """A subscription; the publication's choices come from the scoped selector and clean() resolves the id."""

    org_code = UnitCodeField(label=_("Org unit"), help_text=_("The unit the copies are subscribed through."))
    publication = forms.CharField(label=_("Publication"), widget=forms.Select)
    copies = number_field(Subscription, "copies", label=_("Copies"))
    amount = number_field(Subscription, "amount", label=_("Amount (yuan)"), required=False)
    payer = forms.CharField(label=_("Payer unit"), max_length=bounds(Subscription, "payer").max_length)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        from jinguo.publications.selectors import publication_choices

        super().__init__(*args, user=user, **kwargs)
        self.fields["amount"].help_text = _("Empty: copies × the publication's unit price.")
        self.fields["publication"].widget.choices = [("", "—")] + [
            (str(p.pk), f"《{p.title}》{p.year} · {p.org.name}") for p in publication_choices(user)
        ]

    def clean(self):
        from jinguo.publications.selectors import resolve_publication

        d = super().clean()
        try:
            d["publication"] = resolve_publication(self.user, d.get("publication"))
        except ValidationError as e:
            self.add_error("publication", e.message_dict["publication"])
        return d
