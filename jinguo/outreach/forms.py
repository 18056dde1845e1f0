"""Forms carry what the user typed; the checks live in the services. Text bounds come from the models."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm, ValuesField
from jinguo.orgs.widgets import UnitCodeField
from jinguo.outreach.models import (
    CheckIn,
    Language,
    Lecture,
    LectureCorrection,
    LectureFormat,
    LectureKind,
    LectureTeam,
    Mode,
)


class TeamForm(StyledForm):
    org_code = UnitCodeField(label=_("Org unit"), help_text=_("The region, a league or a county."))
    name = forms.CharField(label=_("Name"), max_length=bounds(LectureTeam, "name").max_length)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(LectureTeam, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LecturerForm(StyledForm):
    person = forms.CharField(widget=forms.HiddenInput)
    categories = ValuesField(label=_("Categories"), required=False)
    topics = ValuesField(label=_("Topics"), required=False)
    languages = forms.ChoiceField(label=_("Languages"), choices=Language.choices)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, categories=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].widget.choices = [(str(c.pk), c.name) for c in categories]
        self.fields["topics"].widget.choices = [(str(t.pk), t.name) for t in topics]


class LectureForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=bounds(Lecture, "title").max_length)
    kind = forms.ChoiceField(label=_("Kind"), choices=LectureKind.choices)
    date = forms.CharField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.CharField(label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.CharField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    org_code = UnitCodeField(label=_("Org unit"), help_text=_("Where it was held: the village, town or county."))
    place = forms.CharField(label=_("Place"), max_length=bounds(Lecture, "place").max_length, required=False)
    team = forms.ChoiceField(label=_("Lecture team"), required=False)
    lecturers = ValuesField(label=_("Lecturers"), required=False)
    theme = forms.ChoiceField(label=_("Theme"))
    topic = forms.ChoiceField(label=_("Topic"))
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    formats = forms.MultipleChoiceField(
        label=_("Lecture-plus elements"),
        choices=LectureFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_group = forms.ChoiceField(label=_("Audience group"))
    mode = forms.ChoiceField(label=_("Offline or online"), choices=Mode.choices)
    audience_count = forms.CharField(
        label=_("Audience"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    online_views = forms.CharField(
        label=_("Online views"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=bounds(Lecture, "summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    held = forms.BooleanField(label=_("It has been held"), required=False)

    def __init__(self, *args, teams=(), themes=(), topics=(), campaigns=(), audiences=(), lecturers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("No team"))] + [(str(t.pk), f"{t.name} · {t.org.name}") for t in teams]
        self.fields["theme"].choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in themes
        ]
        self.fields["topic"].choices = [("", "—")] + [(str(t.pk), t.name) for t in topics]
        self.fields["campaign"].choices = [("", _("None"))] + [(str(c.pk), c.name) for c in campaigns]
        self.fields["audience_group"].choices = [("", "—")] + [(str(a.pk), a.name) for a in audiences]
        self.fields["lecturers"].widget.choices = [(str(p.pk), f"{p.name} · {p.org.name}") for p in lecturers]


class CorrectionForm(LectureForm):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=bounds(LectureCorrection, "reason").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("held", "org_code"):
            del self.fields[name]


class HeldForm(StyledForm):
    audience_count = forms.CharField(label=_("Audience"), widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    online_views = forms.CharField(
        label=_("Online views"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    # No max_length here: the view reports this form's errors as a missing audience, so the service's
    # message names a summary's bound (services.lecture_mark_held).
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PeriodCloseForm(StyledForm):
    org_code = UnitCodeField(label=_("Org unit"), perm="read")
    month = forms.CharField(label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}))


class CheckInForm(StyledForm):
    name = forms.CharField(label=_("Your name"), max_length=bounds(CheckIn, "name").max_length)
    village = forms.CharField(label=_("Your village or community"), max_length=bounds(CheckIn, "village").max_length)
