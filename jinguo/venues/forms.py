"""Forms carry what the user typed; the checks live in the services. Bounds come from the models."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds, record_id
from jinguo.core.forms import StyledForm
from jinguo.core.forms import bounded_number_field as number_field
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.venues.models import Check, Inspection, Problem, Venue, VenueKind, VenueStatus


class VenueForm(UnitForm):
    """A venue; the coordinates are typed or picked on the map beside them (venue_map.js)."""

    org_code = UnitCodeField(label=_("Org unit"), help_text=_("The unit the venue belongs to."))
    kind = forms.CharField(label=_("Kind"), widget=forms.Select)
    name = forms.CharField(label=_("Name"), max_length=bounds(Venue, "name").max_length)
    address = forms.CharField(label=_("Address"), max_length=bounds(Venue, "address").max_length)
    lng = number_field(Venue, "lng", label=_("Longitude"), required=False)
    lat = number_field(Venue, "lat", label=_("Latitude"), required=False)
    area = number_field(Venue, "area", label=_("Area (m²)"), required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"), required=False, max_length=bounds(Venue, "opening_hours").max_length
    )
    manager = forms.CharField(label=_("Person in charge"), required=False, widget=forms.Select)
    status = forms.ChoiceField(label=_("Status"), choices=VenueStatus.choices)
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(Venue, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, current_manager=None, **kwargs):
        from jinguo.people.selectors import people_of_units

        super().__init__(*args, user=user, **kwargs)
        self.fields["kind"].widget.choices = [("", "—")] + [
            (str(k.pk), k.name) for k in VenueKind.objects.filter(active=True).order_by("sort", "pk")
        ]
        people = people_of_units(user)
        if current_manager is not None and current_manager not in people:
            people.insert(0, current_manager)
        self.fields["manager"].widget.choices = [("", _("Nobody named"))] + [
            (str(p.pk), f"{p.name} · {p.org.name}") for p in people
        ]
        for name in ("lng", "lat"):
            self.fields[name].widget.attrs["data-venue-coordinate"] = name
        self.fields["lng"].help_text = _("Type the coordinates, or click the place on the map.")

    def clean_kind(self):
        value = self.cleaned_data.get("kind")
        pk = record_id(value)
        kind = VenueKind.objects.filter(pk=pk).first() if pk is not None else None
        if kind is None:
            raise ValidationError(_("Choose from the list."))
        return kind

    def service_data(self) -> dict:
        d = self.cleaned_data
        keys = ("kind", "name", "address", "lng", "lat", "area", "opening_hours", "status", "opened_on", "description")
        return {**{k: d[k] for k in keys}, "manager": d["manager"] or None}


class InspectionForm(StyledForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    checks = forms.MultipleChoiceField(
        label=_("Checklist passed"), choices=Check.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    score = number_field(Inspection, "score", label=_("Score"))
    status_found = forms.ChoiceField(label=_("Status found"), choices=VenueStatus.choices)
    problems = forms.CharField(
        label=_("Problems found"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One problem a line."),
    )
    due = forms.DateField(
        label=_("Fix by"), required=False, widget=forms.DateInput(attrs={"type": "date"}), initial=None
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=bounds(Inspection, "summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def problem_rows(self) -> list[tuple[str, datetime.date | None]]:
        due = self.cleaned_data.get("due")
        lines = (self.cleaned_data.get("problems") or "").splitlines()
        return [(line.strip(), due) for line in lines if line.strip()]


class FixForm(StyledForm):
    fixed_on = forms.DateField(label=_("Fixed on"), widget=forms.DateInput(attrs={"type": "date"}))
    fix_note = forms.CharField(
        label=_("How it was fixed"), required=False, max_length=bounds(Problem, "fix_note").max_length
    )


class KindForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=bounds(VenueKind, "name").max_length)
    sort = number_field(VenueKind, "sort", label=_("Order"))
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)
