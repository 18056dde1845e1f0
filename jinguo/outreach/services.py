"""Writes of the outreach module: lookups, teams, lecturers, lectures, corrections, closed months,
check-ins. Each function checks scope, validates, writes and records the audit event in one
transaction; the messages are what the user reads.
"""

import copy
import datetime
import hmac
import secrets
import statistics
from collections.abc import Collection, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit, bulk, notify, ratelimit, workflow
from jinguo.core.actors import is_system
from jinguo.core.bounds import bounds, check_values, number, out_of_range, record_id, too_long
from jinguo.core.confirm import Caution, ask, outlier
from jinguo.core.files import check_photo, remove_file_on_commit
from jinguo.core.paths import ancestors_or_self, county_of, level_of
from jinguo.core.roles import Perm
from jinguo.core.scope import require_write, scope_paths, writable
from jinguo.core.timeparse import check_order, parse_date, parse_time_of_day, parse_time_range
from jinguo.core.workflow import (
    Transition,
    Workflow,
    checker_path,
    closed_period,
    closed_periods,
    may_check,
    require_open,
)
from jinguo.orgs.models import Level, OrgUnit
from jinguo.outreach.models import (
    AudienceGroup,
    Campaign,
    CheckIn,
    Language,
    Lecture,
    LectureCorrection,
    LectureFormat,
    LectureKind,
    LecturePhoto,
    Lecturer,
    LecturerCategory,
    LectureState,
    LectureTeam,
    Mode,
    Topic,
)
from jinguo.outreach.module import VERIFY
from jinguo.people.models import Person
from jinguo.people.selectors import people_nameable, require_one_nameable
from jinguo.planning.models import Theme
from jinguo.planning.selectors import theme_applies
from jinguo.stats import rollups
from jinguo.venues.models import Venue
from jinguo.venues.selectors import venue_serves

TEAM_LEVELS = (Level.PROVINCE, Level.LEAGUE, Level.COUNTY)
MAX_PHOTOS = 9
CHECKIN_LIMIT = 5  # check-in attempts per phone (address) and lecture …
CHECKIN_WINDOW = 600  # … within this many seconds


# --- helpers shared by the rules below -----------------------------------------------------------


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


LECTURES = "outreach.lecture"  # the subject of the lecture's closed months


def can_verify(user, org_path: str) -> bool:
    """The level above the reporting unit verifies (a league for its counties and their villages;
    the region for its leagues). Region-level records are verified by the region itself."""
    return may_check(user, org_path, VERIFY)


def period_lock_for(org_path: str, day: datetime.date):
    return closed_period(LECTURES, org_path, day)


def period_locks_for(days):
    """`period_lock_for` for many lectures (an import): one query, then `(org_path, day) → lock or None`."""
    return closed_periods(LECTURES, days)


def _check_open(org_path: str, day: datetime.date | None, field: str = "date") -> None:
    require_open(LECTURES, org_path, day, field=field)


def can_manage_lookups(user) -> bool:
    """Lookup tables are region-wide: a cadre or system administrator of a region edits them."""
    if is_system(user):
        return True
    return any(
        level_of(p) == Level.PROVINCE for perm in (Perm.WRITE, Perm.MANAGE_ORGS) for p in scope_paths(user, perm)
    )


# --- lookup tables -------------------------------------------------------------------------------

LOOKUPS = {
    "categories": LecturerCategory,
    "topics": Topic,
    "campaigns": Campaign,
    "audiences": AudienceGroup,
}

LOOKUP_FIELDS = ["name", "sort", "active"]

SEED = {
    "categories": ["妇联干部", "执委", "三八红旗手", "党校老师", "女科技工作者", "家庭教育讲师"],
    "topics": [
        "党的创新理论",
        "惠民利民政策",
        "百姓美好生活",
        "优秀女性事迹",
        "家庭教育",
        "法律",
        "铸牢中华民族共同体意识",
        "移风易俗",
    ],
    "campaigns": ["百千万巾帼大宣讲", "北疆巾帼铸魂工程", "说变化 感党恩 跟党走", "百名巾帼志愿者讲述百家家风故事"],
    "audiences": ["农牧民", "城镇妇女", "青年", "学生", "干部", "少数民族群众", "家庭"],
}


def _require_lookups(actor) -> None:
    if not can_manage_lookups(actor):
        raise PermissionDenied(_("Only the region edits the lists of categories, topics, campaigns and audiences."))


def _clean_lookup_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 40:
        raise ValidationError({"name": [_("The name is required and at most 40 characters.")]})
    return name


@transaction.atomic
def lookup_create(*, actor, kind: str, name: str, sort: int = 100):
    _require_lookups(actor)
    model = LOOKUPS[kind]
    name = _clean_lookup_name(name)
    if model.objects.filter(name=name).exists():
        raise ValidationError({"name": [_("“%(name)s” is already in the list.") % {"name": name}]})
    obj = model.objects.create(name=name, sort=sort)
    audit.record(actor, "lookup.create", obj=obj, detail={"kind": kind, "name": name})
    return obj


@transaction.atomic
def lookup_update(*, actor, obj, name: str, sort: int | None = None, active: bool | None = None):
    _require_lookups(actor)
    before = audit.snapshot(obj, LOOKUP_FIELDS)
    obj.name = _clean_lookup_name(name)
    if type(obj).objects.filter(name=obj.name).exclude(pk=obj.pk).exists():
        raise ValidationError({"name": [_("“%(name)s” is already in the list.") % {"name": obj.name}]})
    if sort is not None:
        obj.sort = sort
    if active is not None:
        obj.active = active
    obj.save()
    audit.record(
        actor,
        "lookup.update",
        obj=obj,
        detail={"before": before, "after": audit.snapshot(obj, LOOKUP_FIELDS)},
    )
    return obj


@transaction.atomic
def lookups_seed(*, actor) -> int:
    """Add the article's categories, topics, campaigns and audiences that are missing. Idempotent."""
    _require_lookups(actor)
    created = 0
    for kind, names in SEED.items():
        model = LOOKUPS[kind]
        have = set(model.objects.values_list("name", flat=True))
        new = [model(name=n, sort=(i + 1) * 10) for i, n in enumerate(names) if n not in have]
        model.objects.bulk_create(new)
        created += len(new)
    if created:
        audit.record(actor, "lookup.seed", object_type="outreach.lookup", detail={"created": created})
    return created


# --- teams and lecturers -------------------------------------------------------------------------


TEAM_FIELDS = ["name", "description", "org_path"]
LECTURER_FIELDS = ["person_id", "languages", "active", "categories", "topics"]


def _clean_team_description(description: str) -> str:
    description = (description or "").strip()
    msg = too_long(LectureTeam, "description", description)
    if msg:
        raise ValidationError({"description": [msg]})
    return description


@transaction.atomic
def team_create(*, actor, org: OrgUnit, name: str, description: str = "") -> LectureTeam:
    require_write(actor, org.path, _("You cannot set up a lecture team for %(org)s.") % {"org": org.name})
    if org.level not in TEAM_LEVELS:
        raise ValidationError({"org_code": [_("A lecture team belongs to the region, a league or a county.")]})
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": [_("The name is required and at most 60 characters.")]})
    description = _clean_team_description(description)
    if LectureTeam.objects.filter(org=org, name=name).exists():
        raise ValidationError({"name": [_("%(org)s already has a team with this name.") % {"org": org.name}]})
    team = LectureTeam.objects.create(org=org, org_path=org.path, name=name, description=description)
    audit.record(actor, "team.create", obj=team, detail={"after": audit.snapshot(team, TEAM_FIELDS)})
    return team


@transaction.atomic
def team_update(*, actor, team: LectureTeam, name: str, description: str = "") -> LectureTeam:
    require_write(actor, team.org_path, _("You cannot change this team."))
    before = audit.snapshot(team, TEAM_FIELDS)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": [_("The name is required and at most 60 characters.")]})
    description = _clean_team_description(description)
    if LectureTeam.objects.filter(org_id=team.org_id, name=name).exclude(pk=team.pk).exists():
        raise ValidationError({"name": [_("%(org)s already has a team with this name.") % {"org": team.org.name}]})
    team.name, team.description = name, description
    team.save()
    audit.record(actor, "team.update", obj=team, detail={"before": before, "after": audit.snapshot(team, TEAM_FIELDS)})
    return team


@transaction.atomic
def team_delete(*, actor, team: LectureTeam) -> None:
    require_write(actor, team.org_path, _("You cannot remove this team."))
    gone, before = audit.identity(team), audit.snapshot(team, TEAM_FIELDS)
    try:
        with transaction.atomic():
            team.delete()
    except ProtectedError:
        raise ValidationError(_("The team has lectures on record and cannot be removed."))
    audit.record(actor, "team.delete", **gone, detail={"before": before})


def _ids(values) -> list[int]:
    out = []
    for v in values or []:
        n = record_id(v)
        if n is None:
            raise ValidationError(_("“%(value)s” is not a record number.") % {"value": v})
        out.append(n)
    return out


def _lookup_objs(model, ids, field: str) -> list:
    ids = _ids(ids)
    objs = list(model.objects.filter(pk__in=ids, active=True))
    if len(objs) != len(set(ids)):
        raise ValidationError({field: [_("Choose from the list.")]})
    return objs


@transaction.atomic
def lecturer_add(
    *, actor, team: LectureTeam, person, categories=(), topics=(), languages: str = Language.CHINESE
) -> Lecturer:
    require_write(actor, team.org_path, _("You cannot change the members of this team."))
    person = require_one_nameable(actor, person, field="person")
    if languages not in Language.values:
        raise ValidationError({"languages": [_("Choose Chinese, Mongolian or both.")]})
    cats = _lookup_objs(LecturerCategory, categories, "categories")
    tops = _lookup_objs(Topic, topics, "topics")
    if Lecturer.objects.filter(team=team, person=person).exists():
        raise ValidationError({"person": [_("%(name)s is already in this team.") % {"name": person.name}]})
    m = Lecturer.objects.create(
        team=team, org_id=team.org_id, org_path=team.org_path, person=person, languages=languages
    )
    m.categories.set(cats)
    m.topics.set(tops)
    audit.record(actor, "lecturer.add", obj=m, detail={"team": team.pk, "after": audit.snapshot(m, LECTURER_FIELDS)})
    return m


@transaction.atomic
def lecturer_update(
    *, actor, lecturer: Lecturer, categories=(), topics=(), languages: str = Language.CHINESE, active: bool = True
) -> Lecturer:
    require_write(actor, lecturer.org_path, _("You cannot change the members of this team."))
    if languages not in Language.values:
        raise ValidationError({"languages": [_("Choose Chinese, Mongolian or both.")]})
    before = audit.snapshot(lecturer, LECTURER_FIELDS)
    lecturer.categories.set(_lookup_objs(LecturerCategory, categories, "categories"))
    lecturer.topics.set(_lookup_objs(Topic, topics, "topics"))
    lecturer.languages, lecturer.active = languages, bool(active)
    lecturer.save()
    audit.record(
        actor,
        "lecturer.update",
        obj=lecturer,
        detail={"before": before, "after": audit.snapshot(lecturer, LECTURER_FIELDS)},
    )
    return lecturer


@transaction.atomic
def lecturer_remove(*, actor, lecturer: Lecturer) -> None:
    require_write(actor, lecturer.org_path, _("You cannot change the members of this team."))
    gone, detail = audit.identity(lecturer), {"team": lecturer.team_id, "person": lecturer.person_id}
    lecturer.delete()
    audit.record(actor, "lecturer.remove", **gone, detail=detail)


def lecturer_bulk_create(*, actor, members: list[Lecturer]) -> int:
    """Save prepared team memberships (demo); the caller holds the transaction and audits the batch."""
    for path in {m.org_path for m in members}:
        require_write(actor, path, _("You cannot change the members of this team."))
    Lecturer.objects.bulk_create(members, batch_size=1000)
    return len(members)


# --- lectures ------------------------------------------------------------------------------------

LECTURE_FIELDS = [
    "title",
    "kind",
    "date",
    "start_time",
    "end_time",
    "place",
    "venue",
    "team",
    "topic",
    "theme",
    "campaign",
    "formats",
    "audience_group",
    "audience_count",
    "mode",
    "online_views",
    "language",
    "summary",
]


def _parse_date(value) -> datetime.date:
    """A lecture's date as typed (core.timeparse.parse_date), within 2000–2100."""
    return parse_date(value, earliest=2000, latest=2100)


def _parse_count(value, field: str, *, required: bool) -> int | None:
    """A count of a lecture (`audience_count`, `online_views`) within the bounds the model declares."""
    if value in (None, ""):
        if required:
            raise ValidationError(
                _("Give the audience count of a held lecture.") if field == "audience_count" else _("Required.")
            )
        return None
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})
    limits = bounds(Lecture, field)
    if n < limits.min_value:
        if field == "audience_count":
            raise ValidationError(_("The audience count cannot be below zero."))
        raise ValidationError(_("The number cannot be below zero."))
    if n > limits.max_value:
        if field == "audience_count":
            raise ValidationError(_("The audience count is at most %(max)s.") % {"max": number(limits.max_value)})
        raise ValidationError(out_of_range(Lecture, field, n))
    return n


def serving_team_members(org_path: str) -> QuerySet:
    """Ids of the active members of the lecture teams serving `org_path`: its own and those of the units above."""
    return Lecturer.objects.filter(active=True, team__org_path__in=ancestors_or_self(org_path)).values("person_id")


def lecturers_nameable(actor, org_path: str, person_ids) -> dict[int, Person]:
    """The people among `person_ids` who may lecture at `org_path` for `actor`.

    A lecturer is a registered person of the actor's units, or an active member of a lecture team of
    the lecture's unit or a unit above it (a region lecturer speaking in a village).
    """
    return people_nameable(actor, person_ids, also=serving_team_members(org_path))


def lecturer_refused(ref) -> str:
    """The one answer for a lecturer who is unknown or whom the actor may not name: it names nobody."""
    return _(
        "Lecturer %(ref)s is neither in the people registry of your units nor in a lecture team serving this unit."
    ) % {"ref": ref}


# The lecture-plus elements in their declared order (LectureFormat.values builds its list anew at each call).
_FORMAT_ORDER = {v: i for i, v in enumerate(LectureFormat.values)}


def _read_lecture(data: dict, held: bool, fail, errors: dict) -> dict:
    """The values of `data` as the model keeps them: text as typed (dates, times of day, counts) is read here;
    a value that cannot be read is refused on its field and left out."""
    out: dict = {
        "title": (data.get("title") or "").strip(),
        "kind": data.get("kind") or LectureKind.LECTURE,
        "place": (data.get("place") or "").strip(),
        "mode": data.get("mode") or Mode.OFFLINE,
        "language": data.get("language") or Language.CHINESE,
        "summary": (data.get("summary") or "").strip(),
    }
    for field in ("theme", "topic", "audience_group", "campaign", "team", "venue"):
        out[field] = data.get(field)
    try:
        out["date"] = _parse_date(data.get("date"))
    except ValidationError as e:
        fail("date", e.messages[0])
    # A range typed as the start time (14:30-16:00) fills the end time too, over an earlier end.
    out["start_time"] = out["end_time"] = None
    try:
        out["start_time"], out["end_time"] = parse_time_range(data.get("start_time"))
    except ValidationError as e:
        fail("start_time", e.messages[0])
    if out["end_time"] is None and "start_time" not in errors:
        try:
            out["end_time"] = parse_time_of_day(data.get("end_time"))
        except ValidationError as e:
            fail("end_time", e.messages[0])
    try:
        out["audience_count"] = _parse_count(data.get("audience_count"), "audience_count", required=held)
    except ValidationError as e:
        fail("audience_count", e.messages[0])
    try:
        out["online_views"] = _parse_count(data.get("online_views"), "online_views", required=False) or 0
    except ValidationError as e:
        fail("online_views", e.messages[0])
    formats = list(data.get("formats") or [])
    if any(not isinstance(f, str) or f not in _FORMAT_ORDER for f in formats):
        fail("formats", _("Choose from the list."))
    out["formats"] = sorted({f for f in formats if isinstance(f, str) and f in _FORMAT_ORDER}, key=_FORMAT_ORDER.get)
    return out


def clean_lecture(
    *, actor, org: OrgUnit | None, data: dict, held: bool, check_lecturers: bool = True, today=None
) -> dict:
    """A lecture's values, checked; ValidationError keyed by field with every refusal.

    Each field is checked by the model's field (core.bounds.check_values, as full_clean checks it: required,
    choices, lengths, bounds). What is checked here are the rules between fields, this service's own:
    - a held lecture is not dated in the future;
    - an end time needs a start time and comes after it;
    - the theme serves the unit on the date (planning's theme_applies);
    - an offline lecture has no online views;
    - the team serves the unit (its own or a unit above);
    - one to MAX_LECTURERS lecturers, each a person the actor may name at the unit (lecturers_nameable).
    `check_lecturers=False` is for imports, which resolve lecturers in bulk by the same rule; `org` None (an
    import row whose unit was refused) leaves out the rules that need the unit. `today`: the local date, read once
    by an import for all its rows.
    """
    errors: dict[str, list[str]] = {}

    def fail(field, msg):
        errors.setdefault(field, []).append(str(msg))

    out = _read_lecture(data, held, fail, errors)
    fields = {k: v for k, v in out.items() if k not in errors}
    checked = ["title", "kind", "date", "start_time", "end_time", "place", "mode", "language", "summary"]
    for field, messages in check_values(Lecture, {k: fields.get(k) for k in checked if k not in errors}).items():
        errors.setdefault(field, messages)

    day = out.get("date") if "date" not in errors else None
    if held and day is not None and day > (today or timezone.localdate()):
        fail("date", _("A lecture dated in the future cannot have been held yet."))
    start, end = out.get("start_time"), out.get("end_time")
    if "start_time" not in errors and "end_time" not in errors:
        if end is not None and start is None:
            fail("start_time", _("Give the start time as well as the end time."))
        try:
            check_order(start, end)
        except ValidationError as e:
            fail("end_time", e.messages[0])
    theme = out["theme"]
    if not isinstance(theme, Theme):
        fail("theme", _("Choose the theme the lecture serves."))
    elif org is not None and (refusal := theme_applies(theme, org.path, day)) is not None:
        fail("theme", refusal)
    for field, model, required in [
        ("topic", Topic, True),
        ("audience_group", AudienceGroup, True),
        ("campaign", Campaign, False),
    ]:
        value = out[field]
        if (value is None and required) or (value is not None and not isinstance(value, model)):
            fail(field, _("Choose from the list."))
    if out["mode"] == Mode.OFFLINE and out.get("online_views"):
        fail("online_views", _("An offline lecture has no online views: choose online or both."))
    venue = out["venue"]
    if venue is not None and not isinstance(venue, Venue):
        fail("venue", _("Choose the venue from the list."))
    elif venue is not None and org is not None and (refusal := venue_serves(venue, org.path)) is not None:
        fail("venue", refusal)
    team = out["team"]
    if team is not None and org is not None and not org.path.startswith(team.org_path):
        fail("team", _("The team “%(team)s” does not serve %(org)s.") % {"team": team.name, "org": org.name})

    try:
        ids = _ids(data.get("lecturer_ids"))
    except ValidationError as e:
        fail("lecturers", e.messages[0])
        ids = []
    if not ids and "lecturers" not in errors:
        fail("lecturers", _("Name at least one lecturer."))
    if len(set(ids)) > Lecture.MAX_LECTURERS:
        fail("lecturers", _("A lecture names at most %(n)s lecturers.") % {"n": Lecture.MAX_LECTURERS})
        ids = []
    if check_lecturers and org is not None:
        people = lecturers_nameable(actor, org.path, ids)
        for i in ids:
            if i not in people:
                fail("lecturers", lecturer_refused(f"#{i}"))
    out["lecturer_ids"] = sorted(set(ids))
    if errors:
        raise ValidationError(errors)
    return out


def _new_checkin_code(day: datetime.date) -> str:
    """Six digits no other lecture uses on the day before, of, or after `day` (the check-in window)."""
    used = set(
        Lecture.objects.filter(
            date__range=(day - datetime.timedelta(days=1), day + datetime.timedelta(days=1))
        ).values_list("checkin_code", flat=True)
    )
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if code not in used:
            return code


def lecture_snapshot(lec: Lecture, lecturer_ids: list[int] | None = None) -> dict:
    """The lecture as the audit and its corrections keep it; `lecturer_ids` when they are not saved yet."""
    if lecturer_ids is None:
        lecturer_ids = lec.lecturers.values_list("pk", flat=True)
    return audit.snapshot(lec, [*LECTURE_FIELDS, "org_path"], lecturers=sorted(lecturer_ids))


def _save_new(lec: Lecture) -> None:
    for _attempt in range(3):
        lec.checkin_code = _new_checkin_code(lec.date)
        try:
            with transaction.atomic():
                lec.save(force_insert=True)
            return
        except IntegrityError:
            lec.pk = None
    raise ValidationError(_("Could not give the lecture a check-in code: try again."))


# An audience above ten times the county's usual one (and above AUDIENCE_FLOOR) asks for confirmation.
AUDIENCE_FACTOR = 10
AUDIENCE_FLOOR = 1_000
USUAL_SAMPLE = 200  # the county's latest held lectures the usual audience is the median of
USUAL_MINIMUM = 10  # fewer than this and there is no usual figure: only the floor counts


def usual_audience(org_path: str) -> float | None:
    """The median audience of the latest held lectures in the unit's county (its reporting unit above a county):
    what "usual" means for the outlier check. One query over an index on (org_path, date)."""
    area = county_of(org_path) or org_path
    counts = sorted(
        Lecture.objects.filter(org_path__startswith=area, audience_count__isnull=False)
        .order_by("-date")
        .values_list("audience_count", flat=True)[:USUAL_SAMPLE]
    )
    if len(counts) < USUAL_MINIMUM:
        return None
    return float(statistics.median(counts))


def same_lecture(org: OrgUnit, clean: dict, *, exclude: int | None = None) -> bool:
    """A lecture already recorded at this unit on this day, with this title and these lecturers (and the same
    start time when both give one): the import refuses it, the form and the API ask."""
    qs = Lecture.objects.filter(org_path=org.path, date=clean["date"], title=clean["title"]).exclude(pk=exclude)
    wanted = set(clean["lecturer_ids"])
    start = clean.get("start_time")
    for lec in qs.prefetch_related("lecturers"):
        if {p.pk for p in lec.lecturers.all()} == wanted and (
            start is None or lec.start_time is None or lec.start_time == start
        ):
            return True
    return False


def lecture_cautions(org: OrgUnit, clean: dict, *, exclude: int | None = None, usual=None) -> list[Caution]:
    """What asks before a lecture is saved (core.confirm): a repeat of a recorded one, an unusual audience."""
    out = []
    if same_lecture(org, clean, exclude=exclude):
        out.append(
            Caution(
                "duplicate",
                _("A lecture with the same unit, date, title and lecturers is already recorded: is this another one?"),
                "title",
            )
        )
    caution = audience_caution(clean.get("audience_count"), org.path, usual=usual)
    if caution:
        out.append(caution)
    return out


def audience_caution(count, org_path: str, *, usual=None) -> Caution | None:
    """An audience far above the county's usual one (and above AUDIENCE_FLOOR); `usual` when already known."""
    if count is None or count <= AUDIENCE_FLOOR:
        return None
    return outlier(
        count,
        usual_audience(org_path) if usual is None else usual,
        field="audience_count",
        label=_("Audience"),
        factor=AUDIENCE_FACTOR,
        floor=AUDIENCE_FLOOR,
    )


@transaction.atomic
def lecture_create(*, actor, org: OrgUnit, held: bool = False, confirm=(), **data) -> Lecture:
    """Record a lecture or talk session: planned, or already held (with its audience count).

    A repeat of a recorded lecture or an audience far above the county's usual raises
    core.confirm.NeedsConfirmation until `confirm` names the cautions."""
    require_write(actor, org.path, _("You cannot record lectures in %(org)s.") % {"org": org.name})
    clean = clean_lecture(actor=actor, org=org, data=data, held=held)
    _check_open(org.path, clean["date"])
    confirmed = ask(lecture_cautions(org, clean), confirm)
    ids = clean.pop("lecturer_ids")
    lec = Lecture(
        org=org,
        org_path=org.path,
        state=LectureState.HELD if held else LectureState.PLANNED,
        created_by=_user(actor),
        **clean,
    )
    _save_new(lec)
    lec.lecturers.set(ids)
    rollups.changed(after=lec)
    detail = {"state": lec.state, "after": lecture_snapshot(lec, ids)}
    if confirmed:
        detail["confirmed"] = [c.code for c in confirmed]
    audit.record(actor, "lecture.create", obj=lec, detail=detail)
    if lec.state == LectureState.HELD:
        _ask_verification(actor, lec)
    return lec


def _not_verified(lec: Lecture) -> None:
    if lec.state == LectureState.VERIFIED:
        raise ValidationError(_("This lecture is verified: only a correction by the verifying level can change it."))


def _current(lec: Lecture) -> dict:
    data = {f: getattr(lec, f) for f in LECTURE_FIELDS}
    data["lecturer_ids"] = list(lec.lecturers.values_list("pk", flat=True))
    return data


@transaction.atomic
def lecture_update(*, actor, lecture: Lecture, org: OrgUnit | None = None, **changes) -> Lecture:
    """Change a planned or held lecture (not a verified one, not one in a closed month)."""
    require_write(actor, lecture.org_path, _("You cannot change lectures of this unit."))
    _not_verified(lecture)
    target = org or lecture.org
    if org is not None and org.pk != lecture.org_id:
        require_write(actor, org.path, _("You cannot record lectures in %(org)s.") % {"org": org.name})
    _check_open(lecture.org_path, lecture.date)
    data = _current(lecture)
    data.update({k: v for k, v in changes.items() if k in data})
    clean = clean_lecture(
        actor=actor, org=target, data=data, held=lecture.state in (LectureState.HELD, LectureState.RETURNED)
    )
    _check_open(target.path, clean["date"])
    before = lecture_snapshot(lecture)
    old = copy.copy(lecture)
    ids = clean.pop("lecturer_ids")
    old_date = lecture.date
    for k, v in clean.items():
        setattr(lecture, k, v)
    lecture.org, lecture.org_path = target, target.path
    if lecture.date != old_date:
        lecture.checkin_code = _new_checkin_code(lecture.date)
    n = Lecture.objects.filter(pk=lecture.pk, state=lecture.state).update(
        org=target, org_path=target.path, checkin_code=lecture.checkin_code, updated_at=timezone.now(), **clean
    )
    if n != 1:
        raise ValidationError(_("Someone changed this lecture a moment ago: reload it and try again."))
    lecture.lecturers.set(ids)
    rollups.changed(before=old, after=lecture)
    audit.record(
        actor, "lecture.update", obj=lecture, detail={"before": before, "after": lecture_snapshot(lecture, ids)}
    )
    return lecture


VERIFY_DAYS = 7  # a held lecture waits at most this long for the level above


def _ask_verification(actor, lecture: Lecture, changes=None) -> None:
    """Tell the verifiers of the level above that a held lecture waits for them, with a due date."""
    notify.notify(
        kind="outreach.verify_request",
        title=_("To verify: %(title)s (%(unit)s, %(date)s)")
        % {"title": lecture.title, "unit": lecture.org.name, "date": lecture.date.isoformat()},
        obj=lecture,
        url=reverse("outreach:lecture", args=[lecture.pk]),
        unit=checker_path(lecture.org_path),
        perm=VERIFY,
        due=timezone.now() + datetime.timedelta(days=VERIFY_DAYS),
        exclude=[getattr(actor, "pk", None)],
    )


def _tell_verified(actor, lecture: Lecture, changes) -> None:
    notify.tell_recorder(
        actor=actor,
        obj=lecture,
        kind="outreach.verified",
        title=_("Verified: %(title)s (%(date)s)") % {"title": lecture.title, "date": lecture.date.isoformat()},
        url=reverse("outreach:lecture", args=[lecture.pk]),
    )


def _tell_returned(actor, lecture: Lecture, changes) -> None:
    notify.tell_recorder(
        actor=actor,
        obj=lecture,
        kind="outreach.returned",
        title=_("Sent back: %(title)s (%(date)s)") % {"title": lecture.title, "date": lecture.date.isoformat()},
        body=changes.get("return_reason", ""),
        url=reverse("outreach:lecture", args=[lecture.pk]),
        resolves=["outreach.verify_request"],
    )


def _may_verify(actor, lecture: Lecture) -> None:
    if not can_verify(actor, lecture.org_path):
        raise PermissionDenied(_("A lecture is verified by the level above the unit that reports it."))


def _may_close_out(actor, lecture: Lecture) -> None:
    require_write(actor, lecture.org_path, _("You cannot change lectures of this unit."))
    _check_open(lecture.org_path, lecture.date)
    if lecture.date > timezone.localdate():
        raise ValidationError({"date": [_("A lecture dated in the future cannot have been held yet.")]})


# The lecture's life, declared once: planned → held (closed out by its unit) → verified (by the level above).
LECTURE_FLOW = Workflow(
    model="outreach.Lecture",
    transitions=[
        Transition(
            "held",
            sources=[LectureState.PLANNED],
            target=LectureState.HELD,
            event="lecture.held",
            guard=_may_close_out,
            notify=_ask_verification,
            refusal=gettext_lazy("Only a planned lecture can be closed out."),
        ),
        Transition(
            "return",
            sources=[LectureState.HELD],
            target=LectureState.RETURNED,
            event="lecture.return",
            guard=_may_verify,
            not_own=True,
            notify=_tell_returned,
            refusal=gettext_lazy("Only a held lecture waiting for verification can be sent back."),
        ),
        Transition(
            "resubmit",
            sources=[LectureState.RETURNED],
            target=LectureState.HELD,
            event="lecture.resubmit",
            guard=_may_close_out,
            stamp=lambda actor: {"return_reason": ""},
            notify=_ask_verification,
            refusal=gettext_lazy("Only a lecture sent back can be submitted again."),
        ),
        Transition(
            "verify",
            sources=[LectureState.HELD],
            target=LectureState.VERIFIED,
            event="lecture.verify",
            guard=_may_verify,
            not_own=True,
            refusal=gettext_lazy("The lecture has not been closed out as held yet."),
            stamp=lambda actor: {"verified_by": _user(actor), "verified_at": timezone.now()},
            notify=_tell_verified,
        ),
    ],
    on_change=lambda before, after: rollups.changed(before=before, after=after),
    stamp_updated="updated_at",
)


@transaction.atomic
def lecture_mark_held(
    *, actor, lecture: Lecture, audience_count, online_views=None, summary: str | None = None
) -> Lecture:
    """Close out a planned lecture: it was held, with this audience."""
    _may_close_out(actor, lecture)
    if lecture.state != LectureState.PLANNED:
        raise ValidationError(_("Only a planned lecture can be closed out."))
    errors = {}
    fields: dict = {}
    try:
        fields["audience_count"] = _parse_count(audience_count, "audience_count", required=True)
    except ValidationError as e:
        errors["audience_count"] = e.messages
    if online_views not in (None, ""):
        try:
            fields["online_views"] = _parse_count(online_views, "online_views", required=False)
        except ValidationError as e:
            errors["online_views"] = e.messages
        if lecture.mode == Mode.OFFLINE and fields.get("online_views"):
            errors["online_views"] = [_("An offline lecture has no online views: choose online or both.")]
    if summary is not None:
        fields["summary"] = summary.strip()
        msg = too_long(Lecture, "summary", fields["summary"])
        if msg:
            errors["summary"] = [msg]
    if errors:
        raise ValidationError(errors)
    detail = {k: v for k, v in fields.items() if k != "summary"}
    return LECTURE_FLOW.apply(actor, lecture, "held", detail=detail, **fields)


def lecture_return(*, actor, lecture: Lecture, reason: str) -> Lecture:
    """The level above sends a held lecture back to its unit with the reason; the recorder is told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what is to be corrected.")]})
    msg = too_long(Lecture, "return_reason", reason)
    if msg:
        raise ValidationError({"reason": [msg]})
    return LECTURE_FLOW.apply(actor, lecture, "return", detail={"reason": reason}, return_reason=reason)


def lecture_resubmit(*, actor, lecture: Lecture) -> Lecture:
    """The unit submits a corrected lecture again: held, waiting for the level above once more."""
    return LECTURE_FLOW.apply(actor, lecture, "resubmit")


def lecture_verify(*, actor, lecture: Lecture) -> Lecture:
    """The level above confirms a held lecture. Of two verifiers at the same moment exactly one wins."""
    return LECTURE_FLOW.apply(actor, lecture, "verify")


@transaction.atomic
def lecture_delete(*, actor, lecture: Lecture) -> None:
    require_write(actor, lecture.org_path, _("You cannot change lectures of this unit."))
    _not_verified(lecture)
    _check_open(lecture.org_path, lecture.date)
    gone, before = audit.identity(lecture), lecture_snapshot(lecture)
    for photo in lecture.photos.all():
        remove_file_on_commit(photo.image)
    rollups.changed(before=lecture)
    lecture.delete()
    audit.record(actor, "lecture.delete", **gone, detail={"before": before})


@transaction.atomic
def lecture_correct(*, actor, lecture: Lecture, reason: str, **changes) -> LectureCorrection:
    """Change a verified lecture: by the verifying level, with a reason, recorded before and after."""
    if lecture.state != LectureState.VERIFIED:
        raise ValidationError(_("Only a verified lecture is corrected; change this one directly."))
    if not can_verify(actor, lecture.org_path):
        raise PermissionDenied(_("A verified lecture is corrected by the level that verifies it."))
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": [_("Say why the record is corrected (at least 4 characters).")]})
    msg = too_long(LectureCorrection, "reason", reason)
    if msg:
        raise ValidationError({"reason": [msg]})
    data = _current(lecture)
    unknown = set(changes) - set(data)
    if unknown:
        raise ValidationError(
            _("These fields cannot be corrected: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    data.update(changes)
    clean = clean_lecture(actor=actor, org=lecture.org, data=data, held=True)
    before_all = lecture_snapshot(lecture)
    old = copy.copy(lecture)
    ids = clean.pop("lecturer_ids")
    for k, v in clean.items():
        setattr(lecture, k, v)
    before, after = audit.diff(before_all, lecture_snapshot(lecture, ids))
    if not after:
        raise ValidationError(_("Nothing was changed."))
    date_changed = "date" in after
    if date_changed:
        lecture.checkin_code = _new_checkin_code(lecture.date)
        clean["checkin_code"] = lecture.checkin_code
    n = Lecture.objects.filter(pk=lecture.pk, state=LectureState.VERIFIED).update(updated_at=timezone.now(), **clean)
    if n != 1:
        raise ValidationError(_("Someone changed this lecture a moment ago: reload it and try again."))
    if "lecturers" in after:
        lecture.lecturers.set(ids)
    rollups.changed(before=old, after=lecture)
    corr = LectureCorrection.objects.create(
        lecture=lecture,
        org_id=lecture.org_id,
        org_path=lecture.org_path,
        reason=reason,
        before=before,
        after=after,
        corrected_by=_user(actor),
    )
    audit.record(actor, "lecture.correct", obj=lecture, detail={"reason": reason, "before": before, "after": after})
    return corr


@transaction.atomic
def lecture_add_photos(*, actor, lecture: Lecture, files) -> int:
    require_write(actor, lecture.org_path, _("You cannot change lectures of this unit."))
    _not_verified(lecture)
    files = list(files)
    if lecture.photos.count() + len(files) > MAX_PHOTOS:
        raise ValidationError(_("A lecture keeps at most %(n)s photos.") % {"n": MAX_PHOTOS})
    for f in files:
        check_photo(f)
    for f in files:
        LecturePhoto.objects.create(lecture=lecture, org_id=lecture.org_id, org_path=lecture.org_path, image=f)
    audit.record(actor, "lecture.photos", obj=lecture, detail={"added": len(files)})
    return len(files)


def lecture_bulk_create(
    *, actor, lectures: Iterable[Lecture], lecturer_ids: list[list[int]], paths: Collection[str] | None = None
) -> int:
    """Save already-validated lectures with their lecturers (imports, demo). Caller holds the transaction.

    `lectures` may be built as they are stored (a generator: see core.bulk.insert_objects), one for each entry of
    `lecturer_ids`; it then comes with the `paths` of its units, each checked before anything is written."""
    refused = _("You cannot record lectures in this unit.")
    checked = writable(actor, lectures, paths, refused)
    lectures = bulk.insert_objects(Lecture, checked, pks=True, count=len(lecturer_ids))
    links = [(lec.pk, pid) for lec, ids in zip(lectures, lecturer_ids, strict=True) for pid in ids]
    bulk.upsert(Lecture.lecturers.through, ("lecture", "person"), links)
    rollups.changed_many("outreach.Lecture", afters=lectures)
    return len(lectures)


def new_checkin_codes(days: list[datetime.date], rng=None) -> list[str]:
    """Check-in codes for many new lectures at once (imports, demo): unique within the ±1 day window."""
    rand = rng.randrange if rng is not None else secrets.randbelow
    lo, hi = min(days) - datetime.timedelta(days=1), max(days) + datetime.timedelta(days=1)
    used: dict[datetime.date, set[str]] = {}
    for d, code in Lecture.objects.filter(date__range=(lo, hi)).values_list("date", "checkin_code"):
        used.setdefault(d, set()).add(code)
    out = []
    one = datetime.timedelta(days=1)
    none: frozenset = frozenset()
    for d in days:
        # The three days' sets as they are, not their union: a union for each lecture copied every code of the
        # window (hundreds a day at full size: 9.5 s for 100,000 lectures).
        before, same, after = used.get(d - one, none), used.setdefault(d, set()), used.get(d + one, none)
        while True:
            code = f"{rand(10**6):06d}"
            if code not in same and code not in before and code not in after:
                break
        same.add(code)
        out.append(code)
    return out


# --- closed months -------------------------------------------------------------------------------


def _settle_month(actor, org: OrgUnit, month: datetime.date) -> int:
    """Closing a month verifies its held lectures (not the closer's own) and resolves their requests."""
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    lectures = Lecture.objects.filter(
        org_path__startswith=org.path, date__gte=month, date__lt=next_month, state=LectureState.HELD
    )
    if getattr(actor, "pk", None) is not None:
        lectures = lectures.exclude(created_by=actor)
    befores = list(lectures.select_for_update())
    n = lectures.update(state=LectureState.VERIFIED, verified_by=_user(actor), verified_at=timezone.now())
    afters = [copy.copy(lec) for lec in befores]
    for lec in afters:
        lec.state = LectureState.VERIFIED
    rollups.changed_many("outreach.Lecture", befores=befores, afters=afters)
    for lec in befores:
        notify.resolve(lec)
    return n


def period_close(*, actor, org: OrgUnit, month: datetime.date):
    """The level above verifies a unit's month: its held lectures become verified and the month closes."""
    return workflow.period_close(
        actor=actor, subject=LECTURES, org=org, month=month, action=VERIFY, settle=_settle_month
    )


def period_reopen(*, actor, lock) -> None:
    workflow.period_reopen(actor=actor, period=lock, action=VERIFY)


# --- check-in ------------------------------------------------------------------------------------


class RateLimited(PermissionDenied):
    pass


def checkin_open(lecture: Lecture, today: datetime.date | None = None) -> bool:
    """Check-in is open on the lecture's day and the day after."""
    today = today or timezone.localdate()
    return lecture.date <= today <= lecture.date + datetime.timedelta(days=1)


def checkin_register(*, lecture: Lecture, code: str, name: str, village: str, ip: str) -> CheckIn:
    """An attendee registers from the public page; at most CHECKIN_LIMIT tries per phone and lecture. The try is
    counted before, outside, the registration's transaction: a refused try (a wrong code) rolls back, its count
    must not."""
    if not ratelimit.hit(f"checkin:{lecture.pk}:{ip}", limit=CHECKIN_LIMIT, window=CHECKIN_WINDOW):
        raise RateLimited(_("Too many check-ins from this phone: wait a few minutes and try again."))
    return _checkin_register(lecture=lecture, code=code, name=name, village=village, ip=ip)


@transaction.atomic
def _checkin_register(*, lecture: Lecture, code: str, name: str, village: str, ip: str) -> CheckIn:
    if not hmac.compare_digest(str(code or "").encode(), lecture.checkin_code.encode()):
        raise ValidationError({"code": [_("The check-in code is wrong.")]})
    if not checkin_open(lecture):
        raise ValidationError(_("Check-in is open on the day of the lecture and the day after."))
    errors = {}
    name = (name or "").strip()
    village = (village or "").strip()
    if not name or len(name) > 40:
        errors["name"] = [_("Write your name (at most 40 characters).")]
    if not village or len(village) > 60:
        errors["village"] = [_("Write your village or community (at most 60 characters).")]
    if errors:
        raise ValidationError(errors)
    if CheckIn.objects.filter(lecture=lecture, name=name, village=village).exists():
        raise ValidationError(_("%(name)s of %(village)s has already checked in.") % {"name": name, "village": village})
    c = CheckIn.objects.create(
        lecture=lecture, org_id=lecture.org_id, org_path=lecture.org_path, name=name, village=village
    )
    # No personal data in the log: the lecture and the check-in's number are enough.
    audit.record(None, "checkin.create", obj=c, ip=ip, detail={"lecture": lecture.pk})
    return c
