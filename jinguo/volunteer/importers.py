"""Import and export of volunteers and of back-filled service hours (core.xlsx framework): every row is checked
first and all rows are written, or none. The lists' exports start with these columns, so an export imports back."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.bounds import bounds, number, text_parser
from jinguo.core.scope import scoped
from jinguo.core.xlsx import Column, DateColumn, Importer, register
from jinguo.orgs.columns import OrgColumn
from jinguo.people.columns import PersonColumn
from jinguo.volunteer import selectors as sel
from jinguo.volunteer import services
from jinguo.volunteer.models import ServiceRecord, Team, Volunteer
from jinguo.volunteer.module import MANAGE


def _names(value) -> list[str]:
    import re

    return [p for p in (" ".join(x.split()) for x in re.split(r"[、,，;；/\n]+", str(value))) if p]


def one_person(refs, field: str):
    """The one registered person a cell names (PersonColumn), or ValidationError({field: reason})."""
    if len(refs) != 1:
        raise ValidationError({field: [_("Name one person in this cell.")]})
    ref = refs[0]
    if not ref.candidates:
        raise ValidationError(
            {field: [_("“%(who)s” is not in the people registry of your units.") % {"who": ref.name or ref.token}]}
        )
    if len(ref.candidates) > 1:
        raise ValidationError(
            {field: [_("Several people of your units are called %(name)s: give the ID number.") % {"name": ref.name}]}
        )
    return ref.candidates[0]


class NamedChoice:
    """Records named in a cell by exact name, among those the actor may choose (teams, projects): one each."""

    def __init__(self, qs, what):
        self.by_name: dict[str, list] = defaultdict(list)
        for obj in qs:
            self.by_name[obj.name].append(obj)
        self.what = what

    def one(self, name: str, field: str):
        found = self.by_name.get(name, [])
        if not found:
            raise ValidationError(
                {field: [_("There is no %(what)s called “%(name)s” among yours.") % {"what": self.what, "name": name}]}
            )
        if len(found) > 1:
            raise ValidationError(
                {field: [_("Several of your %(what)s are called “%(name)s”.") % {"what": self.what, "name": name}]}
            )
        return found[0]


@register
class VolunteerImporter(Importer):
    kind = "volunteers"
    title = gettext_lazy("Volunteers")
    permission = MANAGE

    def get_columns(self):
        def at_most(field):
            return _("At most %(max)s characters.") % {"max": number(bounds(Volunteer, field).max_length)}

        return [
            PersonColumn(
                "person",
                _("Volunteer"),
                example="其其格",
                help=_("The name or ID number of a person in the people registry of your units."),
                format=lambda v: v.person.name,
            ),
            OrgColumn(
                "org_code",
                _("Org unit code"),
                perm=MANAGE,
                required=False,
                example="150602100200",
                help=_("Where she is registered as a volunteer; empty: her unit in the people registry."),
            ),
            DateColumn("joined", _("Registered on"), required=False, earliest=2000, format=lambda v: v.joined),
            Column(
                "skills",
                _("Skills"),
                required=False,
                parse=text_parser(Volunteer, "skills"),
                example="护理、心理疏导",
                help=_("Separated by 、.") + " " + at_most("skills"),
                format=lambda v: v.skills,
            ),
            Column(
                "areas",
                _("Service areas"),
                required=False,
                parse=text_parser(Volunteer, "areas"),
                example="敬老助残、儿童关爱",
                help=_("Separated by 、.") + " " + at_most("areas"),
                format=lambda v: v.areas,
            ),
            Column(
                "teams",
                _("Teams"),
                required=False,
                parse=_names,
                example="爱心阿姨",
                help=_("Names of teams you run, separated by 、; she may be in several."),
                format=lambda v: "、".join(m.team.name for m in v.memberships.all() if m.active),
            ),
            Column(
                "consent_by",
                _("Consent given by"),
                parse=text_parser(Volunteer, "consent_by"),
                example="本人",
                help=_("Who consented to the registration (she herself, a guardian)."),
                format=lambda v: v.consent_by,
            ),
            Column(
                "consent_method",
                _("How consent was given"),
                parse=text_parser(Volunteer, "consent_method"),
                example="书面同意书",
                help=_("A signed form, a recorded call …"),
                format=lambda v: v.consent_method,
            ),
        ]

    def prepare(self, rows):
        self.teams = NamedChoice(scoped(Team.objects.filter(active=True), self.actor, MANAGE), _("teams"))
        people = {
            r["person"][0].candidates[0].pk
            for r in rows
            if r.get("person") and len(r["person"]) == 1 and len(r["person"][0].candidates) == 1
        }
        self.registered = set(Volunteer.objects.filter(person_id__in=people).values_list("person_id", flat=True))
        self.seen: dict[int, int] = {}

    def clean_row(self, row):
        errors = {}
        person = None
        if "person" not in self.failed:
            try:
                person = one_person(row["person"], "person")
            except ValidationError as e:
                errors.update(e.message_dict)
        teams = []
        for name in row.get("teams") or []:
            try:
                teams.append(self.teams.one(name, "teams"))
            except ValidationError as e:
                errors.setdefault("teams", []).extend(e.message_dict["teams"])
        if person is not None:
            if person.pk in self.registered:
                errors["person"] = [services.already_volunteer()]
            elif person.pk in self.seen:
                errors["person"] = [_("She is already in row %(row)s.") % {"row": self.seen[person.pk]}]
            else:
                self.seen[person.pk] = self.row_number
        if errors:
            raise ValidationError(errors)
        if person is None:
            return row
        v = services.volunteer_build(
            actor=self.actor,
            person=person,
            org=row.get("org_code"),
            joined=row.get("joined"),
            skills=row.get("skills") or "",
            areas=row.get("areas") or "",
            consent_by=row.get("consent_by") or "",
            consent_method=row.get("consent_method") or "",
        )
        return {"volunteer": v, "teams": teams}

    def write(self, rows):
        return services.volunteers_bulk_create(
            actor=self.actor, volunteers=[r["volunteer"] for r in rows], teams=[r["teams"] for r in rows]
        )


def _read_hours(value):
    try:
        return services.read_hours(value)
    except ValidationError as e:
        raise ValidationError(e.message_dict["hours"])


@register
class HoursImporter(Importer):
    """Back-filled hours: each row waits for the level above; the month's cap is checked over the sheet's rows
    and what is already back-filled."""

    kind = "volunteer_hours"
    title = gettext_lazy("Back-filled volunteer hours")
    permission = MANAGE

    def get_columns(self):
        return [
            PersonColumn(
                "volunteer",
                _("Volunteer"),
                example="其其格",
                help=_("The name or ID number of a registered volunteer of your units."),
                format=lambda r: r.volunteer.person.name,
            ),
            DateColumn("date", _("Service date"), earliest=2000, format=lambda r: r.date),
            Column(
                "hours",
                _("Hours"),
                parse=_read_hours,
                example="2",
                help=_("From 0.1 to 12, such as 2 or 1.5."),
                format=lambda r: float(r.hours),
            ),
            OrgColumn(
                "org_code",
                _("Org unit code"),
                perm=MANAGE,
                example="150602100200",
                help=_("Where the service was given: a unit within your own units."),
            ),
            Column(
                "team",
                _("Team"),
                required=False,
                parse=lambda v: " ".join(str(v).split()),
                example="",
                help=_("The name of a team; may be left empty."),
                format=lambda r: r.team.name if r.team_id else "",
            ),
            Column(
                "project",
                _("Project"),
                required=False,
                parse=lambda v: " ".join(str(v).split()),
                example="",
                help=_("The name of a project; may be left empty."),
                format=lambda r: r.project.name if r.project_id else "",
            ),
            Column(
                "note",
                _("What was done"),
                parse=text_parser(ServiceRecord, "note"),
                example="入户看望独居老人",
                help=_("What the service was, and why it is back-filled."),
                format=lambda r: r.note,
            ),
        ]

    def prepare(self, rows):
        self.teams = NamedChoice(sel.team_choices(self.actor), _("teams"))
        self.projects = NamedChoice(sel.project_choices(self.actor), _("projects"))
        people = {c.pk for r in rows for ref in (r.get("volunteer") or []) for c in ref.candidates}
        self.volunteers = {
            v.person_id: v
            for v in scoped(Volunteer.objects.select_related("person"), self.actor).filter(person_id__in=people)
        }
        self.used: dict[tuple[int, str], Decimal] = {}

    def clean_row(self, row):
        errors = {}
        volunteer = None
        if "volunteer" not in self.failed:
            try:
                person = one_person(row["volunteer"], "volunteer")
                volunteer = self.volunteers.get(person.pk)
                if volunteer is None:
                    raise ValidationError(
                        {
                            "volunteer": [
                                _("%(name)s is not a registered volunteer of your units.") % {"name": person.name}
                            ]
                        }
                    )
            except ValidationError as e:
                errors.update(e.message_dict)
        team = project = None
        for key, choice in (("team", self.teams), ("project", self.projects)):
            if row.get(key):
                try:
                    found = choice.one(row[key], key)
                except ValidationError as e:
                    errors.update(e.message_dict)
                else:
                    team, project = (found, project) if key == "team" else (team, found)
        if errors or self.failed:
            raise ValidationError(errors)
        record = services.backfill_build(
            actor=self.actor,
            volunteer=volunteer,
            org=row["org_code"],
            date=row["date"],
            hours=row["hours"],
            note=row["note"],
            team=team,
            project=project,
        )
        key = (volunteer.pk, record.date.strftime("%Y-%m"))
        already = self.used.get(key)
        if already is None:
            already = services.backfilled_in_month(volunteer.pk, record.date)
        refusal = services.cap_refusal(volunteer, record.date, already, record.hours)
        if refusal:
            raise ValidationError({"hours": [refusal]})
        self.used[key] = already + record.hours
        return record

    def write(self, rows):
        return services.backfill_bulk_create(actor=self.actor, records=rows)
