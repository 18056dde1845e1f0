"""Forms carry what the user typed; the checks live in the services (bounds come from the models), and the ids are
resolved by the input layer (volunteer.inputs), as the API resolves them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm, ValuesField
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.widgets import UnitCodeField
from jinguo.venues.selectors import resolve_venue, venue_choices
from jinguo.volunteer.models import Action, Activity, BeneficiaryCategory, Deed, Project, ServiceRecord, Team, Volunteer


def _pick(**kwargs) -> forms.CharField:
    return forms.CharField(widget=forms.Select, **kwargs)


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


def _text(model, name, label, *, rows=0, required=True, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, max_length=bounds(model, name).max_length, required=required, widget=widget, **kwargs
    )


class _Resolving(UnitForm):
    """clean() resolves the ids of `refs` through volunteer.inputs, as the API does."""

    refs: dict = {}

    def clean(self):
        from jinguo.volunteer import inputs

        d = super().clean()
        for name, how in self.refs.items():
            if name not in self.fields:
                continue
            try:
                if how == "team":
                    d[name] = inputs.team_ref(self.user, d.get(name), field=name)
                elif how == "project":
                    d[name] = inputs.project_ref(self.user, d.get(name), field=name)
                elif how == "project_optional":
                    d[name] = inputs.project_ref(self.user, d.get(name), field=name, required=False)
                elif how == "category":
                    d[name] = inputs.category_ref(d.get(name), field=name)
                elif how == "venue":
                    d[name] = resolve_venue(self.user, d.get(name), field=name)
            except ValidationError as e:
                self.add_error(name, e.message_dict[name])
        return d


class _Editable:
    """An edit form keeps the record's unit (no unit field) and can set it inactive."""

    def _editing(self, editing: bool) -> None:
        if editing:
            del self.fields["org_code"]
            self.fields["active"] = forms.BooleanField(label=_("Active"), required=False)
            self.fields["active"].widget.attrs["class"] = "form-check-input"


def _team_choices(user):
    from jinguo.volunteer.selectors import team_choices

    return [("", "—")] + [(str(t.pk), f"{t.name} · {t.org.name}") for t in team_choices(user)[:300]]


def _project_choices(user):
    from jinguo.volunteer.selectors import project_choices

    return [("", "—")] + [(str(p.pk), f"{p.name} · {p.org.name}") for p in project_choices(user)[:300]]


class TeamForm(_Editable, _Resolving):
    org_code = UnitCodeField(label=_("Org unit"))
    name = _text(Team, "name", _("Brand name"))
    leader = _pick(label=_("Leader"), required=False)
    founded = _date(_("Founded"), required=False)
    description = _text(Team, "description", _("Description"), rows=3, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        from jinguo.people.selectors import people_of_units

        super().__init__(*args, **kwargs)
        self.fields["leader"].widget.choices = [("", "—")] + [
            (str(p.pk), f"{p.name} · {p.org.name}") for p in people_of_units(self.user, limit=200)
        ]
        self._editing(editing)


class VolunteerForm(UnitForm):
    person = _pick(label=_("Person"), help_text=_("Registered in the people registry of your units."))
    org_code = UnitCodeField(label=_("Org unit"), required=False, help_text=_("Empty: her unit in the registry."))
    skills = _text(Volunteer, "skills", _("Skills"), required=False, help_text=_("Separated by 、."))
    areas = _text(Volunteer, "areas", _("Service areas"), required=False, help_text=_("Separated by 、."))
    teams = ValuesField(label=_("Teams"), required=False)
    consent_by = _text(Volunteer, "consent_by", _("Consent given by"))
    consent_method = _text(Volunteer, "consent_method", _("How consent was given"))

    def __init__(self, *args, **kwargs):
        from jinguo.core.scope import scoped
        from jinguo.people.selectors import people_of_units
        from jinguo.volunteer.models import Team as T
        from jinguo.volunteer.module import MANAGE

        super().__init__(*args, **kwargs)
        self.fields["person"].widget.choices = [("", "—")] + [
            (str(p.pk), f"{p.name} · {p.org.name}") for p in people_of_units(self.user, limit=300)
        ]
        self.team_qs = scoped(T.objects.filter(active=True).select_related("org"), self.user, MANAGE)
        self.fields["teams"].widget.choices = [(str(t.pk), t.name) for t in self.team_qs[:100]]

    def clean(self):
        from jinguo.core.bounds import record_id

        d = super().clean()
        wanted = [record_id(v) for v in d.get("teams") or []]
        found = {t.pk: t for t in self.team_qs.filter(pk__in=[w for w in wanted if w])}
        if len(found) != len(wanted):
            self.add_error("teams", _("Choose from the list."))
        d["teams"] = list(found.values())
        return d


class ProjectForm(_Editable, _Resolving):
    refs = {"team": "team", "delivery": "category"}
    org_code = UnitCodeField(label=_("Owner unit"))
    name = _text(Project, "name", _("Brand name"))
    action = forms.ChoiceField(label=_("巾帼行动"), choices=Action.choices)
    delivery = _pick(label=_("十送 category"), required=False)
    team = _pick(label=_("Team"), required=False)
    summary = _text(Project, "summary", _("What it does"), rows=3)
    place = _text(Project, "place", _("Where"), required=False)
    how_to_join = _text(Project, "how_to_join", _("How to join"), rows=2, required=False)
    started = _date(_("Started"))
    public = forms.BooleanField(label=_("Show on the public pages"), required=False)
    excellent = forms.BooleanField(label=_("十大优秀项目"), required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        from jinguo.volunteer.selectors import categories

        super().__init__(*args, **kwargs)
        self.fields["team"].widget.choices = _team_choices(self.user)
        self.fields["delivery"].widget.choices = [("", "—")] + [(str(c.pk), c.name) for c in categories()]
        for key, label in BeneficiaryCategory.choices:
            self.fields[f"b_{key}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=1_000_000, widget=forms.NumberInput
            )
            self.fields[f"b_{key}"].widget.attrs.update({"class": "form-control", "inputmode": "numeric"})
        self._editing(editing)

    @staticmethod
    def initial_of(project) -> dict:
        """The form's values for an existing project, its beneficiaries' counts included."""
        initial = {
            "name": project.name,
            "action": project.action,
            "delivery": project.delivery_id or "",
            "team": project.team_id or "",
            "summary": project.summary,
            "place": project.place,
            "how_to_join": project.how_to_join,
            "started": project.started.isoformat() if project.started else "",
            "public": project.public,
            "excellent": project.excellent,
            "active": project.active,
        }
        initial.update({f"b_{b.category}": b.count for b in project.beneficiaries.all()})
        return initial

    def beneficiaries(self) -> dict:
        return {k: self.cleaned_data.get(f"b_{k}") or 0 for k in BeneficiaryCategory.values}

    def service_data(self) -> dict:
        d = self.cleaned_data
        keys = [
            "name",
            "action",
            "delivery",
            "team",
            "summary",
            "place",
            "how_to_join",
            "started",
            "public",
            "excellent",
        ]
        return {k: d.get(k) for k in keys}


class ActivityForm(_Resolving):
    refs = {"project": "project", "venue": "venue"}
    project = _pick(label=_("Project"))
    org_code = UnitCodeField(label=_("Held at"))
    title = _text(Activity, "title", _("Title"))
    date = _date(_("Date"))
    place = _text(Activity, "place", _("Place"), required=False)
    venue = _pick(label=_("Venue"), required=False, help_text=_("The publicity venue it is held at, if any."))
    description = _text(Activity, "description", _("Description"), rows=2, required=False)
    start = forms.CharField(
        label=_("First shift starts"), max_length=20, widget=forms.TextInput(attrs={"type": "time"})
    )
    end = forms.CharField(label=_("First shift ends"), max_length=20, widget=forms.TextInput(attrs={"type": "time"}))
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=500, initial=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].widget.choices = _project_choices(self.user)
        self.fields["venue"].widget.choices = [("", _("None"))] + [
            (str(v.pk), f"{v.name} · {v.org.name}") for v in venue_choices(self.user)
        ]


class ShiftForm(StyledForm):
    start = forms.CharField(label=_("Starts"), max_length=20, widget=forms.TextInput(attrs={"type": "time"}))
    end = forms.CharField(label=_("Ends"), max_length=20, widget=forms.TextInput(attrs={"type": "time"}))
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=500, initial=5)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)


class BackfillForm(_Resolving):
    refs = {"team": "team", "project": "project_optional"}
    volunteer = forms.CharField(label=_("Volunteer number"), max_length=12, widget=forms.HiddenInput)
    org_code = UnitCodeField(label=_("Where the service was given"))
    date = _date(_("Service date"))
    hours = forms.CharField(label=_("Hours"), max_length=10, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    team = _pick(label=_("Team"), required=False)
    project = _pick(label=_("Project"), required=False)
    note = _text(ServiceRecord, "note", _("What was done, and why it is back-filled"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].widget.choices = _team_choices(self.user)
        self.fields["project"].widget.choices = _project_choices(self.user)


class DeedForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = _text(Deed, "title", _("Title"))
    target = forms.IntegerField(label=_("Target"), min_value=1, max_value=10_000_000)
    measure = _text(Deed, "measure", _("Counted in"), required=False)


class DeliveryForm(_Resolving):
    refs = {"category": "category", "project": "project_optional"}
    category = _pick(label=_("十送 category"))
    org_code = UnitCodeField(label=_("Org unit"))
    date = _date(_("Date"))
    count = forms.IntegerField(label=_("People reached"), min_value=1, max_value=100_000)
    project = _pick(label=_("Project"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from jinguo.volunteer.selectors import categories

        super().__init__(*args, **kwargs)
        self.fields["category"].widget.choices = [("", "—")] + [(str(c.pk), c.name) for c in categories()]
        self.fields["project"].widget.choices = _project_choices(self.user)


class ApplicationForm(StyledForm):
    """The public sign-up form of a project (no login)."""

    name = forms.CharField(label=_("Full name"), max_length=40)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    village = forms.CharField(label=_("Village or community"), max_length=60, required=False)
    message = forms.CharField(
        label=_("Message"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consent = forms.BooleanField(
        label=_("I agree that the team keeps my name and phone number to contact me about volunteering."),
        required=False,
    )


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9０-９]*"}
        ),
    )
