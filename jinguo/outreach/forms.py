"""Forms carry what the user typed; the checks live in the services. Text bounds come from the models."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import ConfirmField, StyledForm, ValuesField, add_check_errors
from jinguo.orgs.forms import UnitForm
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


class TeamForm(UnitForm):
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


def _pick(**kwargs) -> forms.CharField:
    """A drop-down whose value the input layer resolves (outreach.inputs), so an unknown or out-of-reach id
    gets the API's and the import's message, not the widget's."""
    return forms.CharField(widget=forms.Select, **kwargs)


class LectureForm(UnitForm):
    """The lecture's fields; its choices come from the scoped selectors and clean() resolves the ids into the
    records the user may name (outreach.inputs.lecture_refs, as the API does)."""

    confirm = ConfirmField()  # core.confirm: the cautions the user ticked
    title = forms.CharField(label=_("Title"), max_length=bounds(Lecture, "title").max_length)
    kind = forms.ChoiceField(label=_("Kind"), choices=LectureKind.choices)
    date = forms.CharField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.CharField(label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.CharField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    org_code = UnitCodeField(label=_("Org unit"), help_text=_("Where it was held: the village, town or county."))
    place = forms.CharField(label=_("Place"), max_length=bounds(Lecture, "place").max_length, required=False)
    team = _pick(label=_("Lecture team"), required=False)
    lecturers = ValuesField(label=_("Lecturers"), required=False)
    theme = _pick(label=_("Theme"))
    topic = _pick(label=_("Topic"))
    campaign = _pick(label=_("Campaign"), required=False)
    formats = forms.MultipleChoiceField(
        label=_("Lecture-plus elements"),
        choices=LectureFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_group = _pick(label=_("Audience group"))
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

    FIELDS = ("title", "kind", "date", "start_time", "end_time", "place", "formats", "mode", "language", "summary")

    def __init__(self, *args, user, day=None, team=None, current=(), **kwargs):
        from django.utils import timezone

        from jinguo.core.bounds import record_id
        from jinguo.outreach import selectors as sel
        from jinguo.outreach.models import AudienceGroup, Campaign, Topic
        from jinguo.planning.selectors import theme_choices, years_for_form

        super().__init__(*args, user=user, **kwargs)
        data = self.data if self.is_bound else {}
        if self.is_bound:  # the team and the lecturers as posted, to show them again
            pk = record_id(data.get("team"))
            team = sel.team_choices(user).filter(pk=pk).first() if pk else None
        people = list(current)
        posted = data.getlist("lecturers") if hasattr(data, "getlist") else []
        if posted:
            people += sel.lecturer_candidates(user, ids=posted)  # only people the user may name
        if team is not None:
            people += sel.lecturer_candidates(user, team=team)
        unique = list({p.pk: p for p in people}.values())
        years = years_for_form(data.get("date") or day, timezone.localdate())
        teams = sel.team_choices(user)
        self.fields["team"].widget.choices = [("", _("No team"))] + [
            (str(t.pk), f"{t.name} · {t.org.name}") for t in teams
        ]
        self.fields["theme"].widget.choices = [("", "—")] + [
            (str(t.pk), f"{t.period_label} {t.title} · {t.org.name}") for t in theme_choices(user, year=years)
        ]
        self.fields["topic"].widget.choices = [("", "—")] + [(str(t.pk), t.name) for t in sel.lookup_choices(Topic)]
        self.fields["campaign"].widget.choices = [("", _("None"))] + [
            (str(c.pk), c.name) for c in sel.lookup_choices(Campaign)
        ]
        self.fields["audience_group"].widget.choices = [("", "—")] + [
            (str(a.pk), a.name) for a in sel.lookup_choices(AudienceGroup)
        ]
        self.fields["lecturers"].widget.choices = [(str(p.pk), f"{p.name} · {p.org.name}") for p in unique]

    def clean(self):
        from jinguo.outreach.inputs import lecture_refs

        d = super().clean()
        refs = {k: d.get(k) for k in ("team", "theme", "topic", "campaign", "audience_group") if k in d}
        try:
            d.update(lecture_refs(self.user, **refs))
        except ValidationError as e:
            d.update(getattr(e, "resolved", {}))
            for field, messages in e.message_dict.items():
                self.add_error(field, messages)
        return d

    def service_data(self) -> dict:
        """The keyword arguments of lecture_create / lecture_update / lecture_correct."""
        d = self.cleaned_data
        data = {k: d.get(k) for k in self.FIELDS}
        data.update({k: d.get(k) for k in ("team", "theme", "topic", "campaign", "audience_group")})
        data.update(
            audience_count=d.get("audience_count"),
            online_views=d.get("online_views"),
            lecturer_ids=d.get("lecturers") or [],
        )
        return data

    def check_all(self, actor, *, held: bool) -> None:
        """The service's checks too when the form's failed, so every error shows in one round."""
        from jinguo.outreach.services import clean_lecture

        def check(d):
            data = self.service_data()
            for k in ("team", "theme", "topic", "campaign", "audience_group"):
                if isinstance(data[k], str):  # not resolved (its own error is shown): leave it out
                    data[k] = None
            clean_lecture(actor=actor, org=d.get("org"), data=data, held=held)

        add_check_errors(self, check)


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


class PeriodCloseForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"), perm="read")
    month = forms.CharField(label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}))


class CheckInForm(StyledForm):
    name = forms.CharField(label=_("Your name"), max_length=bounds(CheckIn, "name").max_length)
    village = forms.CharField(label=_("Your village or community"), max_length=bounds(CheckIn, "village").max_length)
