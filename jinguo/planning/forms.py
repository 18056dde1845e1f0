from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.planning.models import Theme, ThemeKind, ThemeSeries


class ThemeForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ThemeKind.choices)
    year = forms.CharField(label=_("Year"), max_length=4)
    quarter = forms.ChoiceField(
        label=_("Quarter"), required=False, choices=[("", "—")] + [(str(q), f"Q{q}") for q in range(1, 5)]
    )
    month = forms.ChoiceField(
        label=_("Month"), required=False, choices=[("", "—")] + [(str(m), str(m)) for m in range(1, 13)]
    )
    parent = forms.CharField(label=_("Comes under"), required=False, widget=forms.Select)
    title = forms.CharField(label=_("Title"), max_length=bounds(Theme, "title").max_length)
    is_primary = forms.BooleanField(label=_("Primary focus of the month"), required=False, initial=True)
    series = forms.CharField(label=_("Themed series"), required=False, widget=forms.Select)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(Theme, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, parents=(), series=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].widget.choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in parents
        ]
        self.fields["series"].widget.choices = [("", "—")] + [(str(s.pk), f"{s.name} · {s.org.name}") for s in series]

    def clean(self):
        """The parent theme and the series as records the user may build on; unknown and out of reach alike
        get "Choose from the list."."""
        from jinguo.planning.inputs import theme_refs

        d = super().clean()
        if self.user is not None:
            try:
                d.update(theme_refs(self.user, parent=d.get("parent"), series=d.get("series"), fields=self.fields))
            except ValidationError as e:
                for field, messages in e.message_dict.items():
                    self.add_error(field, messages)
        return d


class SeriesForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    name = forms.CharField(label=_("Name"), max_length=bounds(ThemeSeries, "name").max_length)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(ThemeSeries, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
