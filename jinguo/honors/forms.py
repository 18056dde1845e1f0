"""Forms of the honours pages. They carry what the user typed; the checks live in the services (their errors
come back onto the fields through core.forms.apply_errors). Text and number bounds come from the models."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm, SwitchSelect, ValuesField, show_when
from jinguo.honors.models import (
    FamilyStory,
    HolidayDay,
    HonourTitle,
    Kind,
    Nomination,
    NomineeConsent,
    Objection,
    Programme,
    Publicity,
    PublicityChannel,
    Quota,
    Recommendation,
    Relation,
    SocialApplication,
)
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.people.models import ETHNICITIES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = {"inputmode": "numeric"}


def _number(model, name, label, *, required=True, **kwargs) -> forms.IntegerField:
    b = bounds(model, name)
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=b.min_value,
        max_value=b.max_value,
        widget=forms.TextInput(attrs=NUMBER),
        **kwargs,
    )


def _text(model, name, label, *, required=True, rows=0, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label,
        required=required,
        max_length=bounds(model, name).max_length,
        **({"widget": widget} if widget else {}),
        **kwargs,
    )


_CRITERION = re.compile(r"^(.+?)[\s,，:：]+(\d{1,3})\s*%?$")


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """ "事迹 60\\n影响 40" → [("事迹", 60), ("影响", 40)]; a line that is not "name weight" is refused."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        m = _CRITERION.match(line)
        if m is None:
            raise ValidationError(
                _("“%(line)s”: write a criterion's name and its weight, e.g. 事迹 60.") % {"line": line}
            )
        out.append((m[1].strip(), int(m[2])))
    return out


class ProgrammeForm(UnitForm):
    org_code = UnitCodeField(label=_("Awarding unit"), help_text=_("The region, a league or a county."))
    title = forms.ChoiceField(label=_("Title"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, widget=forms.TextInput(attrs=NUMBER))
    name = _text(Programme, "name", _("Name"), required=False, help_text=_("Leave empty for “2026年度三八红旗手评选”."))
    nominate_until = forms.DateField(label=_("Nominations close"), widget=DATE)
    county_until = forms.DateField(label=_("County vetting closes"), widget=DATE, required=False)
    league_until = forms.DateField(label=_("League review closes"), widget=DATE, required=False)
    review_until = forms.DateField(label=_("Region review closes"), widget=DATE)
    places = _number(Programme, "places", _("Places"))
    notice_days = _number(Programme, "notice_days", _("Public notice (working days)"), initial=5)
    county_notice = forms.BooleanField(
        label=_("The county publishes a notice before the league reviews"), required=False
    )
    social = forms.BooleanField(label=_("Takes social nominations through the public form"), required=False)
    min_age = _number(Programme, "min_age", _("Youngest age"), required=False)
    max_age = _number(Programme, "max_age", _("Oldest age"), required=False)
    not_within_years = _number(
        Programme, "not_within_years", _("Not honoured with the title within (years)"), required=False, initial=0
    )
    criteria = forms.CharField(
        label=_("Weighted criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text=_("One per line: the criterion and its weight, e.g. 事迹 60."),
    )

    def __init__(self, *args, titles=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [("", "—")] + [(str(t.pk), t.name) for t in titles]
        self.titles = {str(t.pk): t for t in titles}
        if editing:
            for name in ("org_code", "title", "year"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def clean_title(self):
        value = self.cleaned_data.get("title")
        if self.fields["title"].disabled:
            return value
        if value not in self.titles:
            raise ValidationError(_("Choose from the list."))
        return self.titles[value]

    def clean_criteria(self):
        return parse_criteria(self.cleaned_data.get("criteria", ""))

    def service_data(self) -> dict:
        d = self.cleaned_data
        keys = [
            "name",
            "nominate_until",
            "county_until",
            "league_until",
            "review_until",
            "places",
            "notice_days",
            "county_notice",
            "social",
            "min_age",
            "max_age",
        ]
        data = {k: d.get(k) for k in keys}
        data["name"] = data["name"] or ""
        data["not_within_years"] = d.get("not_within_years") or 0
        data["criteria"] = d["criteria"]
        return data


class TitleForm(StyledForm):
    name = _text(HonourTitle, "name", _("Name"))
    code = _text(HonourTitle, "code", _("Title code"), help_text=_("Letters, digits and hyphens, e.g. jiafeng."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    requires = forms.ChoiceField(label=_("Requires holding"), required=False)

    def __init__(self, *args, titles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.titles = {str(t.pk): t for t in titles}
        self.fields["requires"].choices = [("", _("Nothing"))] + [(str(t.pk), t.name) for t in titles]

    def clean_requires(self):
        value = self.cleaned_data.get("requires")
        if value and value not in self.titles:
            raise ValidationError(_("Choose from the list."))
        return self.titles.get(value)


class QuotaForm(UnitForm):
    org_code = UnitCodeField(label=_("Unit below"), help_text=_("A unit just below the one that holds the places."))
    places = _number(Quota, "places", _("Places"))


class NominationForm(UnitForm):
    """An organisational nomination; the nominee is chosen from the people the user may name (searched above
    the form), a collective is an org unit or a named group, a family names its members."""

    # The programme's kind shows the nominee's fields that apply (core.forms.SwitchSelect): a person, a collective,
    # or a family.
    programme = forms.ChoiceField(label=_("Programme"), widget=SwitchSelect("kind"))
    org_code = UnitCodeField(label=_("Nominating unit"))
    person = show_when(forms.ChoiceField(label=_("Nominee"), required=False), "kind", Kind.INDIVIDUAL)
    collective_code = show_when(
        UnitCodeField(label=_("Collective: an org unit"), required=False, perm="read"), "kind", Kind.COLLECTIVE
    )
    group_name = show_when(
        _text(Nomination, "group_name", _("Collective: or a named group"), required=False), "kind", Kind.COLLECTIVE
    )
    family_name = show_when(
        _text(Nomination, "family_name", _("Family"), required=False, help_text=_("e.g. 其其格家庭")),
        "kind",
        Kind.FAMILY,
    )
    members = show_when(ValuesField(label=_("Family members"), required=False), "kind", Kind.FAMILY)
    relations = show_when(
        forms.CharField(
            label=_("Their relations"),
            required=False,
            max_length=200,
            help_text=_("In the order of the members, separated by commas: 本人, 丈夫, 女儿."),
        ),
        "kind",
        Kind.FAMILY,
    )
    nominee_unit = show_when(
        _text(Nomination, "nominee_unit", _("Nominee's unit and position"), required=False), "kind", Kind.INDIVIDUAL
    )
    summary = _text(Nomination, "summary", _("Deeds summary (shown in the public notice)"))
    deeds = _text(Nomination, "deeds", _("Deeds"), rows=6)
    attachment = forms.FileField(
        label=_("Supporting file (PDF, Word, JPEG or PNG)"), required=False, allow_empty_file=False
    )
    consent_given_by = _text(NomineeConsent, "given_by", _("Consent to publication given by"), required=False)
    consent_method = _text(NomineeConsent, "method", _("How consent was given"), required=False)
    submit_now = forms.BooleanField(label=_("Submit it now (otherwise it is kept as a draft)"), required=False)

    def __init__(self, *args, programmes=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["programme"].choices = [("", "—")] + [
            (str(p.pk), f"{p.name} · {p.get_kind_display()}") for p in programmes
        ]
        self.fields["programme"].widget.values = {str(p.pk): p.kind for p in programmes}
        choices = [(str(p.pk), f"{p.name} · {p.org.name} · {p.birth_date:%Y}") for p in people]
        self.fields["person"].choices = [("", "—")] + choices
        self.fields["members"].widget.choices = choices

    def clean_programme(self):
        value = self.cleaned_data.get("programme")
        if value not in self.programmes:
            raise ValidationError(_("Choose from the list."))
        return self.programmes[value]

    def clean(self):
        d = super().clean()
        code = d.get("collective_code")
        if code and self.user is not None:
            from jinguo.orgs.selectors import resolve_org

            try:
                d["collective_org"] = resolve_org(self.user, code, field="collective_code")
            except ValidationError as e:
                self.add_error("collective_code", e.message_dict["collective_code"])
        if bool(d.get("consent_given_by")) != bool(d.get("consent_method")):
            self.add_error("consent_given_by", _("Say who consented and how."))
        return d

    def members_with_relations(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        relations = [r.strip() for r in re.split(r"[,，、]", d.get("relations") or "")]
        return [(m, relations[i] if i < len(relations) else "") for i, m in enumerate(d.get("members") or [])]


class ScoreForm(StyledForm):
    """One score 0–100 per criterion, or an abstention on it."""

    def __init__(self, *args, criteria=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        current = current or {}
        for c in self.criteria:
            self.fields[f"c{c.pk}"] = forms.IntegerField(
                label=f"{c.name} ({c.weight}%)",
                required=False,
                min_value=0,
                max_value=100,
                widget=forms.TextInput(attrs=NUMBER),
                initial=current.get(c.pk),
            )
            self.fields[f"a{c.pk}"] = forms.BooleanField(
                label=_("Abstain on %(name)s") % {"name": c.name},
                required=False,
                initial=c.pk in current and current[c.pk] is None,
            )

    def clean(self):
        d = super().clean()
        for c in self.criteria:
            if d.get(f"c{c.pk}") is None and not d.get(f"a{c.pk}") and f"c{c.pk}" not in self.errors:
                self.add_error(f"c{c.pk}", _("Score it from 0 to 100, or abstain."))
        return d

    def values(self) -> dict[int, int | None]:
        d = self.cleaned_data
        return {c.pk: None if d.get(f"a{c.pk}") else d.get(f"c{c.pk}") for c in self.criteria}


class ConsentForm(StyledForm):
    given_by = _text(NomineeConsent, "given_by", _("Given by"))
    method = _text(NomineeConsent, "method", _("How it was given"), help_text=_("e.g. 书面同意书"))


class AttachmentForm(StyledForm):
    file = forms.FileField(label=_("Supporting file (PDF, Word, JPEG or PNG)"), allow_empty_file=False)


class NoticeForm(UnitForm):
    org_code = UnitCodeField(label=_("Publishing unit"))
    stage = forms.ChoiceField(label=_("Nominees at the stage"))
    start = forms.DateField(
        label=_("First day"), widget=DATE, help_text=_("A holiday moves it to the next working day.")
    )

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = list(stages)


class AssignForm(StyledForm):
    assignee = forms.ChoiceField(label=_("Investigated by"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(u.pk): u for u in people}
        self.fields["assignee"].choices = [("", "—")] + [(str(u.pk), str(u)) for u in people]

    def clean_assignee(self):
        value = self.cleaned_data.get("assignee")
        if value not in self.people:
            raise ValidationError(_("Choose from the list."))
        return self.people[value]


class ConcludeForm(StyledForm):
    outcome = _text(Objection, "outcome", _("Outcome of the investigation"), rows=3)
    upheld = forms.TypedChoiceField(
        label=_("The objection is"),
        choices=[("no", _("Not upheld: the nominee stays")), ("yes", _("Upheld: the nominee does not advance"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


_HOLIDAY_LINE = re.compile(r"^(\S+)\s*(?:[,，\s]\s*(\S+))?\s*(?:[,，\s]\s*(.+))?$")
WORKDAY_WORDS = {"workday", "work", "班", "补班", "上班", "工作日"}
HOLIDAY_WORDS = {"holiday", "off", "休", "假", "休息", "节假日", ""}


class HolidayForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, widget=forms.TextInput(attrs=NUMBER))
    days = forms.CharField(
        label=_("Holidays and make-up working days"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=4_000,
        help_text=_(
            "One day per line: the date, 休 or 班, and a name — e.g. 2030-10-01 休 国庆节, 2030-09-29 班 补班."
        ),
    )

    def clean_days(self):
        from jinguo.core.timeparse import parse_date

        out, errors = [], []
        for line in (self.cleaned_data.get("days") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            m = _HOLIDAY_LINE.match(line)
            word = (m[2] or "").lower() if m else ""
            try:
                day = parse_date(m[1], earliest=2000, latest=2100, example="2030-10-01") if m else None
            except ValidationError:
                day = None
            if day is None or word not in WORKDAY_WORDS | HOLIDAY_WORDS:
                errors.append(_("“%(line)s”: write a date, 休 or 班, and a name.") % {"line": line})
                continue
            name = (m[3] or "").strip()[: bounds(HolidayDay, "name").max_length]
            out.append((day, word in WORKDAY_WORDS, name))
        if errors:
            raise ValidationError(errors)
        return out


class ApplyForm(StyledForm):
    """The public form of a social nomination (社会化申报)."""

    programme = forms.ChoiceField(label=_("Programme"))
    org = forms.ChoiceField(
        label=_("Banner or county"), help_text=_("Where the nominee lives or works: it vets the application.")
    )
    relation = forms.ChoiceField(label=_("Whom do you nominate?"), choices=Relation.choices, widget=forms.RadioSelect)
    applicant_name = _text(SocialApplication, "applicant_name", _("Your name"))
    applicant_phone = forms.CharField(
        label=_("Your mobile number"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    code = forms.CharField(
        label=_("Check code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("Press “Send the code”: it comes by SMS to your mobile number."),
    )
    nominee_name = _text(SocialApplication, "nominee_name", _("Nominee's name"))
    nominee_id_number = forms.CharField(label=_("Nominee's ID number"), max_length=30)
    nominee_ethnicity = forms.ChoiceField(
        label=_("Nominee's ethnic group"), choices=[("", "—")] + [(e, e) for e in ETHNICITIES]
    )
    nominee_phone = forms.CharField(
        label=_("Nominee's mobile number (when you nominate someone else)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    nominee_unit = _text(SocialApplication, "nominee_unit", _("Nominee's unit or village"))
    summary = _text(SocialApplication, "summary", _("Deeds summary"))
    deeds = _text(SocialApplication, "deeds", _("Deeds"), rows=6)
    consent = forms.BooleanField(
        label=_("I agree that the data in this form is used to vet the nomination, and to contact me about it."),
        required=False,
    )

    def __init__(self, *args, programmes=(), counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(str(p.pk), p.name) for p in programmes]
        self.fields["org"].choices = [("", "—")] + [(c.code, f"{c.parent.name} · {c.name}") for c in counties]


class RejectForm(StyledForm):
    reason = _text(SocialApplication, "decision_reason", _("Why it is not taken up"))


class PublicityForm(StyledForm):
    channel = forms.ChoiceField(label=_("Where"), choices=PublicityChannel.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=datetime.date.today)
    title = _text(Publicity, "title", _("Title of the piece"))
    outlet = _text(Publicity, "outlet", _("Outlet"), required=False, help_text=_("The newspaper, website or screen."))
    url = forms.CharField(label=_("Link"), required=False, max_length=bounds(Publicity, "url").max_length)
    lecture = forms.ChoiceField(label=_("Lecture she gave"), required=False)

    def __init__(self, *args, lectures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecture"].choices = [("", "—")] + [(str(lec.pk), f"{lec.date} {lec.title}") for lec in lectures]


class StoryForm(StyledForm):
    title = _text(FamilyStory, "title", _("Title"))
    text = _text(FamilyStory, "text", _("Story"), rows=6)
    photo = forms.ImageField(label=_("Photo (JPEG or PNG)"), required=False)
    consent_given_by = _text(FamilyStory, "consent_given_by", _("Consent to publication given by"), required=False)
    consent_method = _text(FamilyStory, "consent_method", _("How consent was given"), required=False)


class RecommendForm(StyledForm):
    title = forms.ChoiceField(label=_("National title"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, widget=forms.TextInput(attrs=NUMBER))
    position = _text(Recommendation, "position", _("Unit and position"), required=False)
    reason = _text(Recommendation, "reason", _("Main deeds"), rows=3)

    def __init__(self, *args, titles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.titles = {str(t.pk): t for t in titles}
        self.fields["title"].choices = [(str(t.pk), t.name) for t in titles]

    def clean_title(self):
        value = self.cleaned_data.get("title")
        if value not in self.titles:
            raise ValidationError(_("Choose from the list."))
        return self.titles[value]


class OutcomeForm(StyledForm):
    accepted = forms.TypedChoiceField(
        label=_("The level above"),
        choices=[("yes", _("honoured her")), ("no", _("did not honour her"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    certificate_no = forms.CharField(label=_("Certificate number"), required=False, max_length=30)
    note = _text(Recommendation, "outcome_note", _("Note"), required=False)


class RevokeForm(StyledForm):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=300)
