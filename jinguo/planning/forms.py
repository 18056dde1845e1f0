from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.planning.models import Theme, ThemeKind, ThemeSeries


class ThemeForm(StyledForm):
    org_code = UnitCodeField(label=_("Org unit"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ThemeKind.choices)
    year = forms.CharField(label=_("Year"), max_length=4)
    quarter = forms.ChoiceField(
        label=_("Quarter"), required=False, choices=[("", "—")] + [(str(q), f"Q{q}") for q in range(1, 5)]
    )
    month = forms.ChoiceField(
        label=_("Month"), required=False, choices=[("", "—")] + [(str(m), str(m)) for m in range(1, 13)]
    )
    parent = forms.ChoiceField(label=_("Comes under"), required=False)
    title = forms.CharField(label=_("Title"), max_length=bounds(Theme, "title").max_length)
    is_primary = forms.BooleanField(label=_("Primary focus of the month"), required=False, initial=True)
    series = forms.ChoiceField(label=_("Themed series"), required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(Theme, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, parents=(), series=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in parents
        ]
        self.fields["series"].choices = [("", "—")] + [(str(s.pk), f"{s.name} · {s.org.name}") for s in series]


class SeriesForm(StyledForm):
    org_code = UnitCodeField(label=_("Org unit"))
    name = forms.CharField(label=_("Name"), max_length=bounds(ThemeSeries, "name").max_length)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(ThemeSeries, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
