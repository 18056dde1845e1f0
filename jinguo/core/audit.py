"""Append-only, hash-chained audit log.

Each event's hash covers its own fields and the previous event's hash, so editing or deleting
any row behind the application's back breaks the chain at that row (`jinguo audit verify`).
Appending locks the chain head, so the chain stays linear under concurrent writers.
"""

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal

from django.db import transaction
from django.db.models import Manager, Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jinguo.core.context import current_ip
from jinguo.core.models import AuditEvent, AuditHead

GENESIS = "0" * 64

# How events read in the audit pages; an event without a label shows its code.
EVENT_LABELS = {
    "login": _("Log in"),
    "logout": _("Log out"),
    "user.create": _("User created"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role revoked"),
    "api_token.create": _("API token created"),
    "org.bulk_create": _("Org units added"),
    "org.rename": _("Org unit renamed"),
    "person.create": _("Person registered"),
    "person.update": _("Person changed"),
    "person.delete": _("Person removed"),
    "person.reveal": _("Personal data shown"),
    "import.people": _("People imported"),
    "import.orgs": _("Towns and villages imported"),
    "export.people": _("People exported"),
    "export.orgs": _("Org units exported"),
    "audit.export": _("Audit log exported"),
    "export.audit": _("Audit log exported"),
    "export.teams": _("Lecture teams exported"),
    "export.study_sessions": _("Study sessions exported"),
    "export.themes": _("Themes exported"),
    "demo.people": _("Demo people created"),
    "password.change": _("Password changed"),
    "account.unlock": _("Account unlocked"),
    "account.password_reset": _("Password reset by the security administrator"),
    "account.otp_reset": _("Second factor reset"),
    "account.deactivate": _("Account deactivated"),
    "account.activate": _("Account activated again"),
    "otp.setup": _("Second factor set up"),
    "otp.verify": _("Second factor checked"),
    "audit.purge": _("Old audit events purged"),
    "backup.create": _("Backup made"),
    "export.report": _("Statistics report exported"),
    # planning, outreach, study, contest
    "theme.create": _("Theme added"),
    "theme.update": _("Theme changed"),
    "theme.delete": _("Theme removed"),
    "theme_series.create": _("Themed series added"),
    "lookup.create": _("List entry added"),
    "lookup.update": _("List entry changed"),
    "lookup.seed": _("Lists seeded"),
    "team.create": _("Lecture team set up"),
    "team.update": _("Lecture team changed"),
    "team.delete": _("Lecture team removed"),
    "lecturer.add": _("Lecturer joined a team"),
    "lecturer.update": _("Lecturer changed"),
    "lecturer.remove": _("Lecturer left a team"),
    "lecture.create": _("Lecture recorded"),
    "lecture.update": _("Lecture changed"),
    "lecture.held": _("Lecture closed out as held"),
    "lecture.verify": _("Lecture verified"),
    "lecture.correct": _("Verified lecture corrected"),
    "lecture.delete": _("Lecture removed"),
    "lecture.photos": _("Lecture photos added"),
    "period.close": _("Month verified and closed"),
    "period.reopen": _("Month reopened"),
    "checkin.create": _("Attendee checked in"),
    "import.lectures": _("Lectures imported"),
    "export.lectures": _("Lectures exported"),
    "study.create": _("Study session recorded"),
    "study.update": _("Study session changed"),
    "study.delete": _("Study session removed"),
    "study.attendance": _("Study attendance taken"),
    "export.learning_records": _("Learning records exported"),
    "contest.create": _("Lecture contest set up"),
    "contest.entry": _("Contest entry submitted"),
    "contest.judge_add": _("Judge added"),
    "contest.judge_remove": _("Judge removed"),
    "lecture.return": _("Sent back for correction"),
    "lecture.resubmit": _("Submitted again"),
    "comment.add": _("Comment added"),
    "contest.round_open": _("Judging opened"),
    "contest.round_close": _("Judging closed"),
    "contest.round_publish": _("Contest results published"),
    "contest.advance": _("Entries advanced to the next round"),
    "contest.score": _("Entry scored"),
    "demo.teams": _("Demo lecture teams created"),
    "demo.lectures": _("Demo lectures created"),
    "demo.checkins": _("Demo check-ins created"),
    "demo.study": _("Demo study sessions created"),
}
OUTCOME_LABELS = {"success": _("success"), "failure": _("failure"), "denied": _("denied")}


def event_label(code: str) -> str:
    """The event's label: the platform's own, else the one its module declares (Module.events), else the code."""
    if code in EVENT_LABELS:
        return EVENT_LABELS[code]
    from jinguo.core.modules import event_labels

    return event_labels().get(code, code)


def label_events(labels: dict) -> None:
    """A module names its own events in words for the history and the audit log (core names no module's)."""
    EVENT_LABELS.update(labels)


def outcome_label(code: str) -> str:
    return OUTCOME_LABELS.get(code, code)


def describe(events) -> list[AuditEvent]:
    """Names for a page of events, read in one query per kind of record, so the log reads "乌兰" rather
    than `people.person#6`. Each event gets:

    - `object_label`: the record's name (its `str`), "#id" when it is gone, the id itself when it is a name
      (the user name typed at a failed login);
    - `object_key`: "type#id", the value of the log's `object` filter that lists that record's history;
    - `attempted`: for a failed login, the user name that was typed (no user is logged in; not "system").
    """
    from django.apps import apps

    events = list(events)
    wanted: dict[str, set[int]] = defaultdict(set)
    for e in events:
        if e.object_type and e.object_id.isdigit():
            wanted[e.object_type].add(int(e.object_id))
    names: dict[tuple[str, str], str] = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        for pk, obj in model._default_manager.select_related().in_bulk(ids).items():
            names[(label, str(pk))] = str(obj)
    for e in events:
        oid = e.object_id
        e.object_label = names.get((e.object_type, oid)) or (f"#{oid}" if oid.isdigit() else oid)
        e.object_key = f"{e.object_type}#{oid}" if e.object_type and oid else ""
        failed_login = e.event == "login" and e.outcome == "failure" and not e.actor_name
        e.attempted = str((e.detail or {}).get("username", "")) if failed_login else ""
    return events


def _canonical(ev: AuditEvent) -> str:
    return "|".join(
        [
            str(ev.seq),
            ev.at.astimezone(UTC).isoformat(),
            "" if ev.actor_id is None else str(ev.actor_id),
            ev.actor_name,
            ev.event,
            ev.object_type,
            str(ev.object_id),
            ev.org_path,
            ev.ip,
            ev.outcome,
            json.dumps(ev.detail, sort_keys=True, ensure_ascii=False, default=str),
            ev.prev_hash,
        ]
    )


def event_hash(ev: AuditEvent) -> str:
    return hashlib.sha256(_canonical(ev).encode()).hexdigest()


def identity(obj) -> dict:
    """Which record an event is about (record's object_type, object_id and org_path): taken before a delete,
    which forgets the row's primary key, and passed to record after it."""
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk),
        "org_path": getattr(obj, "org_path", "") or getattr(obj, "path", ""),
    }


def record(
    actor,
    event: str,
    *,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    org_path: str = "",
    outcome: str = "success",
    detail: dict | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Append one event. Call inside the transaction of the action it records."""
    if obj is not None:
        of = identity(obj)
        object_type = object_type or of["object_type"]
        object_id = object_id or of["object_id"]
        org_path = org_path or of["org_path"]
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        ev = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_name=(getattr(actor, "username", "") or "")[:150],
            event=event,
            object_type=object_type,
            object_id=str(object_id)[:64],
            org_path=org_path or "",
            ip=(current_ip.get() if ip is None else ip)[:45],
            outcome=outcome,
            detail=json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str)),
            prev_hash=head.hash,
        )
        ev.hash = event_hash(ev)
        ev.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(seq=ev.seq, hash=ev.hash)
    return ev


# --- what changed: snapshots and their difference --------------------------------------------------


def _audited(value):
    """A field's value as an audit row keeps it (JSON): a related row as its id and name, a many-to-many as
    its sorted ids, a date or time as ISO text, a decimal as text, a file as its name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Manager):
        return sorted(o.pk for o in value.all())  # .all() uses a prefetched list when there is one
    if isinstance(value, Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, list | tuple):
        return [_audited(v) for v in value]
    return value


def snapshot(obj, fields: Iterable[str], **extra) -> dict:
    """`obj`'s values of `fields` as the audit keeps them ("before"/"after" of an event), plus `extra`
    values given ready-made (ids not yet saved on the row, for instance)."""
    out = {f: _audited(getattr(obj, f)) for f in fields}
    out.update({k: _audited(v) for k, v in extra.items()})
    return out


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """The values that changed between two snapshots: ({key: old}, {key: new}) for every differing key."""
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(batch: int = 5000) -> VerifyResult:
    """Walk the chain from the first kept row; report the first broken link."""
    head = AuditHead.objects.filter(pk=1).first()
    prev_hash = None
    expected_seq = None
    checked = 0
    last_id = None
    qs = AuditEvent.objects.order_by("seq")
    while True:
        page = list(qs.filter(seq__gt=last_id)[:batch] if last_id is not None else qs[:batch])
        if not page:
            break
        for ev in page:
            if expected_seq is not None and ev.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, f"event #{expected_seq} is missing")
            if prev_hash is not None and ev.prev_hash != prev_hash:
                return VerifyResult(False, checked, ev.seq, "link to the previous event does not match")
            if event_hash(ev) != ev.hash:
                return VerifyResult(False, checked, ev.seq, "the event's content was altered")
            prev_hash = ev.hash
            expected_seq = ev.seq + 1
            checked += 1
            last_id = ev.seq
    if head is not None and head.seq and (last_id != head.seq or prev_hash != head.hash):
        missing = (last_id or 0) + 1
        return VerifyResult(False, checked, missing, f"events after #{last_id or 0} are missing")
    return VerifyResult(True, checked)


def purge(*, older_than_days: int) -> int:
    """Delete events older than the retention period, never younger than 184 days; audited."""
    from datetime import timedelta

    from jinguo.core.audit_guard import MIN_RETENTION_DAYS

    days = max(older_than_days, MIN_RETENTION_DAYS)
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
        record(None, "audit.purge", detail={"deleted": deleted, "older_than_days": days})
    return deleted
