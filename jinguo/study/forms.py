from django import forms
from django.core.exceptions import ValidationError
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
    theme = forms.CharField(label=_("Theme"), widget=forms.Select)
    leader = forms.CharField(label=_("Leader"), required=False, widget=forms.Select)
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

    FIELDS = ("title", "form", "date", "hours", "materials", "summary")

    def __init__(self, *args, user, day=None, leader=None, **kwargs):
        """Choices from the scoped selectors: the themes of this year and of the date typed, the people of the
        user's own units (and the session's leader)."""
        from django.utils import timezone

        from jinguo.people.selectors import people_of_units
        from jinguo.planning.selectors import theme_choices, years_for_form

        super().__init__(*args, **kwargs)
        self.user = user
        typed = self.data.get("date") if self.is_bound else None
        themes = theme_choices(user, year=years_for_form(typed or day, timezone.localdate()))
        leaders = people_of_units(user, limit=200)
        if leader is not None and all(p.pk != leader.pk for p in leaders):
            leaders.append(leader)
        self.fields["theme"].widget.choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in themes
        ]
        self.fields["leader"].widget.choices = [("", "—")] + [(str(p.pk), f"{p.name} · {p.org.name}") for p in leaders]

    def clean(self):
        from jinguo.orgs.selectors import resolve_org
        from jinguo.study.inputs import session_refs

        d = super().clean()
        if not self.fields["org_code"].disabled and d.get("org_code"):
            try:
                d["org"] = resolve_org(self.user, d["org_code"])
            except ValidationError as e:
                self.add_error("org_code", e.message_dict["org_code"])
        try:
            d.update(session_refs(self.user, theme=d.get("theme")))
        except ValidationError as e:
            for field, messages in e.message_dict.items():
                self.add_error(field, messages)
        return d

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {**{k: d[k] for k in self.FIELDS}, "theme": d["theme"], "leader": d.get("leader") or None}
