"""Writes of the volunteer service. Each function checks who acts, validates, writes and records the audit event in
one transaction; the hours of a service record change state through one declared workflow (RECORD_FLOW).

Hours of a service record (one Workflow):

    check in ─→ open ─check out (≥ 60 % of the shift)→ pending ─approve→ approved
                     └check out (< 60 %)→ short              └decline→ declined (kept, never deleted)
    back-fill ─→ pending (marked back-filled, capped per volunteer and month)

Approved hours count: they feed the dashboard's roll-ups (jinguo.stats) and the leaderboards' tallies
(volunteer.tally) in the transaction of the approval. The level above approves (core.workflow.may_check with
`volunteer.approve`), nobody approves a record they made, and a month the level above has closed for
`volunteer.hours` (core.workflow closed periods) takes no new or changed record.
"""

import datetime
import hmac
import io
import secrets
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core import audit, bulk, crypto, notify, ratelimit
from jinguo.core.actors import is_system
from jinguo.core.bounds import bounds, number, out_of_range, too_long
from jinguo.core.bounds import check as bounds_check
from jinguo.core.paths import LEVELS, level_of
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, scope_paths
from jinguo.core.text import normalize_identifier
from jinguo.core.workflow import (
    Transition,
    Workflow,
    checker_path,
    may_check,
    period_close,
    period_reopen,
    require_open,
)
from jinguo.people.selectors import require_one_nameable
from jinguo.people.validation import clean_phone
from jinguo.stats import rollups
from jinguo.volunteer import tally
from jinguo.volunteer.models import (
    Action,
    Activity,
    Application,
    ApplicationState,
    BeneficiaryCategory,
    BeneficiaryCount,
    Deed,
    Delivery,
    DeliveryCategory,
    Milestone,
    NamedCase,
    Project,
    RecordState,
    ServiceRecord,
    Shift,
    SignUp,
    Team,
    TeamMember,
    Volunteer,
)
from jinguo.volunteer.module import APPROVE, HOURS, MANAGE, SERVE

S = RecordState
ATTENDANCE_SHARE = Decimal("0.6")  # hours count when at least 60 % of the shift was attended
CHECKIN_EARLY = datetime.timedelta(minutes=30)  # a shift's code checks in from 30 minutes before it starts
APPROVE_DAYS = 7  # approvers have this many days; then reminders and escalation (jinguo notify sweep)
MILESTONES = (50, 100, 250)
CODE_TRIES = 10  # wrong codes per volunteer and shift …
CODE_WINDOW = 600  # … in this many seconds
APPLY_LIMIT = 5  # public sign-ups per address …
APPLY_WINDOW = 3600  # … per hour

CATEGORIES = ["送理论", "送法律", "送科技", "送关怀", "送温暖", "送健康", "送岗位", "送文化", "送服务", "送政策"]


def backfill_cap() -> Decimal:
    """Back-filled hours a volunteer may have per month (waiting or approved): JINGUO_VOLUNTEER_BACKFILL_CAP."""
    return Decimal(str(getattr(settings, "VOLUNTEER_BACKFILL_CAP", 20)))


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require(actor, perm: str, path: str, message) -> None:
    if not in_scope(actor, path, perm):
        raise PermissionDenied(str(message))


def _check_texts(model, values: dict) -> None:
    errors = {k: [m] for k, v in values.items() if (m := too_long(model, k, v))}
    if errors:
        raise ValidationError(errors)


def _check_instance(obj, *, exclude=()) -> None:
    errors = bounds_check(obj, exclude=exclude)
    if errors:
        raise ValidationError(errors)


def list_text(value) -> str:
    """Skills or areas as typed ("护理, 心理疏导、陪伴") → one list joined by 、, blanks and repeats dropped."""
    import re

    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = re.split(r"[、,，;；/\n]+", str(value or ""))
    seen: list[str] = []
    for p in (" ".join(p.split()) for p in parts):
        if p and p not in seen:
            seen.append(p)
    return "、".join(seen)


def own_volunteer(actor) -> Volunteer | None:
    """The volunteer whose login `actor` is, or None."""
    if getattr(actor, "pk", None) is None:
        return None
    return Volunteer.objects.select_related("person", "org").filter(user_id=actor.pk, active=True).first()


def _acts_for(actor, volunteer: Volunteer) -> bool:
    """The volunteer herself (holding `volunteer.serve`), or a manager of her unit or of the record's unit."""
    if is_system(actor):
        return True
    return (
        volunteer.user_id is not None
        and volunteer.user_id == getattr(actor, "pk", None)
        and in_scope(actor, volunteer.org_path, SERVE)
    )


# --- the 十送 list ---------------------------------------------------------------------------------------------


def _region_manager(actor) -> bool:
    return is_system(actor) or any(level_of(p) == LEVELS[0] for p in scope_paths(actor, MANAGE))


@transaction.atomic
def categories_seed(*, actor) -> int:
    """The 十送 categories (idempotent)."""
    made = 0
    for i, name in enumerate(CATEGORIES):
        _c, created = DeliveryCategory.objects.get_or_create(name=name, defaults={"sort": i * 10})
        made += created
    if made:
        audit.record(actor, "volunteer.categories_seed", detail={"created": made})
    return made


@transaction.atomic
def category_save(*, actor, name: str, category: DeliveryCategory | None = None, active: bool = True):
    """The region adds a 十送 category or renames or retires one (retired ones stay on old records)."""
    if not _region_manager(actor):
        raise PermissionDenied(_("The 十送 list is kept by the region."))
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": [_("Give the name.")]})
    _check_texts(DeliveryCategory, {"name": name})
    if DeliveryCategory.objects.filter(name=name).exclude(pk=getattr(category, "pk", None)).exists():
        raise ValidationError({"name": [_("“%(name)s” is already in the list.") % {"name": name}]})
    if category is None:
        category = DeliveryCategory.objects.create(name=name, sort=DeliveryCategory.objects.count() * 10)
        audit.record(actor, "volunteer.category_create", obj=category, detail={"name": name})
    else:
        category.name, category.active = name, active
        category.save()
        audit.record(actor, "volunteer.category_update", obj=category, detail={"name": name, "active": active})
    return category


# --- teams ---------------------------------------------------------------------------------------------------


def _clean_team(actor, data: dict) -> dict:
    out = {
        "name": " ".join((data.get("name") or "").split()),
        "description": (data.get("description") or "").strip(),
        "founded": data.get("founded") or None,
    }
    errors = {}
    if not out["name"]:
        errors["name"] = [_("Give the team's brand name.")]
    errors.update(bounds_check(Team(**{k: v for k, v in out.items() if k not in errors}), exclude=list(errors)))
    if out["founded"] and out["founded"] > timezone.localdate():
        errors["founded"] = [_("The founding date is in the future.")]
    leader = data.get("leader")
    out["leader"] = None
    if leader not in (None, ""):
        try:
            out["leader"] = require_one_nameable(actor, leader, field="leader")
        except ValidationError as e:
            errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def team_create(*, actor, org, name: str, leader=None, founded=None, description: str = "") -> Team:
    _require(actor, MANAGE, org.path, _("You cannot run volunteer teams of this unit."))
    clean = _clean_team(actor, {"name": name, "leader": leader, "founded": founded, "description": description})
    if Team.objects.filter(org=org, name=clean["name"]).exists():
        raise ValidationError({"name": [_("%(unit)s already has a team of this name.") % {"unit": org.name}]})
    team = Team.objects.create(org=org, org_path=org.path, created_by=_user(actor), **clean)
    audit.record(actor, "volunteer.team_create", obj=team, detail={"name": team.name})
    return team


@transaction.atomic
def team_update(*, actor, team: Team, **changes) -> Team:
    _require(actor, MANAGE, team.org_path, _("You cannot run volunteer teams of this unit."))
    data = {"name": team.name, "leader": team.leader_id, "founded": team.founded, "description": team.description}
    data.update({k: v for k, v in changes.items() if k in data})
    clean = _clean_team(actor, data)
    if Team.objects.filter(org_id=team.org_id, name=clean["name"]).exclude(pk=team.pk).exists():
        raise ValidationError({"name": [_("%(unit)s already has a team of this name.") % {"unit": team.org.name}]})
    before = audit.snapshot(team, ["name", "leader_id", "founded", "description", "active"])
    for k, v in clean.items():
        setattr(team, k, v)
    if "active" in changes:
        team.active = bool(changes["active"])
    team.save()
    after = audit.snapshot(team, ["name", "leader_id", "founded", "description", "active"])
    audit.record(actor, "volunteer.team_update", obj=team, detail={"before": before, "after": after})
    return team


def no_volunteer(ref) -> str:
    """The one answer for a volunteer id that is unknown or outside the actor's units."""
    return _("Volunteer #%(id)s is not among the volunteers of your units.") % {"id": getattr(ref, "pk", ref)}


def _readable_volunteer(actor, ref, *, field: str) -> Volunteer:
    from jinguo.core.bounds import record_id
    from jinguo.core.scope import scoped

    pk = record_id(ref)
    found = scoped(Volunteer.objects.select_related("person", "org"), actor).filter(pk=pk).first() if pk else None
    if found is None:
        raise ValidationError({field: [no_volunteer(ref)]})
    return found


@transaction.atomic
def team_member_add(*, actor, team: Team, volunteer, joined_on: datetime.date | None = None) -> TeamMember:
    """A volunteer of the actor's units joins a team the actor runs (a volunteer may be in several teams)."""
    _require(actor, MANAGE, team.org_path, _("You cannot run volunteer teams of this unit."))
    v = volunteer if is_system(actor) else _readable_volunteer(actor, volunteer, field="volunteer")
    member, created = TeamMember.objects.get_or_create(
        team=team,
        volunteer=v,
        defaults={"org_path": team.org_path, "joined_on": joined_on or timezone.localdate()},
    )
    if not created:
        if member.active:
            raise ValidationError({"volunteer": [_("%(name)s is already in the team.") % {"name": v.person.name}]})
        member.active = True
        member.save(update_fields=["active"])
    audit.record(actor, "volunteer.member_add", obj=team, detail={"volunteer": v.pk})
    return member


@transaction.atomic
def team_member_remove(*, actor, team: Team, volunteer: Volunteer) -> None:
    _require(actor, MANAGE, team.org_path, _("You cannot run volunteer teams of this unit."))
    if not TeamMember.objects.filter(team=team, volunteer=volunteer, active=True).update(active=False):
        raise ValidationError({"volunteer": [no_volunteer(volunteer)]})
    audit.record(actor, "volunteer.member_remove", obj=team, detail={"volunteer": volunteer.pk})


# --- volunteers ----------------------------------------------------------------------------------------------


def _clean_volunteer(data: dict) -> dict:
    out = {
        "skills": list_text(data.get("skills")),
        "areas": list_text(data.get("areas")),
        "consent_by": " ".join((data.get("consent_by") or "").split()),
        "consent_method": " ".join((data.get("consent_method") or "").split()),
    }
    errors = {}
    if not out["consent_by"] or not out["consent_method"]:
        errors["consent_by"] = [_("Record who gave the consent to be registered as a volunteer, and how.")]
    for k in ("skills", "areas", "consent_by", "consent_method"):
        if k not in errors and (m := too_long(Volunteer, k, out[k])):
            errors[k] = [m]
    if errors:
        raise ValidationError(errors)
    return out


def volunteer_build(*, actor, person, org=None, joined=None, **data) -> Volunteer:
    """A checked, unsaved Volunteer (the import writes many at once)."""
    org = org or person.org
    _require(actor, MANAGE, org.path, _("You cannot register volunteers of this unit."))
    clean = _clean_volunteer(data)
    joined = joined or timezone.localdate()
    if joined > timezone.localdate():
        raise ValidationError({"joined": [_("The registration date is in the future.")]})
    return Volunteer(
        person=person,
        org=org,
        org_path=org.path,
        joined=joined,
        consent_at=timezone.now(),
        created_by=_user(actor),
        **clean,
    )


def already_volunteer() -> str:
    return _("This person is already registered as a volunteer.")


@transaction.atomic
def volunteer_register(*, actor, person, org=None, teams=(), joined=None, user=None, **data) -> Volunteer:
    """Register a person of the registry (one the actor may name) as a volunteer, with her consent; she may join
    teams at once and get her login linked."""
    p = person if is_system(actor) else require_one_nameable(actor, person, field="person")
    v = volunteer_build(actor=actor, person=p, org=org, joined=joined, **data)
    if Volunteer.objects.filter(person=p).exists():
        raise ValidationError({"person": [already_volunteer()]})
    try:
        with transaction.atomic():
            v.save()
    except IntegrityError:
        raise ValidationError({"person": [already_volunteer()]})
    rollups.changed(after=v)
    audit.record(actor, "volunteer.register", obj=v, detail={"org": v.org.code, "consent": v.consent_method})
    for team in teams:
        team_member_add(actor=actor, team=team, volunteer=v)
    if user is not None:
        volunteer_link_user(actor=actor, volunteer=v, user=user)
    return v


@transaction.atomic
def volunteers_bulk_create(*, actor, volunteers: list[Volunteer], teams: list[list[Team]]) -> int:
    """Save checked volunteers with their teams (the import and the demo); one audit event for the batch."""
    for path in {v.org_path for v in volunteers}:
        _require(actor, MANAGE, path, _("You cannot register volunteers of this unit."))
    Volunteer.objects.bulk_create(volunteers, batch_size=1000)
    today = timezone.localdate()
    members = [
        TeamMember(team=t, volunteer=v, org_path=t.org_path, joined_on=v.joined or today)
        for v, ts in zip(volunteers, teams, strict=True)
        for t in ts
    ]
    TeamMember.objects.bulk_create(members, batch_size=2000)
    rollups.changed_many("volunteer.Volunteer", afters=volunteers)
    audit.record(
        actor, "volunteer.bulk_register", object_type="volunteer.volunteer", detail={"volunteers": len(volunteers)}
    )
    return len(volunteers)


@transaction.atomic
def volunteer_update(*, actor, volunteer: Volunteer, **changes) -> Volunteer:
    _require(actor, MANAGE, volunteer.org_path, _("You cannot change volunteers of this unit."))
    data = {
        "skills": volunteer.skills,
        "areas": volunteer.areas,
        "consent_by": volunteer.consent_by,
        "consent_method": volunteer.consent_method,
    }
    data.update({k: v for k, v in changes.items() if k in data})
    clean = _clean_volunteer(data)
    consent_changed = (clean["consent_by"], clean["consent_method"]) != (volunteer.consent_by, volunteer.consent_method)
    for k, v in clean.items():
        setattr(volunteer, k, v)
    if consent_changed:
        volunteer.consent_at = timezone.now()
    if "active" in changes:
        volunteer.active = bool(changes["active"])
    volunteer.save()
    audit.record(actor, "volunteer.update", obj=volunteer, detail={"changed": sorted(k for k in changes)})
    return volunteer


@transaction.atomic
def volunteer_link_user(*, actor, volunteer: Volunteer, user) -> Volunteer:
    """Link the volunteer's login: a user holding the volunteer role at her unit or a unit above it."""
    _require(actor, MANAGE, volunteer.org_path, _("You cannot change volunteers of this unit."))
    if user is not None and not in_scope(user, volunteer.org_path, SERVE):
        raise ValidationError({"user": [_("Give the login of a user with the volunteer role at her unit.")]})
    if user is not None and Volunteer.objects.filter(user=user).exclude(pk=volunteer.pk).exists():
        raise ValidationError({"user": [_("This login already belongs to another volunteer.")]})
    volunteer.user = user
    volunteer.save(update_fields=["user"])
    audit.record(actor, "volunteer.link_user", obj=volunteer, detail={"user": getattr(user, "pk", None)})
    return volunteer


# --- projects ------------------------------------------------------------------------------------------------


def _clean_beneficiaries(counts) -> dict[str, int]:
    out, errors = {}, []
    limit = bounds(BeneficiaryCount, "count").max_value
    for key, value in dict(counts or {}).items():
        if key not in BeneficiaryCategory.values:
            errors.append(_("“%(value)s” is not a category of beneficiaries.") % {"value": key})
            continue
        try:
            n = int(normalize_identifier(value) if isinstance(value, str) else value)
        except (TypeError, ValueError):
            errors.append(_("Beneficiaries are counted in whole numbers."))
            continue
        if not 0 <= n <= limit:
            errors.append(_("Beneficiaries of one category: from 0 to %(max)s.") % {"max": number(limit)})
            continue
        if n:
            out[key] = n
    if errors:
        raise ValidationError({"beneficiaries": errors})
    return out


def _clean_project(actor, org, data: dict) -> dict:
    out = {
        "name": " ".join((data.get("name") or "").split()),
        "action": data.get("action") or "",
        "summary": (data.get("summary") or "").strip(),
        "place": " ".join((data.get("place") or "").split()),
        "how_to_join": (data.get("how_to_join") or "").strip(),
        "started": data.get("started") or timezone.localdate(),
        "public": bool(data.get("public")),
        "excellent": bool(data.get("excellent")),
    }
    errors = {}
    if not out["name"]:
        errors["name"] = [_("Give the project's brand name.")]
    if not out["summary"]:
        errors["summary"] = [_("Say what the project does.")]
    if out["action"] not in Action.values:
        errors["action"] = [_("Choose the 巾帼行动 the project serves.")]
    errors.update({k: v for k, v in bounds_check(Project(**{k: v for k, v in out.items()})).items() if k not in errors})
    team = data.get("team")
    if team is not None and (
        not isinstance(team, Team) or not (org.path.startswith(team.org_path) or team.org_path.startswith(org.path))
    ):
        errors["team"] = [_("Choose a team of the unit or of a unit above it.")]
    out["team"] = team
    delivery = data.get("delivery")
    if delivery is not None and (not isinstance(delivery, DeliveryCategory) or not delivery.active):
        errors["delivery"] = [_("Choose from the list.")]
    out["delivery"] = delivery
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def project_create(*, actor, org, beneficiaries=None, **data) -> Project:
    """A unit's volunteer project: brand, 巾帼行动, 十送 category, team, beneficiaries as counts per category."""
    _require(actor, MANAGE, org.path, _("You cannot run volunteer projects of this unit."))
    clean = _clean_project(actor, org, data)
    counts = _clean_beneficiaries(beneficiaries)
    if Project.objects.filter(org=org, name=clean["name"]).exists():
        raise ValidationError({"name": [_("%(unit)s already has a project of this name.") % {"unit": org.name}]})
    p = Project.objects.create(org=org, org_path=org.path, created_by=_user(actor), **clean)
    BeneficiaryCount.objects.bulk_create([BeneficiaryCount(project=p, category=k, count=n) for k, n in counts.items()])
    rollups.changed(after=p)
    audit.record(actor, "volunteer.project_create", obj=p, detail={"name": p.name, "beneficiaries": counts})
    return p


@transaction.atomic
def project_update(*, actor, project: Project, beneficiaries=None, **changes) -> Project:
    _require(actor, MANAGE, project.org_path, _("You cannot run volunteer projects of this unit."))
    fields = ["name", "action", "summary", "place", "how_to_join", "started", "public", "excellent"]
    data = {k: getattr(project, k) for k in fields}
    data["team"], data["delivery"] = project.team, project.delivery
    data.update({k: v for k, v in changes.items() if k in data})
    clean = _clean_project(actor, project.org, data)
    if Project.objects.filter(org_id=project.org_id, name=clean["name"]).exclude(pk=project.pk).exists():
        raise ValidationError(
            {"name": [_("%(unit)s already has a project of this name.") % {"unit": project.org.name}]}
        )
    import copy

    old = copy.copy(project)
    for k, v in clean.items():
        setattr(project, k, v)
    if "active" in changes:
        project.active = bool(changes["active"])
    project.save()
    detail = {"changed": sorted(changes)}
    if beneficiaries is not None:
        counts = _clean_beneficiaries(beneficiaries)
        project.beneficiaries.all().delete()
        BeneficiaryCount.objects.bulk_create(
            [BeneficiaryCount(project=project, category=k, count=n) for k, n in counts.items()]
        )
        detail["beneficiaries"] = counts
    rollups.changed(before=old, after=project)
    audit.record(actor, "volunteer.project_update", obj=project, detail=detail)
    return project


@transaction.atomic
def named_case_add(*, actor, project: Project, name: str, category: str, note: str = "") -> NamedCase:
    """A named beneficiary where naming one is unavoidable: encrypted, masked; the audit keeps no name."""
    _require(actor, MANAGE, project.org_path, _("You cannot run volunteer projects of this unit."))
    name, note = " ".join((name or "").split()), (note or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("Give the name.")]
    elif len(name) > NamedCase.NAME_MAX:
        errors["name"] = [_("At most %(max)s characters.") % {"max": NamedCase.NAME_MAX}]
    if len(note) > NamedCase.NOTE_MAX:
        errors["note"] = [_("At most %(max)s characters.") % {"max": NamedCase.NOTE_MAX}]
    if category not in BeneficiaryCategory.values:
        errors["category"] = [_("Choose the category.")]
    if errors:
        raise ValidationError(errors)
    case = NamedCase.objects.create(
        project=project,
        org_id=project.org_id,
        org_path=project.org_path,
        category=category,
        name_enc=crypto.encrypt(name),
        name_masked=(name[0] + "*" * (len(name) - 1)) if len(name) > 1 else "*",
        note_enc=crypto.encrypt(note),
        created_by=_user(actor),
    )
    audit.record(actor, "volunteer.case_add", obj=case, detail={"project": project.pk, "category": category})
    return case


def named_case_reveal(*, actor, case: NamedCase, reason: str) -> dict:
    """The name and note of a named case in clear: the reveal permission and a stated reason; audited either way."""
    reason = " ".join((reason or "").split())
    if not in_scope(actor, case.org_path, Perm.REVEAL):
        audit.record(actor, "volunteer.case_reveal", obj=case, outcome="denied", detail={"reason": reason[:200]})
        raise PermissionDenied(_("You may not see this person's personal data."))
    if not reason:
        raise ValidationError({"reason": [_("Say why you need to see the name.")]})
    if len(reason) > 200:
        raise ValidationError({"reason": [_("At most %(max)s characters.") % {"max": 200}]})
    with transaction.atomic():
        audit.record(actor, "volunteer.case_reveal", obj=case, detail={"reason": reason})
        return {"name": crypto.decrypt(case.name_enc), "note": crypto.decrypt(case.note_enc)}


# --- activities and shifts -----------------------------------------------------------------------------------


def shift_times(day: datetime.date, start, end) -> tuple[datetime.datetime, datetime.datetime]:
    """A shift's start and end on `day` from times as typed (09:00, 9点半 …); an end before the start is refused."""
    from jinguo.core.timeparse import parse_time_of_day

    errors = {}
    t0 = t1 = None
    try:
        t0 = parse_time_of_day(start)
    except ValidationError as e:
        errors["start"] = e.messages
    try:
        t1 = parse_time_of_day(end)
    except ValidationError as e:
        errors["end"] = e.messages
    if not errors and (t0 is None or t1 is None):
        errors["start" if t0 is None else "end"] = [_("Give the shift's start and end, such as 09:00 and 11:30.")]
    if not errors and t1 <= t0:
        errors["end"] = [_("The shift ends after it starts.")]
    if errors:
        raise ValidationError(errors)
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(day, t0), tz),
        timezone.make_aware(datetime.datetime.combine(day, t1), tz),
    )


def _new_code(day: datetime.date) -> str:
    """Six digits no other shift starting the day before, of, or after `day` uses."""
    lo = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time.min))
    hi = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time.min))
    used = set(Shift.objects.filter(starts_at__gte=lo, starts_at__lt=hi).values_list("checkin_code", flat=True))
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if code not in used:
            return code


def _readable_project(actor, project) -> Project:
    from jinguo.core.bounds import record_id
    from jinguo.core.scope import scoped_with_lineage

    if isinstance(project, Project) and is_system(actor):
        return project
    pk = record_id(project)
    found = scoped_with_lineage(Project.objects.select_related("team"), actor).filter(pk=pk).first() if pk else None
    if found is None:
        raise ValidationError({"project": [_("Choose a project of your units or of a unit above them.")]})
    return found


def shift_build(activity: Activity, *, starts_at, ends_at, needed=5, place: str = "") -> Shift:
    errors = {}
    if ends_at <= starts_at:
        errors["end"] = [_("The shift ends after it starts.")]
    elif ends_at - starts_at > datetime.timedelta(hours=Shift.MAX_HOURS):
        errors["end"] = [_("A shift lasts at most %(n)s hours.") % {"n": Shift.MAX_HOURS}]
    if timezone.localtime(starts_at).date() != activity.date:
        errors["start"] = [_("The shift starts on the activity's day.")]
    shift = Shift(
        activity=activity,
        org_id=activity.org_id,
        org_path=activity.org_path,
        starts_at=starts_at,
        ends_at=ends_at,
        needed=needed,
        place=" ".join((place or activity.place or "").split()),
    )
    try:
        shift.needed = int(needed)
    except (TypeError, ValueError):
        errors["needed"] = [_("Volunteers needed: a whole number.")]
    if "needed" not in errors and (m := out_of_range(Shift, "needed", shift.needed)):
        errors["needed"] = [m]
    if m := too_long(Shift, "place", shift.place):
        errors["place"] = [m]
    if errors:
        raise ValidationError(errors)
    shift.checkin_code = _new_code(activity.date)
    return shift


@transaction.atomic
def activity_create(
    *,
    actor,
    project,
    org,
    title: str,
    date: datetime.date,
    place: str = "",
    description: str = "",
    shifts=(),
    venue=None,
) -> Activity:
    """An activity of a project held at `org` (a unit the actor runs, down to the village), with its shifts:
    (start, end, needed[, place]) each, start and end as times of the day or datetimes. `venue`, a venue the
    actor may name (venues.selectors.resolve_venue), on the unit's line."""
    from jinguo.venues.models import Venue
    from jinguo.venues.selectors import venue_serves

    _require(actor, MANAGE, org.path, _("You cannot run volunteer activities of this unit."))
    p = _readable_project(actor, project)
    a = Activity(
        project=p,
        org=org,
        org_path=org.path,
        title=" ".join((title or "").split()),
        date=date,
        place=" ".join((place or p.place or "").split()),
        description=(description or "").strip(),
        venue=venue,
        created_by=_user(actor),
    )
    errors = {}
    if not a.title:
        errors["title"] = [_("Give the activity's title.")]
    if venue is not None and not isinstance(venue, Venue):
        errors["venue"] = [_("Choose the venue from the list.")]
    elif venue is not None and (refusal := venue_serves(venue, org.path)) is not None:
        errors["venue"] = [refusal]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Give the date.")]
    errors.update({k: v for k, v in bounds_check(a).items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    a.save()
    for spec in shifts:
        start, end, needed, *rest = spec
        if not isinstance(start, datetime.datetime):
            start, end = shift_times(date, start, end)
        shift_build(a, starts_at=start, ends_at=end, needed=needed, place=rest[0] if rest else "").save()
    rollups.changed(after=a)
    audit.record(actor, "volunteer.activity_create", obj=a, detail={"project": p.pk, "shifts": len(shifts)})
    return a


@transaction.atomic
def shift_add(*, actor, activity: Activity, start, end, needed=5, place: str = "") -> Shift:
    _require(actor, MANAGE, activity.org_path, _("You cannot run volunteer activities of this unit."))
    if not isinstance(start, datetime.datetime):
        start, end = shift_times(activity.date, start, end)
    shift = shift_build(activity, starts_at=start, ends_at=end, needed=needed, place=place)
    shift.save()
    audit.record(actor, "volunteer.shift_add", obj=shift, detail={"activity": activity.pk})
    return shift


@transaction.atomic
def shift_cancel(*, actor, shift: Shift) -> Shift:
    _require(actor, MANAGE, shift.org_path, _("You cannot run volunteer activities of this unit."))
    if shift.records.exists():
        raise ValidationError(_("Volunteers have checked in to this shift: it can no longer be cancelled."))
    Shift.objects.filter(pk=shift.pk).update(cancelled=True)
    shift.cancelled = True
    audit.record(actor, "volunteer.shift_cancel", obj=shift)
    return shift


# --- sign-up -------------------------------------------------------------------------------------------------


def may_serve(volunteer: Volunteer, shift: Shift) -> bool:
    """A volunteer may take a shift of a project of one of her teams; a project without a team takes the
    volunteers of its unit's subtree."""
    project = shift.activity.project
    if project.team_id:
        return TeamMember.objects.filter(team_id=project.team_id, volunteer=volunteer, active=True).exists()
    return volunteer.org_path.startswith(project.org_path)


def _resolve_volunteer(actor, volunteer, shift_path: str) -> Volunteer:
    """The volunteer acting: herself (her login) or, for a manager of the shift's unit, the one named."""
    if volunteer is None:
        own = own_volunteer(actor)
        if own is None:
            raise PermissionDenied(_("Only a registered volunteer signs up and checks in herself."))
        return own
    if isinstance(volunteer, Volunteer) and (_acts_for(actor, volunteer) or is_system(actor)):
        return volunteer
    _require(actor, MANAGE, shift_path, _("You cannot run volunteer activities of this unit."))
    return _readable_volunteer(actor, volunteer, field="volunteer")


def _shift_label(shift: Shift) -> str:
    start, end = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    return f"{shift.activity.title} {start:%Y-%m-%d %H:%M}–{end:%H:%M}"


@transaction.atomic
def signup_create(*, actor, shift: Shift, volunteer=None) -> SignUp:
    """A volunteer signs up for a shift of one of her teams' projects that has not started and is not full."""
    v = _resolve_volunteer(actor, volunteer, shift.org_path)
    if shift.cancelled:
        raise ValidationError(_("This shift is cancelled."))
    if timezone.now() >= shift.ends_at:
        raise ValidationError(_("This shift has ended."))
    if not may_serve(v, shift):
        raise ValidationError(_("This shift is for the volunteers of the project's team."))
    Shift.objects.select_for_update().filter(pk=shift.pk).first()  # one sign-up at a time counts the places
    taken = SignUp.objects.filter(shift=shift, cancelled_at__isnull=True).exclude(volunteer=v).count()
    if taken >= shift.needed:
        raise ValidationError(_("This shift is full: %(n)s volunteers are signed up.") % {"n": shift.needed})
    signup, created = SignUp.objects.get_or_create(shift=shift, volunteer=v, defaults={"org_path": shift.org_path})
    if not created:
        if signup.cancelled_at is None:
            raise ValidationError(_("You are already signed up for this shift."))
        signup.cancelled_at = None
        signup.save(update_fields=["cancelled_at"])
    audit.record(actor, "volunteer.signup", obj=shift, detail={"volunteer": v.pk})
    return signup


@transaction.atomic
def signup_cancel(*, actor, signup: SignUp) -> SignUp:
    v = _resolve_volunteer(actor, signup.volunteer, signup.org_path)
    if v.pk != signup.volunteer_id:
        raise PermissionDenied
    if signup.shift.records.filter(volunteer=v).exists():
        raise ValidationError(_("You have checked in to this shift: the sign-up stays."))
    SignUp.objects.filter(pk=signup.pk).update(cancelled_at=timezone.now())
    audit.record(actor, "volunteer.signup_cancel", obj=signup.shift, detail={"volunteer": v.pk})
    return signup


# --- check-in and check-out ----------------------------------------------------------------------------------


class RateLimited(PermissionDenied):
    pass


def _count_code_try(actor, shift: Shift) -> None:
    """Count a typed code against the shift, before (outside) the check-in's transaction: a wrong code rolls the
    check-in back, never its count."""
    key = f"volunteer-code:{getattr(actor, 'pk', '')}:{shift.pk}"
    if not ratelimit.hit(key, limit=CODE_TRIES, window=CODE_WINDOW):
        raise RateLimited(_("Too many attempts: wait a few minutes and try again."))


def _check_code(actor, shift: Shift, code, *, counted: bool = False) -> None:
    if not counted:
        _count_code_try(actor, shift)
    typed = normalize_identifier(code)
    if not hmac.compare_digest(typed.encode(), shift.checkin_code.encode()):
        raise ValidationError({"code": [_("The check-in code is wrong.")]})


def overlapping(volunteer: Volunteer, shift: Shift) -> ServiceRecord | None:
    """Her check-in to another shift whose time overlaps this one (a declined record does not count)."""
    return (
        ServiceRecord.objects.filter(
            volunteer=volunteer,
            shift__isnull=False,
            shift__starts_at__lt=shift.ends_at,
            shift__ends_at__gt=shift.starts_at,
        )
        .exclude(shift=shift)
        .exclude(state=S.DECLINED)
        .select_related("shift__activity")
        .first()
    )


def checkin(*, actor, shift: Shift, code, volunteer=None, at: datetime.datetime | None = None) -> ServiceRecord:
    """Check a volunteer in to a shift with its code (typed or in the QR code): from 30 minutes before the start
    until the end. Refused after the end, twice, or when she is checked in to an overlapping shift."""
    _count_code_try(actor, shift)
    return _checkin(actor=actor, shift=shift, code=code, volunteer=volunteer, at=at)


@transaction.atomic
def _checkin(*, actor, shift: Shift, code, volunteer, at) -> ServiceRecord:
    at = at or timezone.now()
    v = _resolve_volunteer(actor, volunteer, shift.org_path)
    _check_code(actor, shift, code, counted=True)
    if shift.cancelled:
        raise ValidationError(_("This shift is cancelled."))
    if at >= shift.ends_at:
        raise ValidationError(
            {
                "code": [
                    _("This shift ended at %(end)s: its code no longer checks anyone in.")
                    % {"end": timezone.localtime(shift.ends_at).strftime("%Y-%m-%d %H:%M")}
                ]
            }
        )
    if at < shift.starts_at - CHECKIN_EARLY:
        raise ValidationError(
            {
                "code": [
                    _("Check-in opens 30 minutes before the shift starts (%(start)s).")
                    % {"start": timezone.localtime(shift.starts_at).strftime("%Y-%m-%d %H:%M")}
                ]
            }
        )
    day = timezone.localtime(shift.starts_at).date()
    require_open(HOURS, shift.org_path, day, field="code")
    signed = SignUp.objects.filter(shift=shift, volunteer=v, cancelled_at__isnull=True).exists()
    if not signed and not may_serve(v, shift):
        raise ValidationError(_("This shift is for the volunteers of the project's team."))
    if ServiceRecord.objects.filter(shift=shift, volunteer=v).exists():
        raise ValidationError(_("%(name)s is already checked in to this shift.") % {"name": v.person.name})
    other = overlapping(v, shift)
    if other is not None:
        raise ValidationError(
            _(
                "%(name)s is already checked in to “%(other)s”, which overlaps this shift: "
                "one person serves one shift at a time."
            )
            % {"name": v.person.name, "other": _shift_label(other.shift)}
        )
    if not signed:
        SignUp.objects.update_or_create(
            shift=shift, volunteer=v, defaults={"org_path": shift.org_path, "cancelled_at": None}
        )
    project = shift.activity.project
    try:
        with transaction.atomic():
            record = ServiceRecord.objects.create(
                volunteer=v,
                shift=shift,
                team_id=project.team_id,
                project=project,
                org_id=shift.org_id,
                org_path=shift.org_path,
                date=day,
                checkin_at=at,
                state=S.OPEN,
                created_by=_user(actor),
            )
    except IntegrityError:  # the same check-in sent twice at once
        raise ValidationError(_("%(name)s is already checked in to this shift.") % {"name": v.person.name})
    audit.record(actor, "volunteer.checkin", obj=record, detail={"shift": shift.pk, "volunteer": v.pk})
    return record


def attended(record: ServiceRecord, shift: Shift, at: datetime.datetime) -> tuple[int, Decimal, bool]:
    """(minutes attended, hours, whether they count): the time between check-in and check-out that falls inside
    the shift; it counts when it is at least 60 % of the shift."""
    start = max(record.checkin_at, shift.starts_at)
    end = min(at, shift.ends_at)
    seconds = max(0, int((end - start).total_seconds()))
    length = int((shift.ends_at - shift.starts_at).total_seconds())
    minutes = seconds // 60
    hours = (Decimal(seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return minutes, min(hours, Decimal("24")), Decimal(seconds) >= ATTENDANCE_SHARE * length


def checkout(*, actor, record: ServiceRecord, code, at: datetime.datetime | None = None) -> ServiceRecord:
    """Check out with the shift's code: the attended time inside the shift is computed; at least 60 % of the shift
    goes to the level above for approval, less is kept as not counted."""
    at = at or timezone.now()
    shift = record.shift
    if shift is None:
        raise ValidationError(_("A back-filled record has no check-out."))
    v = _resolve_volunteer(actor, record.volunteer, shift.org_path)
    if v.pk != record.volunteer_id:
        raise PermissionDenied
    _check_code(actor, shift, code)
    minutes, hours, counts = attended(record, shift, at)
    return RECORD_FLOW.apply(
        actor,
        record,
        "checkout" if counts else "checkout_short",
        detail={"minutes": minutes, "hours": str(hours)},
        checkout_at=at,
        minutes=minutes,
        hours=hours if counts else Decimal("0"),
    )


# --- back-filled hours ---------------------------------------------------------------------------------------


def read_hours(value, *, field: str = "hours") -> Decimal:
    """Hours as typed (2, 1.5, ２.５) to one decimal, more than 0 and at most 12 for one day's back-fill."""
    try:
        hours = Decimal(normalize_identifier(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        hours = None
    if hours is None or not Decimal("0.1") <= hours <= Decimal("12"):
        raise ValidationError({field: [_("Hours are a number from 0.1 to 12, such as 2 or 1.5.")]})
    return hours


def backfilled_in_month(volunteer_id: int, day: datetime.date, exclude_pk=None) -> Decimal:
    first = day.replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    qs = ServiceRecord.objects.filter(
        volunteer_id=volunteer_id,
        backfilled=True,
        date__gte=first,
        date__lt=nxt,
        state__in=[S.PENDING, S.APPROVED],
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(h=Sum("hours"))["h"] or Decimal("0")


def cap_refusal(volunteer: Volunteer, day: datetime.date, already: Decimal, asked: Decimal) -> str | None:
    cap = backfill_cap()
    if already + asked <= cap:
        return None
    return _(
        "Back-filled hours are capped at %(cap)s a month: %(name)s has %(already)s in %(month)s, "
        "%(left)s remain; %(asked)s asked."
    ) % {
        "cap": cap,
        "name": volunteer.person.name,
        "already": already,
        "month": day.strftime("%Y-%m"),
        "left": max(cap - already, Decimal("0")),
        "asked": asked,
    }


def backfill_build(*, actor, volunteer, org, date, hours, note: str, team=None, project=None) -> ServiceRecord:
    """A checked, unsaved back-filled record (the import checks the month's cap over all its rows)."""
    if isinstance(volunteer, Volunteer) and _acts_for(actor, volunteer):
        v = volunteer
        if not in_scope(actor, org.path, SERVE) and not in_scope(actor, org.path, MANAGE):
            raise ValidationError({"org": [_("There is no unit with that code among your units.")]})
    else:
        _require(actor, MANAGE, org.path, _("You cannot record volunteer hours of this unit."))
        v = volunteer if is_system(actor) else _readable_volunteer(actor, volunteer, field="volunteer")
    errors = {}
    note = " ".join((note or "").split())
    if not note:
        errors["note"] = [_("Say what the service was and why it is back-filled.")]
    elif m := too_long(ServiceRecord, "note", note):
        errors["note"] = [m]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Give the date.")]
    elif date > timezone.localdate():
        errors["date"] = [_("Hours are back-filled for a day that has passed.")]
    h = None
    try:
        h = read_hours(hours)
    except ValidationError as e:
        errors.update(e.message_dict)
    if team is not None and not isinstance(team, Team):
        errors["team"] = [_("Choose from the list.")]
    if project is not None and not isinstance(project, Project):
        errors["project"] = [_("Choose from the list.")]
    if errors:
        raise ValidationError(errors)
    require_open(HOURS, org.path, date)
    if project is not None and team is None:
        team = project.team
    return ServiceRecord(
        volunteer=v,
        team=team,
        project=project,
        org=org,
        org_path=org.path,
        date=date,
        hours=h,
        backfilled=True,
        state=S.PENDING,
        note=note,
        created_by=_user(actor),
    )


@transaction.atomic
def backfill_create(*, actor, volunteer, org, date, hours, note: str, team=None, project=None) -> ServiceRecord:
    """Hours served without a check-in, back-filled and marked so, capped per volunteer and month, waiting for
    the level above to approve them."""
    record = backfill_build(
        actor=actor, volunteer=volunteer, org=org, date=date, hours=hours, note=note, team=team, project=project
    )
    Volunteer.objects.select_for_update().filter(pk=record.volunteer_id).first()  # the cap, one writer at a time
    refusal = cap_refusal(
        record.volunteer, record.date, backfilled_in_month(record.volunteer_id, record.date), record.hours
    )
    if refusal:
        raise ValidationError({"hours": [refusal]})
    record.save()
    audit.record(
        actor, "volunteer.backfill", obj=record, detail={"volunteer": record.volunteer_id, "hours": str(record.hours)}
    )
    _ask_approval(actor, record, {})
    return record


def backfill_bulk_create(*, actor, records: list[ServiceRecord]) -> int:
    """Save checked back-filled records (the import, which checked the caps); the caller holds the transaction."""
    ServiceRecord.objects.bulk_create(records, batch_size=1000)
    for r in records:
        _ask_approval(actor, r, {})
    audit.record(actor, "volunteer.backfill_bulk", object_type="volunteer.servicerecord", detail={"rows": len(records)})
    return len(records)


# --- approval (the workflow) ---------------------------------------------------------------------------------


def _may_check_out(actor, record: ServiceRecord) -> None:
    if record.shift_id:
        require_open(HOURS, record.org_path, record.date)


def _may_decide(actor, record: ServiceRecord) -> None:
    if not may_check(actor, record.org_path, APPROVE):
        raise PermissionDenied(_("Volunteer hours are approved by the level above the unit where they were served."))
    require_open(HOURS, record.org_path, record.date)


def _ask_approval(actor, record: ServiceRecord, changes) -> None:
    """Tell the approvers of the level above, with a due date (reminded and escalated by `jinguo notify sweep`)."""
    notify.notify(
        kind="volunteer.approve_request",
        title=_("Hours to approve: %(name)s, %(hours)s h on %(day)s")
        % {"name": record.volunteer.person.name, "hours": record.hours, "day": record.date.isoformat()},
        obj=record,
        url=reverse("volunteer:approvals"),
        unit=checker_path(record.org_path),
        perm=APPROVE,
        due=timezone.now() + datetime.timedelta(days=APPROVE_DAYS),
        exclude=[getattr(actor, "pk", None)],
    )


def _tell_decided(actor, record: ServiceRecord, changes) -> None:
    notify.tell_recorder(
        actor=actor,
        obj=record,
        kind="volunteer.decided",
        title=_("%(name)s, %(hours)s h on %(day)s: %(state)s")
        % {
            "name": record.volunteer.person.name,
            "hours": record.hours,
            "day": record.date.isoformat(),
            "state": record.get_state_display(),
        },
        body=changes.get("decision_reason", ""),
        url=reverse("volunteer:record", args=[record.pk]),
        resolves=["volunteer.approve_request"],
    )


def _milestones(volunteer_id: int, before: int, after: int) -> None:
    """A volunteer's approved total crossed 50, 100 or 250 hours: keep the milestone and tell her and her unit."""
    for hours in MILESTONES:
        if before < hours * 10 <= after:
            milestone, created = Milestone.objects.get_or_create(volunteer_id=volunteer_id, hours=hours)
            if not created:
                continue
            v = Volunteer.objects.select_related("person", "user").get(pk=volunteer_id)
            title = _("%(name)s has served %(n)s hours") % {"name": v.person.name, "n": hours}
            url = reverse("volunteer:volunteer", args=[v.pk])
            notify.notify(kind="volunteer.milestone", title=title, obj=v, url=url, unit=v.org_path, perm=MANAGE)
            if v.user_id:
                notify.notify(
                    kind="volunteer.milestone", title=title, obj=v, url=reverse("volunteer:mine"), recipients=[v.user]
                )
            audit.record(None, "volunteer.milestone", obj=v, detail={"hours": hours})


def _on_change(before, after) -> None:
    """The roll-up delta and the tallies of a record's change, and the milestones its approval reaches."""
    rollups.changed(before=before, after=after)
    for volunteer_id, (old, new) in tally.changed(before=before, after=after).items():
        _milestones(volunteer_id, old, new)


RECORD_FLOW = Workflow(
    model="volunteer.ServiceRecord",
    transitions=[
        Transition(
            "checkout",
            sources=[S.OPEN],
            target=S.PENDING,
            event="volunteer.checkout",
            guard=_may_check_out,
            notify=_ask_approval,
        ),
        Transition(
            "checkout_short",
            sources=[S.OPEN],
            target=S.SHORT,
            event="volunteer.checkout",
            guard=_may_check_out,
        ),
        Transition(
            "approve",
            sources=[S.PENDING],
            target=S.APPROVED,
            event="volunteer.approve",
            guard=_may_decide,
            not_own=True,
            stamp=lambda actor: {"decided_by": _user(actor), "decided_at": timezone.now()},
            notify=_tell_decided,
        ),
        Transition(
            "decline",
            sources=[S.PENDING],
            target=S.DECLINED,
            event="volunteer.decline",
            guard=_may_decide,
            not_own=True,
            stamp=lambda actor: {"decided_by": _user(actor), "decided_at": timezone.now()},
            notify=_tell_decided,
        ),
    ],
    on_change=_on_change,
    stamp_updated="updated_at",
)


def record_approve(*, actor, record: ServiceRecord) -> ServiceRecord:
    return RECORD_FLOW.apply(actor, record, "approve")


def record_decline(*, actor, record: ServiceRecord, reason: str) -> ServiceRecord:
    """Declined hours are kept as declined, with the reason, never deleted."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Say why the hours are declined.")]})
    if m := too_long(ServiceRecord, "decision_reason", reason):
        raise ValidationError({"reason": [m]})
    return RECORD_FLOW.apply(actor, record, "decline", detail={"reason": reason}, decision_reason=reason)


def records_approve(*, actor, records) -> dict:
    """Approve many records at once; each is one decision of the workflow (audited, told). Records another
    approver decided first, or that the actor may not approve, are left with the reason."""
    approved, refused = 0, []
    with transaction.atomic():
        for record in records:
            try:
                record_approve(actor=actor, record=record)
                approved += 1
            except (ValidationError, PermissionDenied) as e:
                refused.append((record, "；".join(getattr(e, "messages", None) or [str(e)])))
    return {"approved": approved, "refused": refused}


# --- closed months -------------------------------------------------------------------------------------------


def _settle(actor, org, month: datetime.date) -> int:
    """Closing a month: no hours of it may still wait for approval; check-ins never checked out are kept as not
    counted. Returns the approved records of the month."""
    nxt = (month + datetime.timedelta(days=32)).replace(day=1)
    month_q = Q(org_path__startswith=org.path, date__gte=month, date__lt=nxt)
    waiting = ServiceRecord.objects.filter(month_q, state=S.PENDING).count()
    if waiting:
        raise ValidationError(
            {"month": [_("%(n)s records of hours of this month still wait for approval.") % {"n": number(waiting)}]}
        )
    ServiceRecord.objects.filter(month_q, state=S.OPEN).update(state=S.SHORT, updated_at=timezone.now())
    return ServiceRecord.objects.filter(month_q, state=S.APPROVED).count()


def hours_month_close(*, actor, org, month: datetime.date):
    """The level above closes a unit's month of volunteer hours (the shared closed-period mechanism)."""
    return period_close(actor=actor, subject=HOURS, org=org, month=month, action=APPROVE, settle=_settle)


def hours_month_reopen(*, actor, period) -> None:
    period_reopen(actor=actor, period=period, action=APPROVE)


# --- public sign-up ------------------------------------------------------------------------------------------


def application_submit(
    *, project: Project, name: str, phone: str, village: str = "", message: str = "", consent: bool, ip: str | None
) -> Application:
    """Someone asks to join a public project; rate-limited per address (counted outside the transaction, so a
    refused sign-up counts too), only with consent; the team's unit is told. `ip` None is the demo's own seed, not
    a visitor: it is not counted against any address."""
    if ip is not None and not ratelimit.hit(f"volunteer-apply:{ip}", limit=APPLY_LIMIT, window=APPLY_WINDOW):
        raise RateLimited(_("Too many sign-ups from this address: try again later."))
    return _application_submit(
        project=project, name=name, phone=phone, village=village, message=message, consent=consent, ip=ip
    )


@transaction.atomic
def _application_submit(*, project, name: str, phone: str, village: str, message: str, consent: bool, ip):
    if not (project.public and project.active):
        raise ValidationError(_("This project takes no sign-ups."))
    name, village, message = " ".join((name or "").split()), " ".join((village or "").split()), (message or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("Give your name.")]
    try:
        phone = clean_phone(phone)
    except ValidationError as e:
        errors["phone"] = e.messages
    else:
        if not phone:
            errors["phone"] = [_("Give a mobile number so that the team can reach you.")]
    if not consent:
        errors["consent"] = [_("Tick the box to agree that the team keeps your name and phone to contact you.")]
    for field, value in (("name", name), ("village", village), ("message", message)):
        if field not in errors and (m := too_long(Application, field, value)):
            errors[field] = [m]
    if errors:
        raise ValidationError(errors)
    app = Application.objects.create(
        project=project,
        org_id=project.team.org_id if project.team_id else project.org_id,
        org_path=project.team.org_path if project.team_id else project.org_path,
        name=name,
        phone_enc=crypto.encrypt(phone),
        phone_masked=crypto.mask_phone(phone),
        village=village,
        message=message,
        consent=True,
    )
    audit.record(None, "volunteer.apply", obj=app, ip=ip, detail={"project": project.pk})
    notify.notify(
        kind="volunteer.application",
        title=_("%(name)s asks to join %(project)s") % {"name": name, "project": project.name},
        obj=app,
        url=reverse("volunteer:applications"),
        unit=app.org_path,
        perm=MANAGE,
    )
    return app


@transaction.atomic
def application_decide(*, actor, application: Application, state: str) -> Application:
    _require(actor, MANAGE, application.org_path, _("You cannot run volunteer projects of this unit."))
    if state not in (ApplicationState.REGISTERED, ApplicationState.DECLINED):
        raise ValidationError({"state": [_("Choose from the list.")]})
    if not Application.objects.filter(pk=application.pk, state=ApplicationState.NEW).update(state=state):
        raise ValidationError(_("This application is already decided."))
    application.state = state
    notify.resolve(application)
    audit.record(actor, "volunteer.application_decide", obj=application, detail={"state": state})
    return application


# --- practical deeds and 十送 deliveries -------------------------------------------------------------------------


@transaction.atomic
def deed_create(*, actor, org, year: int, title: str, target: int, measure: str = "人次") -> Deed:
    """One of the year's practical deeds of a unit (我为妇女儿童办实事), with its target."""
    _require(actor, MANAGE, org.path, _("You cannot run the practical deeds of this unit."))
    d = Deed(
        org=org,
        org_path=org.path,
        year=year,
        title=" ".join((title or "").split()),
        target=target,
        measure=" ".join((measure or "").split()) or "人次",
        created_by=_user(actor),
    )
    errors = {}
    if not d.title:
        errors["title"] = [_("Give the deed's title.")]
    errors.update({k: v for k, v in bounds_check(d).items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    if Deed.objects.filter(org=org, year=year, title=d.title).exists():
        raise ValidationError({"title": [_("This unit already has a deed of this title this year.")]})
    d.save()
    audit.record(actor, "volunteer.deed_create", obj=d, detail={"year": year, "target": target})
    return d


@transaction.atomic
def delivery_record(
    *, actor, deed: Deed, category: DeliveryCategory, date: datetime.date, count: int, org=None, note="", project=None
) -> Delivery:
    """A 十送 delivery against a deed, at the deed's unit or below; the deed's progress moves with it."""
    org = org or deed.org
    _require(actor, MANAGE, org.path, _("You cannot run the practical deeds of this unit."))
    if not org.path.startswith(deed.org_path):
        raise ValidationError({"org": [_("A delivery is made at the deed's unit or below it.")]})
    if not isinstance(category, DeliveryCategory) or not category.active:
        raise ValidationError({"category": [_("Choose from the list.")]})
    if not isinstance(date, datetime.date) or date.year != deed.year:
        raise ValidationError({"date": [_("A delivery of a %(year)s deed is made in %(year)s.") % {"year": deed.year}]})
    if date > timezone.localdate():
        raise ValidationError({"date": [_("A delivery is recorded once it is made.")]})
    d = Delivery(
        deed=deed,
        org=org,
        org_path=org.path,
        category=category,
        date=date,
        count=count,
        note=" ".join((note or "").split()),
        project=project,
        created_by=_user(actor),
    )
    _check_instance(d)
    d.save()
    from django.db.models import F

    Deed.objects.filter(pk=deed.pk).update(progress=F("progress") + d.count)
    deed.refresh_from_db(fields=["progress"])
    rollups.changed(after=d)
    audit.record(actor, "volunteer.delivery", obj=d, detail={"deed": deed.pk, "count": d.count})
    return d


@transaction.atomic
def deed_done(*, actor, deed: Deed, evidence: str, done_on: datetime.date | None = None) -> Deed:
    """A deed is done: the evidence (what was delivered, where it is documented) is required."""
    _require(actor, MANAGE, deed.org_path, _("You cannot run the practical deeds of this unit."))
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError({"evidence": [_("Say what shows the deed is done.")]})
    _check_texts(Deed, {"evidence": evidence})
    if deed.done_on:
        raise ValidationError(_("This deed is already done."))
    import copy

    before = copy.copy(deed)
    deed.evidence, deed.done_on = evidence, done_on or timezone.localdate()
    deed.save(update_fields=["evidence", "done_on"])
    rollups.changed(before=before, after=deed)
    audit.record(actor, "volunteer.deed_done", obj=deed, detail={"done_on": deed.done_on.isoformat()})
    return deed


# --- certificates --------------------------------------------------------------------------------------------


def certificate_docx(volunteer: Volunteer, start: datetime.date, end: datetime.date, records) -> bytes:
    """A certificate of a volunteer's approved hours from `start` to `end` (.docx), with the services listed."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    records = list(records)
    total = sum((r.hours for r in records), Decimal("0"))
    doc = Document()
    heading = doc.add_heading(_("Certificate of volunteer service"), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, size in (
        (volunteer.person.name, 26),
        (
            _("served %(hours)s hours of volunteer service from %(start)s to %(end)s.")
            % {"hours": total, "start": start.isoformat(), "end": end.isoformat()},
            16,
        ),
        (
            _("Registered volunteer of %(unit)s since %(day)s.")
            % {"unit": volunteer.org.name, "day": volunteer.joined},
            12,
        ),
    ):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(str(text)).font.size = Pt(size)
    if records:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, (_("Date"), _("Project"), _("Org unit"), _("Hours")), strict=True):
            cell.text = str(text)
        for r in records:
            cells = table.add_row().cells
            cells[0].text = r.date.isoformat()
            cells[1].text = r.project.name if r.project_id else ""
            cells[2].text = r.org.name
            cells[3].text = str(r.hours) + (" *" if r.backfilled else "")
        doc.add_paragraph(str(_("* back-filled hours, approved by the level above.")))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- bulk writers (the demo and the benchmark) ---------------------------------------------------------------


def records_bulk_create(*, actor, records: list[ServiceRecord], batch: int = 2000, recount: bool = True) -> int:
    """Save prepared service records (the demo, the benchmark): the roll-ups follow, then the tallies and
    milestones are recomputed (`recount=False` leaves that to one `tallies_rebuild` after many batches). The
    caller holds the transaction; one audit event per call."""
    if not is_system(actor):
        raise PermissionDenied(_("Service records are written in bulk by the platform only."))
    for i in range(0, len(records), batch):  # raw inserts (core.bulk): the benchmark writes 5,000,000 of them
        bulk.insert_objects(ServiceRecord, records[i : i + batch], pks=True)
    rollups.changed_many("volunteer.ServiceRecord", afters=records)
    if recount:
        tallies_rebuild()
    audit.record(actor, "volunteer.records_bulk", object_type="volunteer.servicerecord", detail={"rows": len(records)})
    return len(records)


def tallies_rebuild() -> int:
    """Every tally and volunteer total recomputed from the records, and the milestones they reach."""
    n = tally.rebuild()
    milestones_sync()
    return n


def milestones_sync() -> int:
    """The milestones every volunteer's total has reached, kept without notices (after a bulk load)."""
    have = set(Milestone.objects.values_list("volunteer_id", "hours"))
    rows = [
        Milestone(volunteer_id=pk, hours=h)
        for pk, total in Volunteer.objects.filter(hours_total__gte=MILESTONES[0]).values_list("pk", "hours_total")
        for h in MILESTONES
        if total >= h and (pk, h) not in have
    ]
    Milestone.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
