"""Import and export of lectures and talk sessions (core.xlsx framework)."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import bulk
from jinguo.core.bounds import bounds, number, text_parser
from jinguo.core.confirm import confirm_hint
from jinguo.core.paths import ancestors_or_self, county_of
from jinguo.core.roles import Perm
from jinguo.core.xlsx import (
    ChoiceColumn,
    Column,
    DateColumn,
    Importer,
    LookupColumn,
    ascii_text,
    register,
)
from jinguo.orgs.columns import OrgColumn
from jinguo.orgs.models import OrgUnit
from jinguo.outreach import services
from jinguo.outreach.models import (
    AudienceGroup,
    Campaign,
    Language,
    Lecture,
    LectureFormat,
    LectureKind,
    Lecturer,
    LectureState,
    LectureTeam,
    Mode,
    Topic,
)
from jinguo.people.columns import PersonColumn
from jinguo.people.models import Person
from jinguo.people.selectors import people_nameable
from jinguo.planning.models import KIND_RANK, Theme
from jinguo.planning.selectors import theme_applies, theme_serves
from jinguo.venues.columns import VenueColumn

YES = {"是", "yes", "y", "1", "true", "已举办", "举办"}
NO = {"否", "no", "n", "0", "false", "计划", "未举办"}


def _text(value) -> str:
    return " ".join(str(value).split())


# Old spellings of the vocabulary (the model choices' labels) that sheets still carry.
MODE_ALIASES = {"线上线下": Mode.HYBRID}
LANGUAGE_ALIASES = {"汉蒙双语": Language.BOTH}


def _held(value):
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("Write 是 (held) or 否 (planned)."))


def _serving_members(importer):
    """Active members of the lecture teams that may serve the actor's units (theirs, below and above): people a
    lecture may name besides the actor's own (each row keeps those of the teams serving its unit)."""
    from jinguo.core.scope import lineage_paths, scope_paths

    q = Q(team__org_path__in=lineage_paths(importer.actor, Perm.WRITE))
    for path in scope_paths(importer.actor, Perm.WRITE):
        q |= Q(team__org_path__startswith=path)
    return Lecturer.objects.filter(q, active=True).values("person_id")


@register
class LectureImporter(Importer):
    kind = "lectures"
    title = gettext_lazy("Lectures")
    permission = Perm.WRITE

    def get_columns(self):
        def at_most(field):
            return _("At most %(max)s characters.") % {"max": number(bounds(Lecture, field).max_length)}

        def count_help(field):
            return _("A whole number from 0 to %(max)s.") % {"max": number(bounds(Lecture, field).max_value)}

        def hh_mm(t):
            return t.strftime("%H:%M") if t else ""

        return [
            Column(
                "title",
                _("Title"),
                parse=text_parser(Lecture, "title"),
                example="学习贯彻党的二十大精神宣讲",
                help=at_most("title"),
                format=lambda lec: lec.title,
            ),
            ChoiceColumn(
                "kind",
                _("Kind"),
                choices=LectureKind.choices,
                example="宣讲",
            ),
            DateColumn("date", _("Date"), earliest=2000, format=lambda lec: lec.date),
            Column(
                "start_time",
                _("Start time"),
                required=False,
                example="14:30",
                help=_("Optional, such as 14:30; a range such as 14:30-16:00 fills the end time too."),
                format=lambda lec: hh_mm(lec.start_time),
            ),
            Column(
                "end_time",
                _("End time"),
                required=False,
                example="16:00",
                help=_("Optional, such as 16:00."),
                format=lambda lec: hh_mm(lec.end_time),
            ),
            OrgColumn(
                "org_code",
                _("Org unit code"),
                example="150602100200",
                help=_("Where it was held: a unit within your own units, down to the village."),
            ),
            Column(
                "place",
                _("Place"),
                required=False,
                parse=text_parser(Lecture, "place"),
                example="村委会活动室",
                help=at_most("place"),
                format=lambda lec: lec.place,
            ),
            Column(
                "team",
                _("Lecture team"),
                required=False,
                parse=_text,
                example="",
                help=_("The name of a lecture team of the unit or a unit above it; may be left empty."),
                format=lambda lec: lec.team.name if lec.team_id else "",
            ),
            PersonColumn(
                "lecturers",
                _("Lecturers"),
                also=_serving_members,
                example="其其格",
                help=_(
                    "Names or ID numbers of registered people, separated by 、. A name must match exactly one "
                    "person of your units or of a lecture team serving the unit; otherwise give the ID number."
                ),
                format=lambda lec: "、".join(p.name for p in lec.lecturers.all()),
            ),
            Column(
                "theme",
                _("Theme"),
                parse=_text,
                example="",
                help=_("The title of a theme in the theme calendar that covers the date."),
                format=lambda lec: lec.theme.title,
            ),
            LookupColumn("topic", _("Topic"), model=Topic, example="党的创新理论", format=lambda lec: lec.topic.name),
            LookupColumn(
                "campaign",
                _("Campaign"),
                model=Campaign,
                required=False,
                example="百千万巾帼大宣讲",
                format=lambda lec: lec.campaign.name if lec.campaign_id else "",
            ),
            ChoiceColumn(
                "formats",
                _("Lecture-plus elements"),
                choices=LectureFormat.choices,
                multiple=True,
                required=False,
                example="微电影、现场互动",
            ),
            LookupColumn(
                "audience_group",
                _("Audience group"),
                model=AudienceGroup,
                example="农牧民",
                format=lambda lec: lec.audience_group.name,
            ),
            Column(
                "audience_count",
                _("Audience"),
                required=False,
                parse=ascii_text,
                example="45",
                help=_("Required when held.") + " " + count_help("audience_count"),
                format=lambda lec: lec.audience_count,
            ),
            ChoiceColumn(
                "mode",
                _("Offline or online"),
                choices=Mode.choices,
                aliases=MODE_ALIASES,
                required=False,
                example="线下",
            ),
            Column(
                "online_views",
                _("Online views"),
                required=False,
                parse=ascii_text,
                example="0",
                help=count_help("online_views"),
                format=lambda lec: lec.online_views,
            ),
            ChoiceColumn(
                "language",
                _("Language"),
                choices=Language.choices,
                aliases=LANGUAGE_ALIASES,
                required=False,
                example="汉语",
            ),
            Column(
                "summary",
                _("Summary"),
                required=False,
                parse=text_parser(Lecture, "summary"),
                example="",
                help=at_most("summary"),
                format=lambda lec: lec.summary,
            ),
            Column(
                "held",
                _("Held"),
                required=False,
                parse=_held,
                example="是",
                help=_("是 (held) or 否 (planned)."),
                choices=lambda: ["是", "否"],
                format=lambda lec: "是" if lec.state != LectureState.PLANNED else "否",
            ),
            VenueColumn(
                "venue",
                _("Venue"),
                required=False,
                example="",
                help=_("The name of the publicity venue it was held at, if any (a venue of the unit or on its line)."),
            ),
        ]

    def prepare(self, rows):
        actor = self.actor
        # The closed months of every row's date, read once (one query a row cost half of a large import).
        self.period_lock = services.period_locks_for({d for r in rows if isinstance(d := r.get("date"), datetime.date)})
        self.orgs = {o.code: o for r in rows if (o := r.get("org_code")) is not None}
        prefixes = {p for o in self.orgs.values() for p in ancestors_or_self(o.path)}
        self.themes: dict[str, list[Theme]] = {}  # by title, wherever they are: theme_serves tells which serve
        for t in Theme.objects.filter(title__in={r.get("theme") for r in rows}).select_related("org"):
            self.themes.setdefault(t.title, []).append(t)
        self.teams: dict[str, list[LectureTeam]] = {}
        for t in LectureTeam.objects.filter(org_path__in=prefixes).select_related("org"):
            self.teams.setdefault(t.name, []).append(t)
        # Who may be named follows people_nameable: registered in the actor's units, or an active member of a
        # lecture team serving the row's unit (lecturers_nameable). The column read the candidates; they are
        # narrowed row by row in _lecturer.
        found = {p.pk for r in rows for ref in (r.get("lecturers") or []) for p in ref.candidates}
        self.visible = set(people_nameable(actor, found))  # nameable in the actor's own units
        self.members: dict[int, set[str]] = {}
        serving_members = Lecturer.objects.filter(active=True, team__org_path__in=prefixes, person_id__in=found)
        for person_id, path in serving_members.values_list("person_id", "org_path"):
            self.members.setdefault(person_id, set()).add(path)
        self._load_recorded(rows)
        self.usual: dict[str, float | None] = {}
        self.today = timezone.localdate()

    def _load_recorded(self, rows) -> None:
        """Lectures already recorded at the rows' units on the rows' dates, by their key (see _check_repeat)."""
        days, titles = set(), {r.get("title") for r in rows}
        for r in rows:
            if r.get("date") is not None:
                days.add(r["date"])
        found = {}
        paths = sorted(o.path for o in self.orgs.values())
        # The span of the dates, not a list of them: SQLite tests an IN list of the 3,000 days of a years-long
        # sheet against each row (0.7 s for 10,000 lectures; 0.03 s by range, the days kept here).
        span = (min(days), max(days)) if days else None
        for i in range(0, len(paths), 500) if span else ():
            qs = Lecture.objects.filter(org_path__in=paths[i : i + 500], date__range=span)
            for pk, org_id, day, title, start in qs.values_list("pk", "org_id", "date", "title", "start_time"):
                if title in titles and day in days:
                    found[pk] = (org_id, day, title, start)
        lecturers: dict[int, set[int]] = {}
        pks = list(found)
        through = Lecture.lecturers.through.objects
        for i in range(0, len(pks), 900):
            for lecture_id, person_id in through.filter(lecture_id__in=pks[i : i + 900]).values_list(
                "lecture_id", "person_id"
            ):
                lecturers.setdefault(lecture_id, set()).add(person_id)
        self.recorded: dict[tuple, list] = {}
        for pk, (org_id, day, title, start) in found.items():
            self.recorded.setdefault((org_id, day, title, frozenset(lecturers.get(pk, ()))), []).append(start)
        self.in_sheet: dict[tuple, list[tuple]] = {}

    def _check_repeat(self, org: OrgUnit, clean: dict) -> None:
        """The same lecture twice double-counts coverage and audience: refuse a repeat in the sheet or of
        a recorded lecture. Same unit, date, title and lecturers, and the same start time when both give one
        (a morning and an afternoon session of one lecture are two lectures)."""
        key = (org.pk, clean["date"], clean["title"], frozenset(clean["lecturer_ids"]))
        start = clean.get("start_time")

        def same(other):
            return start is None or other is None or start == other

        if any(same(t) for t in self.recorded.get(key, ())):
            raise ValidationError(_("This lecture is already recorded: same unit, date, title and lecturers."))
        for t, row in self.in_sheet.get(key, ()):
            if same(t):
                raise ValidationError(_("This lecture appears twice in the sheet (row %(row)s).") % {"row": row})
        self.in_sheet.setdefault(key, []).append((start, self.row_number))

    def _lecturer(self, ref, org: OrgUnit) -> tuple[Person | None, str]:
        serving = set(ancestors_or_self(org.path))
        matches = [p for p in ref.candidates if p.pk in self.visible or bool(self.members.get(p.pk, set()) & serving)]
        if ref.number:
            # Unknown and not nameable get the same answer: the sheet learns nothing about other units' people.
            if not matches:
                return None, services.lecturer_refused(ref.number[:6] + "…")
            return matches[0], ""
        if not matches:
            return None, services.lecturer_refused(f"“{ref.name}”")
        if len(matches) > 1:
            return None, _("Several registered people are called “%(who)s”: give the ID number instead.") % {
                "who": ref.name
            }
        return matches[0], ""

    def _theme(self, title: str, org: OrgUnit, day):
        """The theme of this title that serves the row (planning's theme_applies), the nearest and narrowest
        when several do; else the refusal of the nearest one (of this unit or above before one elsewhere).
        Rows repeat a theme, unit and day: each such triple is decided once a run."""
        memo = self.__dict__.setdefault("_theme_memo", {})
        key = (title, org.path, day)
        if key not in memo:
            memo[key] = self._theme_of(title, org, day)
        return memo[key]

    def _theme_of(self, title: str, org: OrgUnit, day):
        titled = self.themes.get(title, [])
        if not titled:
            return None, _("There is no theme “%(theme)s” in the theme calendar.") % {"theme": title}
        # The themes of the title at the unit or above, once a unit (rows of a unit repeat it on many days).
        lines = self.__dict__.setdefault("_theme_lines", {})
        if (title, org.path) not in lines:
            lines[(title, org.path)] = [t for t in titled if theme_serves(t, org.path, None)]
        serving = [t for t in lines[(title, org.path)] if theme_serves(t, org.path, day)]
        if not serving:
            nearest = max(titled, key=lambda t: (org.path.startswith(t.org_path), len(t.org_path)))
            return None, theme_applies(nearest, org.path, day)
        return max(serving, key=lambda t: (len(t.org_path), KIND_RANK[t.kind])), ""

    def clean_row(self, row):
        """Every check of the row, all reported together; a unit that could not be read leaves out the checks
        that depend on it (theme, team, lecturers)."""
        errors: dict[str, list[str]] = {}
        org = row["org_code"]
        day = row["date"]
        theme = team = venue = None
        ids = []
        if org is not None:
            if row["theme"]:
                theme, msg = self._theme(row["theme"], org, day)
                if msg:
                    errors["theme"] = [msg]
            for ref in row["lecturers"] or []:
                p, msg = self._lecturer(ref, org)
                if msg:
                    errors.setdefault("lecturers", []).append(msg)
                else:
                    ids.append(p.pk)
            if (ref := row.get("venue")) is not None:
                try:
                    venue = ref.pick(org.path)
                except ValidationError as e:
                    errors["venue"] = e.messages
            if team_name := row.get("team"):
                teams = [t for t in self.teams.get(team_name, []) if org.path.startswith(t.org_path)]
                if not teams:
                    errors["team"] = [_("No lecture team “%(team)s” serves this unit.") % {"team": team_name}]
                else:
                    team = max(teams, key=lambda t: len(t.org_path))
        data = {
            "title": row["title"],
            "kind": row["kind"],
            "date": day,
            "start_time": row.get("start_time"),
            "end_time": row.get("end_time"),
            "place": row.get("place") or "",
            "formats": row.get("formats") or [],
            "audience_count": row.get("audience_count"),
            "mode": row.get("mode") or Mode.OFFLINE,
            "online_views": row.get("online_views"),
            "language": row.get("language") or Language.CHINESE,
            "summary": row.get("summary") or "",
            "theme": theme,
            "team": team,
            "venue": venue,
            "topic": row["topic"],
            "campaign": row.get("campaign"),
            "audience_group": row["audience_group"],
            "lecturer_ids": ids,
        }
        held = row.get("held")
        if held is None:
            held = row.get("audience_count") not in (None, "")
        unit_bound = {"theme", "team", "lecturers", "venue"}  # refused above, or not checkable without the unit
        try:
            clean = services.clean_lecture(
                actor=self.actor, org=org, data=data, held=held, check_lecturers=False, today=self.today
            )
        except ValidationError as e:
            for key, msgs in e.message_dict.items():
                if key not in errors and not (key in unit_bound and (org is None or key in self.failed)):
                    errors[key] = msgs
            clean = None
        if clean is not None and org is not None and day is not None:
            lock = self.period_lock(org.path, day)
            if lock is not None:
                errors["date"] = [
                    _("%(month)s of %(unit)s has been checked by the level above and is closed.")
                    % {"month": lock.month.strftime("%Y-%m"), "unit": lock.org.name}
                ]
        if errors or org is None or clean is None:
            raise ValidationError(errors)
        self._check_repeat(org, clean)
        self._check_unusual(org, clean)
        return {"org": org, "clean": clean, "held": held}

    def _check_unusual(self, org: OrgUnit, clean: dict) -> None:
        """An audience far above the county's usual one is a problem of its row unless the upload confirmed the
        sheet's unusual figures (core.confirm; the form and the API ask the same question)."""
        if self.confirm_unusual or clean.get("audience_count") is None:
            return
        if clean["audience_count"] <= services.AUDIENCE_FLOOR:
            return
        area = county_of(org.path) or org.path
        if area not in self.usual:
            self.usual[area] = services.usual_audience(org.path)
        caution = services.audience_caution(clean["audience_count"], org.path, usual=self.usual[area] or 0)
        if caution is not None:
            raise ValidationError({"audience_count": [f"{caution.message} {confirm_hint()}"]})

    def write(self, rows):
        codes = services.new_checkin_codes([r["clean"]["date"] for r in rows])
        user = self.actor if getattr(self.actor, "pk", None) else None
        ids = [r["clean"]["lecturer_ids"] for r in rows]

        def lectures():  # built as they are stored: the database keeps the first while the next are built
            for r, code in zip(rows, codes, strict=True):
                clean = dict(r["clean"])
                del clean["lecturer_ids"]
                yield bulk.build(
                    Lecture,
                    org=r["org"],
                    org_path=r["org"].path,
                    state=LectureState.HELD if r["held"] else LectureState.PLANNED,
                    checkin_code=code,
                    created_by=user,
                    **clean,
                )

        return services.lecture_bulk_create(
            actor=self.actor, lectures=lectures(), lecturer_ids=ids, paths={r["org"].path for r in rows}
        )


def export_columns(user) -> list[Column]:
    """The lecture export: the import's columns, then what only the record knows (it is not read back)."""
    states = {code: str(label) for code, label in LectureState.choices}  # translated once, not once a row
    return LectureImporter(user).get_columns() + [
        Column("state", _("State"), required=False, format=lambda lec: states.get(lec.state, lec.state)),
        Column("org", _("Org unit"), required=False, format=lambda lec: lec.org.name),
        Column("checkin_code", _("Check-in code"), required=False, format=lambda lec: lec.checkin_code),
    ]
