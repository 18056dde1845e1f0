"""Writes of joint study: sessions and their attendance, scope-checked and audited."""

import copy
import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.bounds import bounds, number, record_id
from jinguo.core.bounds import check as bounds_check
from jinguo.core.scope import require_write
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import require_nameable, require_one_nameable
from jinguo.planning.models import Theme
from jinguo.planning.selectors import theme_applies
from jinguo.stats import rollups
from jinguo.study.models import Attendance, StudyAttendance, StudySession

FIELDS = ["title", "form", "date", "hours", "leader_id", "materials", "theme_id", "summary", "org_path"]


def _read_hours(value, errors: dict):
    """Hours as typed (2, 1.5), kept to one decimal; out of the model's bounds they are refused with the range."""
    limits = bounds(StudySession, "hours")
    try:
        hours = Decimal(str(value or "").strip()).quantize(Decimal("0.1"))
        if not limits.min_value <= hours <= limits.max_value:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["hours"] = [
            _("Hours are a number from %(min)s to %(max)s, such as 2 or 1.5.")
            % {"min": number(limits.min_value), "max": number(limits.max_value)}
        ]
        return None
    return hours


def clean_session(*, actor, org: OrgUnit, data: dict) -> dict:
    """A study session's values, checked; ValidationError keyed by field with every refusal.

    Each field is checked by the model (core.bounds.check); the rules kept here are between fields or need the
    actor: the theme serves the unit on the date, and the leader is a person the actor may name."""
    errors: dict[str, list[str]] = {}
    day = data.get("date")
    if not isinstance(day, datetime.date):
        try:
            day = datetime.date.fromisoformat(str(day or "").strip())
        except ValueError:
            errors["date"] = [_("“%(value)s” is not a real date (write it as 2026-07-15).") % {"value": day or ""}]
            day = None
    out = {
        "title": (data.get("title") or "").strip(),
        "form": data.get("form"),
        "date": day,
        "hours": _read_hours(data.get("hours"), errors),
        "materials": "\n".join(line.strip() for line in (data.get("materials") or "").splitlines() if line.strip()),
        "summary": (data.get("summary") or "").strip(),
    }
    session = StudySession(**{k: v for k, v in out.items() if k not in errors})
    for field, messages in bounds_check(session, exclude=list(errors)).items():
        errors.setdefault(field, messages)
    theme = data.get("theme")
    if not isinstance(theme, Theme):
        errors["theme"] = [_("Choose the theme the session serves.")]
    elif (refusal := theme_applies(theme, org.path, day)) is not None:
        errors["theme"] = [refusal]
    out["theme"] = theme
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
def study_session_create(*, actor, org: OrgUnit, attendance: dict | None = None, **data) -> StudySession:
    require_write(actor, org.path, _("You cannot record study sessions of %(org)s.") % {"org": org.name})
    clean = clean_session(actor=actor, org=org, data=data)
    s = StudySession.objects.create(
        org=org, org_path=org.path, created_by=actor if getattr(actor, "pk", None) else None, **clean
    )
    rollups.changed(after=s)
    audit.record(actor, "study.create", obj=s, detail={"after": audit.snapshot(s, FIELDS)})
    if attendance:
        study_attendance_set(actor=actor, session=s, statuses=attendance)
    return s


@transaction.atomic
def study_session_update(*, actor, session: StudySession, **changes) -> StudySession:
    require_write(actor, session.org_path, _("You cannot change study sessions of this unit."))
    data = {
        "title": session.title,
        "form": session.form,
        "date": session.date,
        "hours": session.hours,
        "theme": session.theme,
        "leader": session.leader_id,
        "materials": session.materials,
        "summary": session.summary,
    }
    data.update({k: v for k, v in changes.items() if k in data})
    clean = clean_session(actor=actor, org=session.org, data=data)
    before = audit.snapshot(session, FIELDS)
    old = copy.copy(session)
    for k, v in clean.items():
        setattr(session, k, v)
    session.save()
    rollups.changed(before=old, after=session)
    audit.record(
        actor, "study.update", obj=session, detail={"before": before, "after": audit.snapshot(session, FIELDS)}
    )
    return session


@transaction.atomic
def study_session_delete(*, actor, session: StudySession) -> None:
    require_write(actor, session.org_path, _("You cannot change study sessions of this unit."))
    gone, before = audit.identity(session), audit.snapshot(session, FIELDS)
    rollups.changed(before=session)
    session.delete()
    audit.record(actor, "study.delete", **gone, detail={"before": before})


@transaction.atomic
def study_attendance_set(*, actor, session: StudySession, statuses: dict) -> int:
    """Replace the session's attendance with {person id: present / leave / absent}."""
    require_write(actor, session.org_path, _("You cannot change study sessions of this unit."))
    bad = [s for s in statuses.values() if s not in Attendance.values]
    if bad:
        raise ValidationError({"attendance": [_("Attendance is present, on leave or absent.")]})
    if len(statuses) > StudyAttendance.MAX_PER_SESSION:
        raise ValidationError(
            {
                "attendance": [
                    _("A session lists at most %(n)s attendees.") % {"n": number(StudyAttendance.MAX_PER_SESSION)}
                ]
            }
        )
    people = require_nameable(actor, list(statuses), field="attendance")
    wanted = {record_id(k): v for k, v in statuses.items()}
    current = {a.person_id: a for a in session.attendance.all()}
    removed = [pid for pid in current if pid not in wanted]
    StudyAttendance.objects.filter(session=session, person_id__in=removed).delete()
    changed = 0
    for pid, status in wanted.items():
        a = current.get(pid)
        if a is None:
            StudyAttendance.objects.create(
                session=session, org_id=session.org_id, org_path=session.org_path, person=people[pid], status=status
            )
            changed += 1
        elif a.status != status:
            a.status = status
            a.save(update_fields=["status"])
            changed += 1
    audit.record(
        actor,
        "study.attendance",
        obj=session,
        detail={
            "present": sum(1 for s in wanted.values() if s == Attendance.PRESENT),
            "total": len(wanted),
            "removed": len(removed),
            "changed": changed,
        },
    )
    return len(wanted)


def study_bulk_create(*, actor, sessions: list[StudySession], attendance: list[list[tuple[int, str]]]) -> int:
    """Save prepared sessions with attendance (demo). The caller holds the transaction and audits the batch."""
    for path in {s.org_path for s in sessions}:
        require_write(actor, path, _("You cannot record study sessions of this unit."))
    StudySession.objects.bulk_create(sessions, batch_size=1000)
    rows = [
        StudyAttendance(session_id=s.pk, org_id=s.org_id, org_path=s.org_path, person_id=pid, status=status)
        for s, att in zip(sessions, attendance, strict=True)
        for pid, status in att
    ]
    StudyAttendance.objects.bulk_create(rows, batch_size=5000)
    rollups.changed_many("study.StudySession", afters=sessions)
    return len(sessions)
