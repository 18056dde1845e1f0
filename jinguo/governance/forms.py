"""The form of a micro-line's record, built from the line's declaration; the checks live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm, ValuesField
from jinguo.core.forms import bounded_number_field as number_field
from jinguo.governance.lines import Line
from jinguo.governance.models import MicroOrg, MicroOrgKind
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField


def record_form(line: Line, *, user, data=None, initial=None, people=(), micro_orgs=()) -> UnitForm:
    """The form of a record of `line`, for `user`: people and micro-organisations to choose from come from the
    scoped selectors, and the service checks every id again."""
    model = line.model
    fields: dict[str, forms.Field] = {
        "org_code": UnitCodeField(label=_("Village"), help_text=_("The village or community.")),
        "date": forms.DateField(
            label=_("Set up on") if model is MicroOrg else _("Date"), widget=forms.DateInput(attrs={"type": "date"})
        ),
        "title": forms.CharField(
            label=_("Name") if model is MicroOrg else _("Title"), max_length=bounds(model, "title").max_length
        ),
    }
    if model is MicroOrg:
        fields["kind"] = forms.ChoiceField(label=_("Kind"), choices=MicroOrgKind.choices)
        fields["leader"] = forms.CharField(label=_("Leader"), required=False, widget=forms.Select)
        fields["members"] = ValuesField(label=_("Members"), required=False)
        fields["active"] = forms.BooleanField(label=_("Active"), required=False, initial=True)
    else:
        fields["participants"] = number_field(model, "participants", label=_("Participants"), required=False)
    if "households" in line.extra:
        fields["households"] = number_field(model, "households", label=_("Households served"), required=False)
    if "micro_org" in line.extra:
        fields["micro_org"] = forms.CharField(label=_("By the micro-organisation"), required=False, widget=forms.Select)
    if "household" in line.extra:
        fields["household"] = forms.CharField(label=_("Household"), max_length=bounds(model, "household").max_length)
        fields["due"] = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    if "raised_by" in line.extra:
        fields["raised_by"] = forms.CharField(
            label=_("Raised by"), required=False, max_length=bounds(model, "raised_by").max_length
        )
    fields["outcome"] = forms.CharField(
        label=_("Resolution") if "raised_by" in line.extra else _("Outcome"),
        required=False,
        max_length=bounds(model, "outcome").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cls = type(f"{model.__name__}Form", (RecordForm,), fields)
    form = cls(data, initial=initial, user=user)
    form.line = line
    if "leader" in form.fields:
        form.fields["leader"].widget.choices = [("", _("Nobody named"))] + [(str(p.pk), p.name) for p in people]
        form.fields["members"].widget.choices = [(str(p.pk), f"{p.name} · {p.org.name}") for p in people]
    if "micro_org" in form.fields:
        form.fields["micro_org"].widget.choices = [("", _("None"))] + [
            (str(m.pk), f"{m.title} · {m.org.name}") for m in micro_orgs
        ]
    return form


class RecordForm(UnitForm):
    def clean(self):
        from jinguo.governance.selectors import resolve_micro_org

        d = super().clean()
        if "micro_org" in self.fields:
            try:
                d["micro_org"] = resolve_micro_org(self.user, d.get("micro_org"))
            except ValidationError as e:
                self.add_error("micro_org", e.message_dict["micro_org"])
        return d

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        for k in ("org_code", "org", "members"):
            d.pop(k, None)
        if "participants" in d and d["participants"] is None:
            d["participants"] = 0
        if "households" in d and d["households"] is None:
            d["households"] = 0
        if "leader" in d:
            d["leader"] = d["leader"] or None
        return d


class OutcomeForm(StyledForm):
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
