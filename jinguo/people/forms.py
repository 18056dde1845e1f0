from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.people.models import ETHNICITIES, Gender


class PersonForm(UnitForm):
    """Carries what the user typed; all checks live in the service (validation.clean_person)."""

    name = forms.CharField(label=_("Full name"), max_length=40)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.FEMALE)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=[(e, e) for e in ETHNICITIES])
    birth_date = forms.CharField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    # 18 characters and the spaces people put between groups; the service normalises and checks it.
    id_number = forms.CharField(
        label=_("ID number"), max_length=24, required=False, help_text=_("Leave empty to keep the registered number.")
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    org_code = UnitCodeField(label=_("Org unit"))
    photo = forms.FileField(label=_("Photo (JPEG or PNG, at most 2 MB)"), required=False)

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["id_number"].required = True
            self.fields["id_number"].help_text = ""
        else:
            self.fields["phone"].help_text = _("Leave empty to keep the registered number.")
