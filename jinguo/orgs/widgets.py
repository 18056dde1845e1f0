"""The one unit picker: every form field that names a unit uses it instead of a 12-digit code typed by hand.

It keeps the code in the field (so forms, the API and imports still speak codes) and adds a search box that
finds units in the user's scope as they type — by name, pinyin initials or code — drills down the tree and
remembers the recent units (app.js). At 375 px it is one column.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class UnitPicker(forms.TextInput):
    template_name = "orgs/widgets/unit_picker.html"

    def __init__(self, attrs=None, *, perm: str = "write"):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})
        self.perm = perm

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["pick_url"] = reverse_lazy("orgs:pick")
        context["widget"]["perm"] = self.perm
        return context


UNIT = _("Org unit")


def UnitCodeField(*, label=UNIT, perm: str = "write", **kwargs) -> forms.CharField:  # noqa: N802
    """A form field holding a unit's code, chosen with the picker."""
    return forms.CharField(label=label, max_length=12, widget=UnitPicker(perm=perm), **kwargs)
