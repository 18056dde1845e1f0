"""Import and export of lectures and talk sessions (core.xlsx framework)."""

import contextlib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.bounds import bounds, number, text_parser
from jinguo.core.paths import ancestors_or_self
from jinguo.core.roles import Perm
from jinguo.core.scope import scoped
from jinguo.core.xlsx import ID_NUMBER_AS_NUMBER, Column, Importer, register
from jinguo.orgs.models import OrgUnit
from jinguo.outreach import services
from jinguo.outreach.models import (
    FORMAT_NAMES_ZH,
    KIND_NAMES_ZH,
    LANGUAGE_NAMES_ZH,
    MODE_NAMES_ZH,
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
from jinguo.people.idcard import normalize
from jinguo.people.models import Person
from jinguo.people.selectors import people_nameable, people_nameable_by_hash, people_nameable_by_name
from jinguo.people.services import id_hash
from jinguo.planning.models import KIND_RANK, Theme
from jinguo.planning.selectors import theme_applies

_SPLIT = re.compile(r"[、,，;；/\s]+")
YES = {"是", "yes", "y", "1", "true", "已举办", "举办"}
NO = {"否", "no", "n", "0", "false", "计划", "未举办"}


def _text(value) -> str:
    return str(value).strip()


def _choice(choices, zh: dict):
    """A parser accepting a code, its label in the current language, or the article's Chinese name."""

    def parse(value):
        text = str(value).strip()
        for code, label in choices:
            if text in (code, str(label), zh.get(code)):
                return code
        names = "、".join(zh.get(code, str(label)) for code, label in choices)
        raise ValidationError(_("“%(value)s” is not one of: %(names)s.") % {"value": text, "names": names})

    return parse


def _formats(value):
    out = []
    parse = _choice(LectureFormat.choices, FORMAT_NAMES_ZH)
    for part in _SPLIT.split(str(value)):
        if part:
            out.append(parse(part))
    return out


def _held(value):
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("Write 是 (held) or 否 (planned)."))


def _names(value) -> list[str]:
    return [p for p in _SPLIT.split(str(value)) if p]


def _is_id_number(token: str) -> bool:
    """A lecturer given by ID number rather than name: 18 characters once full-width digits are ASCII."""
    return len(normalize(token)) == 18


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

        return [
            Column(
                "title",
                _("Title"),
                format=lambda lec: lec.title,
                parse=text_parser(Lecture, "title"),
                example="学习贯彻党的二十大精神宣讲",
                help=at_most("title"),
            ),
            Column(
                "kind",
                _("Kind"),
                format=lambda lec: KIND_NAMES_ZH.get(lec.kind) or lec.get_kind_display(),
                parse=_choice(LectureKind.choices, KIND_NAMES_ZH),
                example="宣讲",
                help="、".join(KIND_NAMES_ZH.values()),
            ),
            Column(
                "date",
                _("Date"),
                example="2026-07-15",
                help=_("A date such as 2026-07-15."),
                format=lambda lec: lec.date,
            ),
            Column(
                "start_time",
                _("Start time"),
                format=lambda lec: lec.start_time.strftime("%H:%M") if lec.start_time else "",
                required=False,
                example="14:30",
                help=_("Optional, such as 14:30; a range such as 14:30-16:00 fills the end time too."),
            ),
            Column(
                "end_time",
                _("End time"),
                required=False,
                example="16:00",
                help=_("Optional, such as 16:00."),
                format=lambda lec: lec.end_time.strftime("%H:%M") if lec.end_time else "",
            ),
            Column(
                "org_code",
                _("Org unit code"),
                format=lambda lec: lec.org.code,
                parse=_text,
                example="150602100200",
                help=_("Where it was held: a unit within your own units, down to the village."),
            ),
            Column(
                "place",
                _("Place"),
                format=lambda lec: lec.place,
                required=False,
                parse=text_parser(Lecture, "place"),
                example="村委会活动室",
                help=at_most("place"),
            ),
            Column(
                "team",
                _("Lecture team"),
                format=lambda lec: lec.team.name if lec.team_id else "",
                required=False,
                parse=_text,
                example="",
                help=_("The name of a lecture team of the unit or a unit above it; may be left empty."),
            ),
            Column(
                "lecturers",
                _("Lecturers"),
                format=lambda lec: "、".join(p.name for p in lec.lecturers.all()),
                parse=_names,
                example="其其格",
                help=_(
                    "Names or ID numbers of registered people, separated by 、. A name must match exactly one "
                    "person of your units or of a lecture team serving the unit; otherwise give the ID number."
                ),
                refuse_number=ID_NUMBER_AS_NUMBER,  # a name is never a number: this is an ID number Excel rounded
            ),
            Column(
                "theme",
                _("Theme"),
                format=lambda lec: lec.theme.title,
                parse=_text,
                example="",
                help=_("The title of a theme in the theme calendar that covers the date."),
            ),
            Column(
                "topic",
                _("Topic"),
                parse=_text,
                example="党的创新理论",
                help=_("A topic of the list."),
                format=lambda lec: lec.topic.name,
            ),
            Column(
                "campaign",
                _("Campaign"),
                required=False,
                parse=_text,
                example="百千万巾帼大宣讲",
                format=lambda lec: lec.campaign.name if lec.campaign_id else "",
            ),
            Column(
                "formats",
                _("Lecture-plus elements"),
                format=lambda lec: "、".join(FORMAT_NAMES_ZH.get(f, f) for f in lec.formats or []),
                required=False,
                parse=_formats,
                example="微电影、现场互动",
                help="、".join(FORMAT_NAMES_ZH.values()),
            ),
            Column(
                "audience_group",
                _("Audience group"),
                parse=_text,
                example="农牧民",
                format=lambda lec: lec.audience_group.name,
            ),
            Column(
                "audience_count",
                _("Audience"),
                format=lambda lec: lec.audience_count,
                required=False,
                example="45",
                help=_("Required when held.") + " " + count_help("audience_count"),
            ),
            Column(
                "mode",
                _("Offline or online"),
                format=lambda lec: MODE_NAMES_ZH.get(lec.mode) or lec.get_mode_display(),
                required=False,
                parse=_choice(Mode.choices, MODE_NAMES_ZH),
                example="线下",
            ),
            Column(
                "online_views",
                _("Online views"),
                required=False,
                example="0",
                help=count_help("online_views"),
                format=lambda lec: lec.online_views,
            ),
            Column(
                "language",
                _("Language"),
                format=lambda lec: LANGUAGE_NAMES_ZH.get(lec.language) or lec.get_language_display(),
                required=False,
                parse=_choice(Language.choices, LANGUAGE_NAMES_ZH),
                example="汉语",
            ),
            Column(
                "summary",
                _("Summary"),
                format=lambda lec: lec.summary,
                required=False,
                parse=text_parser(Lecture, "summary"),
                example="",
                help=at_most("summary"),
            ),
            Column(
                "held",
                _("Held"),
                required=False,
                parse=_held,
                example="是",
                help=_("是 (held) or 否 (planned)."),
                format=lambda lec: "是" if lec.state != LectureState.PLANNED else "否",
            ),
        ]

    def prepare(self, rows):
        actor = self.actor
        codes = {r["org_code"] for r in rows if r.get("org_code")}
        self.orgs = {o.code: o for o in scoped(OrgUnit.objects.filter(code__in=codes), actor, Perm.WRITE, field="path")}
        prefixes = {p for o in self.orgs.values() for p in ancestors_or_self(o.path)}
        self.themes: dict[str, list[Theme]] = {}  # by title, wherever they are: theme_applies tells which serve
        for t in Theme.objects.filter(title__in={r.get("theme") for r in rows}).select_related("org"):
            self.themes.setdefault(t.title, []).append(t)
        self.teams: dict[str, list[LectureTeam]] = {}
        for t in LectureTeam.objects.filter(org_path__in=prefixes).select_related("org"):
            self.teams.setdefault(t.name, []).append(t)
        self.lookups = {
            "topic": {t.name: t for t in Topic.objects.filter(active=True)},
            "campaign": {c.name: c for c in Campaign.objects.filter(active=True)},
            "audience_group": {a.name: a for a in AudienceGroup.objects.filter(active=True)},
        }
        tokens = {t for r in rows for t in (r.get("lecturers") or [])}
        numbers = {normalize(t) for t in tokens if _is_id_number(t)}
        names = {t for t in tokens if not _is_id_number(t)}
        # Who may be named follows people_nameable: registered in the actor's units, or an active member of a
        # lecture team serving the row's unit (lecturers_nameable). Read once for the units of every row,
        # then checked row by row in _lecturer.
        serving_members = Lecturer.objects.filter(active=True, team__org_path__in=prefixes)
        also = serving_members.values("person_id")
        self.by_hash = people_nameable_by_hash(actor, [id_hash(n) for n in numbers], also=also)
        self.by_name = people_nameable_by_name(actor, names, also=also)
        found = {p.pk for p in self.by_hash.values()} | {p.pk for ps in self.by_name.values() for p in ps}
        self.visible = set(people_nameable(actor, found))  # nameable in the actor's own units
        self.members: dict[int, set[str]] = {}
        for person_id, path in serving_members.filter(person_id__in=found).values_list("person_id", "org_path"):
            self.members.setdefault(person_id, set()).add(path)
        self._load_recorded(rows)

    def _load_recorded(self, rows) -> None:
        """Lectures already recorded at the rows' units on the rows' dates, by their key (see _check_repeat)."""
        days, titles = set(), {r.get("title") for r in rows}
        for r in rows:
            with contextlib.suppress(ValidationError):
                days.add(services._parse_date(r.get("date")))
        found = {}
        paths = sorted(o.path for o in self.orgs.values())
        for i in range(0, len(paths), 500):
            qs = Lecture.objects.filter(org_path__in=paths[i : i + 500], date__in=days)
            for pk, org_id, day, title, start in qs.values_list("pk", "org_id", "date", "title", "start_time"):
                if title in titles:
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

    def _lecturer(self, token: str, org: OrgUnit) -> tuple[Person | None, str]:
        serving = set(ancestors_or_self(org.path))

        def allowed(p):
            return p.pk in self.visible or bool(self.members.get(p.pk, set()) & serving)

        if _is_id_number(token):
            # Unknown and not nameable get the same answer: the sheet learns nothing about other units' people.
            p = self.by_hash.get(id_hash(token))
            if p is None or not allowed(p):
                return None, services.lecturer_refused(normalize(token)[:6] + "…")
            return p, ""
        matches = [p for p in self.by_name.get(token, []) if allowed(p)]
        if not matches:
            return None, services.lecturer_refused(f"“{token}”")
        if len(matches) > 1:
            return None, _("Several registered people are called “%(who)s”: give the ID number instead.") % {
                "who": token
            }
        return matches[0], ""

    def _theme(self, title: str, org: OrgUnit, day):
        """The theme of this title that serves the row (planning's theme_applies), the nearest and narrowest
        when several do; else the refusal of the nearest one (of this unit or above before one elsewhere)."""
        titled = self.themes.get(title, [])
        if not titled:
            return None, _("There is no theme “%(theme)s” in the theme calendar.") % {"theme": title}
        verdicts = [(t, theme_applies(t, org.path, day)) for t in titled]
        serving = [t for t, refusal in verdicts if refusal is None]
        if not serving:
            _t, refusal = max(verdicts, key=lambda v: (org.path.startswith(v[0].org_path), len(v[0].org_path)))
            return None, refusal
        return max(serving, key=lambda t: (len(t.org_path), KIND_RANK[t.kind])), ""

    def clean_row(self, row):
        errors: dict[str, list[str]] = {}
        org = self.orgs.get(row["org_code"])
        if org is None:
            # An unknown code and a unit outside the user's get one answer.
            errors["org_code"] = [
                _("There is no unit with code %(code)s among your units.") % {"code": row["org_code"]}
            ]
            raise ValidationError(errors)
        try:
            day = services._parse_date(row["date"])
        except ValidationError as e:
            errors["date"] = e.messages
            day = None
        theme, msg = self._theme(row["theme"], org, day)
        if msg:
            errors["theme"] = [msg]
        ids = []
        for token in row["lecturers"] or []:
            p, msg = self._lecturer(token, org)
            if msg:
                errors.setdefault("lecturers", []).append(msg)
            else:
                ids.append(p.pk)
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
            "lecturer_ids": ids,
        }
        for key in ("topic", "campaign", "audience_group"):
            name = row.get(key)
            data[key] = self.lookups[key].get(name) if name else None
            if name and data[key] is None:
                errors.setdefault(key, []).append(_("“%(value)s” is not in the list.") % {"value": name})
        team_name = row.get("team")
        data["team"] = None
        if team_name:
            teams = [t for t in self.teams.get(team_name, []) if org.path.startswith(t.org_path)]
            if not teams:
                errors["team"] = [_("No lecture team “%(team)s” serves this unit.") % {"team": team_name}]
            else:
                data["team"] = max(teams, key=lambda t: len(t.org_path))
        held = row.get("held")
        if held is None:
            held = row.get("audience_count") not in (None, "")
        try:
            clean = services.clean_lecture(actor=self.actor, org=org, data=data, held=held, check_lecturers=False)
        except ValidationError as e:
            for key, msgs in e.message_dict.items():
                if key not in errors:
                    errors[key] = msgs
            clean = None
        if clean is not None and day is not None:
            lock = services.period_lock_for(org.path, day)
            if lock is not None:
                errors["date"] = [
                    _("%(month)s of %(unit)s has been checked by the level above and is closed.")
                    % {"month": lock.month.strftime("%Y-%m"), "unit": lock.org.name}
                ]
        if errors:
            raise ValidationError(errors)
        self._check_repeat(org, clean)
        return {"org": org, "clean": clean, "held": held}

    def write(self, rows):
        codes = services.new_checkin_codes([r["clean"]["date"] for r in rows])
        lectures, ids = [], []
        user = self.actor if getattr(self.actor, "pk", None) else None
        for r, code in zip(rows, codes, strict=True):
            clean = dict(r["clean"])
            ids.append(clean.pop("lecturer_ids"))
            lectures.append(
                Lecture(
                    org=r["org"],
                    org_path=r["org"].path,
                    state=LectureState.HELD if r["held"] else LectureState.PLANNED,
                    checkin_code=code,
                    created_by=user,
                    **clean,
                )
            )
        return services.lecture_bulk_create(actor=self.actor, lectures=lectures, lecturer_ids=ids)


def export_columns(user) -> list[Column]:
    """The lecture export: the import's columns, then what only the record knows (it is not read back)."""
    return LectureImporter(user).get_columns() + [
        Column("state", _("State"), required=False, format=lambda lec: str(lec.get_state_display())),
        Column("org", _("Org unit"), required=False, format=lambda lec: lec.org.name),
        Column("checkin_code", _("Check-in code"), required=False, format=lambda lec: lec.checkin_code),
    ]
