from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.study.models import StudyForm, StudySession


class SessionForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=bounds(StudySession, "title").max_length)
    form = forms.ChoiceField(label=_("Form"), choices=StudyForm.choices)
    date = forms.CharField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.CharField(label=_("Hours"), widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    org_code = UnitCodeField(label=_("Org unit"))
    theme = forms.ChoiceField(label=_("Theme"))
    leader = forms.ChoiceField(label=_("Leader"), required=False)
    materials = forms.CharField(
        label=_("Readings"),
        required=False,
        max_length=bounds(StudySession, "materials").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One work or article per line."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=bounds(StudySession, "summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, themes=(), leaders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in themes
        ]
        self.fields["leader"].choices = [("", "—")] + [(str(p.pk), f"{p.name} · {p.org.name}") for p in leaders]
