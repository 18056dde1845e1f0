"""Writes of village micro-governance. Each function checks who acts, validates, writes and records the audit event
in one transaction, and moves the dashboard's roll-ups (one metric per micro-line, whose coverage is the villages
it reaches).

Records belong to a village (or community) and are kept by whoever writes there: its cadre, and the town and county
above. Household agreements are tracked to done and supervision items raised and closed through their declared
workflows (core.workflow): one conditional UPDATE, the audit event and the roll-up delta in one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit
from jinguo.core.bounds import check as bounds_check
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require_write
from jinguo.core.workflow import Transition, Workflow
from jinguo.governance.lines import BY_KEY, BY_MODEL
from jinguo.governance.models import (
    Agreement,
    AgreementState,
    MicroOrg,
    SupervisionItem,
    SupervisionState,
)
from jinguo.people.selectors import require_nameable, require_one_nameable
from jinguo.stats import rollups

BASE_FIELDS = ["date", "title", "participants", "outcome", "org_path"]


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _fields(model) -> list[str]:
    return [*BASE_FIELDS, *BY_MODEL[model].extra]


def clean_record(*, actor, model, org, data: dict, members=None):
    """A record of one micro-line checked, as the form, the API and the import give it: a village's, dated not in
    the future, every field within the model's bounds, a micro-organisation of the same village, people (leader,
    members) whom the actor may name. Returns the unsaved record (and sets `record.member_list`)."""
    errors: dict[str, list[str]] = {}
    record = model(org=org, org_path=getattr(org, "path", ""))
    record.date = data.get("date")
    record.title = (data.get("title") or "").strip()
    record.outcome = (data.get("outcome") or "").strip()
    record.participants = data.get("participants") or 0
    for f in BY_MODEL[model].extra:
        if f in ("leader", "micro_org"):
            continue
        value = data.get(f)
        if value is None and f in ("household", "raised_by"):
            value = ""
        elif value is None and f == "households":
            value = 0
        setattr(record, f, value.strip() if isinstance(value, str) else value)
    if model is MicroOrg and record.active is None:
        record.active = True
    if org is not None and org.level != "village":
        errors["org"] = [_("Micro-governance is recorded for a village or community.")]
    if isinstance(record.date, type(timezone.localdate())) and record.date > timezone.localdate():
        errors["date"] = [_("It cannot be dated in the future.")]
    if model is MicroOrg:
        leader = data.get("leader")
        if leader not in (None, ""):
            try:
                record.leader = require_one_nameable(actor, leader, field="leader")
            except ValidationError as e:
                errors.update(e.message_dict)
        ids = list(members or [])
        if len(ids) > MicroOrg.MAX_MEMBERS:
            errors["members"] = [_("At most %(n)s members.") % {"n": MicroOrg.MAX_MEMBERS}]
        else:
            try:
                record.member_list = list(require_nameable(actor, ids, field="members").values())
            except ValidationError as e:
                errors.update(e.message_dict)
                record.member_list = []
            record.participants = len(record.member_list)
    if "micro_org" in BY_MODEL[model].extra:
        mo = data.get("micro_org")
        if mo is not None and (not isinstance(mo, MicroOrg) or org is None or mo.org_id != org.pk):
            errors["micro_org"] = [_("Choose a micro-organisation of the same village.")]
        else:
            record.micro_org = mo
    for field, messages in bounds_check(record, exclude=list(errors)).items():
        errors.setdefault(field, messages)
    if model is Agreement and record.due and record.date and record.due < record.date and "due" not in errors:
        errors["due"] = [_("The due date comes after the day it was agreed.")]
    if errors:
        raise ValidationError(errors)
    return record


def _create(actor, model, org, data, members=None):
    require_write(actor, org.path, _("You cannot record micro-governance in %(org)s.") % {"org": org.name})
    record = clean_record(actor=actor, model=model, org=org, data=data, members=members)
    record.created_by = _user(actor)
    record.save()
    if model is MicroOrg:
        record.members.set(record.member_list)
    rollups.changed(after=record)
    after = audit.snapshot(
        record, _fields(model), **({"members": [p.pk for p in record.member_list]} if model is MicroOrg else {})
    )
    audit.record(actor, f"governance.{BY_MODEL[model].key}_create", obj=record, detail={"after": after})
    return record


@transaction.atomic
def record_create(key: str, *, actor, org, members=None, **data):
    """A record of the micro-line `key` (orgs, services, education, agreements, supervision) in a village: a
    micro-organisation with its members from the people registry; a supervision item stays open until someone
    closes it with its resolution (SUPERVISION_FLOW)."""
    model = BY_KEY[key].model
    return _create(actor, model, org, data, members if model is MicroOrg else None)


@transaction.atomic
def village_record_update(*, actor, record, members=None, **data):
    """Change a record of any micro-line (not its village, nor its state: that is the workflow's)."""
    model = type(record)
    require_write(
        actor, record.org_path, _("You cannot record micro-governance in %(org)s.") % {"org": record.org.name}
    )
    if model is MicroOrg and members is None:
        members = list(record.members.values_list("pk", flat=True))
    new = clean_record(actor=actor, model=model, org=record.org, data=data, members=members)
    before = model.objects.get(pk=record.pk)
    snapshot = audit.snapshot(before, _fields(model))
    for f in _fields(model):
        if f != "org_path":
            setattr(record, f, getattr(new, f))
    if model is MicroOrg:
        record.participants = new.participants
    record.save()
    if model is MicroOrg:
        record.members.set(new.member_list)
    rollups.changed(before=before, after=record)
    audit.record(
        actor,
        f"governance.{BY_MODEL[model].key}_update",
        obj=record,
        detail={"before": snapshot, "after": audit.snapshot(record, _fields(model))},
    )
    return record


@transaction.atomic
def village_record_delete(*, actor, record) -> None:
    require_write(
        actor, record.org_path, _("You cannot record micro-governance in %(org)s.") % {"org": record.org.name}
    )
    model = type(record)
    gone, before = audit.identity(record), audit.snapshot(record, _fields(model))
    record.delete()
    rollups.changed(before=record)
    audit.record(actor, f"governance.{BY_MODEL[model].key}_delete", **gone, detail={"before": before})


def records_bulk_create(*, actor, model, records: list) -> int:
    """Save records already checked with clean_record (imports, the demo); the caller holds the transaction."""
    for path in {r.org_path for r in records}:
        require_write(actor, path, _("You cannot record micro-governance in this unit."))
    user = _user(actor)
    for r in records:
        r.created_by = user
    model.objects.bulk_create(records, batch_size=2000)
    if model is MicroOrg:
        through = MicroOrg.members.through
        through.objects.bulk_create(
            [through(microorg_id=r.pk, person_id=p.pk) for r in records for p in getattr(r, "member_list", [])]
        )
    rollups.changed_many(model._meta.label, afters=records)
    return len(records)


# --- workflows: agreements to done, supervision items closed -------------------------------------------------


def _may_write(actor, record) -> None:
    if not in_scope(actor, record.org_path, Perm.WRITE):
        raise PermissionDenied(_("You cannot record micro-governance in %(org)s.") % {"org": record.org.name})


AGREEMENT_FLOW = Workflow(
    model="governance.Agreement",
    transitions=[
        Transition(
            "complete",
            sources=[AgreementState.OPEN],
            target=AgreementState.DONE,
            event="governance.agreement_done",
            guard=_may_write,
            stamp=lambda actor: {"done_on": timezone.localdate()},
            refusal=gettext_lazy("Only an open agreement is marked done."),
        ),
        Transition(
            "reopen",
            sources=[AgreementState.DONE],
            target=AgreementState.OPEN,
            event="governance.agreement_reopen",
            guard=_may_write,
            stamp=lambda actor: {"done_on": None},
        ),
    ],
    on_change=lambda before, after: rollups.changed(before=before, after=after),
    stamp_updated="updated_at",
)

SUPERVISION_FLOW = Workflow(
    model="governance.SupervisionItem",
    transitions=[
        Transition(
            "close",
            sources=[SupervisionState.OPEN],
            target=SupervisionState.CLOSED,
            event="governance.supervision_close",
            guard=_may_write,
            stamp=lambda actor: {"closed_on": timezone.localdate(), "closed_by": _user(actor)},
            refusal=gettext_lazy("Only an open item is closed."),
        ),
        Transition(
            "reopen",
            sources=[SupervisionState.CLOSED],
            target=SupervisionState.OPEN,
            event="governance.supervision_reopen",
            guard=_may_write,
            stamp=lambda actor: {"closed_on": None, "closed_by": None},
        ),
    ],
    on_change=lambda before, after: rollups.changed(before=before, after=after),
    stamp_updated="updated_at",
)


def _outcome(text: str, model, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({"outcome": [_("Say what came of it.")]})
    from jinguo.core.bounds import too_long

    msg = too_long(model, "outcome", text)
    if msg:
        raise ValidationError({"outcome": [msg]})
    return text


def agreement_complete(*, actor, agreement: Agreement, outcome: str = "") -> Agreement:
    """The agreement is kept: done today, with what came of it."""
    fields = {}
    if outcome:
        fields["outcome"] = _outcome(outcome, Agreement, required=False)
    return AGREEMENT_FLOW.apply(actor, agreement, "complete", **fields)


def agreement_reopen(*, actor, agreement: Agreement) -> Agreement:
    return AGREEMENT_FLOW.apply(actor, agreement, "reopen")


def supervision_close(*, actor, item: SupervisionItem, outcome: str) -> SupervisionItem:
    """Close a supervision item with its resolution."""
    return SUPERVISION_FLOW.apply(
        actor, item, "close", outcome=_outcome(outcome, SupervisionItem, required=True), detail={"outcome": outcome}
    )


def supervision_reopen(*, actor, item: SupervisionItem) -> SupervisionItem:
    """An item that comes back is opened again."""
    return SUPERVISION_FLOW.apply(actor, item, "reopen")
