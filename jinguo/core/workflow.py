"""One workflow engine: a record type declares its states and transitions once; `apply` runs a transition.

    LECTURE_FLOW = Workflow(
        model="outreach.Lecture",
        transitions=[
            Transition("verify", sources=["held"], target="verified", event="lecture.verify",
                       not_own=True, guard=_may_verify, stamp=lambda actor: {"verified_by": actor, …},
                       notify=_tell_the_recorder),
        ],
        on_change=rollups.changed,          # the roll-up delta of the state change
    )
    LECTURE_FLOW.apply(actor, lecture, "verify")

`apply` does, in one transaction: the guard (who, at which level, never on their own record), one
conditional UPDATE (`filter(pk=…, state__in=sources).update(state=target)` — of two concurrent deciders
exactly one wins, the other is told who decided), the audit event, the roll-up delta and the notification.
django-fsm-2's ConcurrentTransitionMixin gives the conditional UPDATE but neither the audit, the roll-up delta
nor the notices in the same transaction, so the engine is our own and small.
"""

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.paths import TOP_LEVEL, ancestors_or_self, level_of, parent_path, reporting_path


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    event: str  # the audit event it records
    guard: Callable | None = None  # guard(actor, obj) raises PermissionDenied or ValidationError
    not_own: bool = False  # nobody decides on a record they created themselves
    stamp: Callable | None = None  # stamp(actor) -> extra fields written with the state (decided_by, …)
    notify: Callable | None = None  # notify(actor, obj, fields) after the write, inside the transaction
    label: str = ""
    refusal: object = ""  # what to say when the record is not yet in a source state (a lazy translation)

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(self.sources))


@dataclass
class Workflow:
    model: str  # "outreach.Lecture"
    transitions: Iterable[Transition]
    field: str = "state"
    owner_field: str = "created_by"  # whose record it is (not_own)
    on_change: Callable | None = None  # on_change(before=…, after=…): roll-up deltas
    stamp_updated: str | None = None  # a timestamp field to set on every transition ("updated_at")
    by_name: dict[str, Transition] = dc_field(init=False)

    def __post_init__(self):
        self.by_name = {t.name: t for t in self.transitions}

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def allowed(self, obj, name: str) -> bool:
        """Whether `name` can run from the record's state (for showing a button; `apply` checks everything)."""
        t = self.by_name.get(name)
        return t is not None and getattr(obj, self.field) in t.sources

    def targets(self) -> dict[str, set[str]]:
        """State → states reachable in one transition (for the state-machine tests and the docs)."""
        out: dict[str, set[str]] = {}
        for t in self.by_name.values():
            for s in t.sources:
                out.setdefault(s, set()).add(t.target)
        return out

    def apply(self, actor, obj, name: str, *, detail: dict | None = None, **fields):
        """Run transition `name` on `obj` for `actor`; returns `obj` in its new state."""
        t = self.by_name[name]
        with transaction.atomic():
            if t.not_own:
                owner = getattr(obj, f"{self.owner_field}_id", None)
                if owner is not None and owner == getattr(actor, "pk", None):
                    raise PermissionDenied(_("Nobody decides on a record they made themselves."))
            if t.guard is not None:
                t.guard(actor, obj)
            current = getattr(obj, self.field)
            if current not in t.sources:
                if current == t.target or current in self._after(t.target):
                    raise ValidationError(self._refusal(obj, current))
                raise ValidationError(str(t.refusal) or self._refusal(obj, current, decided=False))
            changes = dict(fields)
            if t.stamp is not None:
                changes.update(t.stamp(actor))
            if self.stamp_updated:
                from django.utils import timezone

                changes[self.stamp_updated] = timezone.now()
            model = self.model_class()
            # Only from the state the decider saw: a stale decision never lands on a later state that happens
            # to be another source of the same transition (not_advance from any stage).
            if not _conditional_update(model, obj.pk, self.field, [current], t.target, changes):
                fresh = model.objects.filter(pk=obj.pk).values_list(self.field, flat=True).first()
                raise ValidationError(self._refusal(obj, fresh))
            before = copy.copy(obj)
            setattr(obj, self.field, t.target)
            for k, v in changes.items():
                setattr(obj, k, v)
            if self.on_change is not None:
                self.on_change(before=before, after=obj)
            audit.record(actor, t.event, obj=obj, detail={"from": current, "to": t.target, **(detail or {})})
            if t.notify is not None:
                t.notify(actor, obj, changes)
        return obj

    def _after(self, state: str) -> set[str]:
        """Every state reachable from `state`."""
        graph, seen, todo = self.targets(), set(), [state]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def _refusal(self, obj, state, *, decided: bool = True) -> str:
        """Who decided first, from the audit log, when someone did; otherwise what state the record is in."""
        from jinguo.core.models import AuditEvent

        labels = dict(obj._meta.get_field(self.field).choices or [])
        state_label = str(labels.get(state, state))
        if not decided:
            return _("This cannot be done while the record is “%(state)s”.") % {"state": state_label}

        last = (
            AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
            .exclude(actor_name="")
            .order_by("-seq")
            .values_list("actor_name", flat=True)
            .first()
        )
        if last:
            return _("Already decided by %(who)s: the record is now “%(state)s”. Reload it to see.") % {
                "who": last,
                "state": state_label,
            }
        return _("This cannot be done while the record is “%(state)s”.") % {"state": state_label}


def transition(
    model: type[models.Model], pk, *, source: str | list[str], target: str, field: str = "state", **changes
) -> bool:
    """Move row `pk` from `source` to `target` without a decider (a worker claiming a job); True for the winner.

    The same conditional UPDATE `Workflow.apply` runs; for machine steps that no person decides and nobody
    audits one by one (a worker picking up an import job).
    """
    sources = [source] if isinstance(source, str) else list(source)
    return _conditional_update(model, pk, field, sources, target, changes)


def _conditional_update(model, pk, field: str, sources, target: str, changes: dict) -> bool:
    """`filter(pk=…, state__in=sources).update(state=target)`: atomic on SQLite and PostgreSQL alike, so of two
    concurrent callers exactly one matches the row and the other updates nothing."""
    return model.objects.filter(pk=pk, **{f"{field}__in": list(sources)}).update(**{field: target}, **changes) == 1


# --- reporting lines: who checks a record -------------------------------------------------------------------


def checker_path(path: str) -> str:
    """The unit that checks a record of `path`: the level above its reporting unit; the region checks itself."""
    rp = reporting_path(path)
    return parent_path(rp) or rp


def may_check(user, path: str, action: str) -> bool:
    """Whether `user` holds `action` at a unit above the record's reporting unit (the region for itself)."""
    from jinguo.core.scope import scope_paths

    rp = reporting_path(path)
    return any(rp.startswith(p) and (len(p) < len(rp) or level_of(rp) == TOP_LEVEL) for p in scope_paths(user, action))


# --- closed periods: a month the checking level has closed, for one kind of record ---------------------------


def closed_period(subject: str, path: str, day):
    """The closed month covering a record of `subject` at `path` on `day` (its unit's or an ancestor's), or None."""
    from jinguo.core.models import ClosedPeriod

    if day is None:
        return None
    return (
        ClosedPeriod.objects.select_related("org")
        .filter(subject=subject, month=day.replace(day=1), org_path__in=ancestors_or_self(path))
        .first()
    )


def closed_periods(subject: str, days) -> Callable:
    """`closed_period` for many records at once (an import): the closed months of `subject` among the months of
    `days`, read in one query; returns `(path, day) → the closed month covering it, or None`."""
    from jinguo.core.models import ClosedPeriod

    months = {d.replace(day=1) for d in days if d is not None}
    found: dict = {}
    if months:
        for period in ClosedPeriod.objects.select_related("org").filter(subject=subject, month__in=sorted(months)):
            found.setdefault((period.month, period.org_path), period)

    def lookup(path: str, day):
        if day is None or not found:
            return None
        month = day.replace(day=1)
        return next((p for a in ancestors_or_self(path) if (p := found.get((month, a))) is not None), None)

    return lookup


def require_open(subject: str, path: str, day, *, field: str = "date") -> None:
    """Refuse a change to a record dated in a closed month, naming the month and the unit that closed it."""
    period = closed_period(subject, path, day)
    if period is not None:
        raise ValidationError(
            {
                field: [
                    _(
                        "%(month)s of %(unit)s has been checked by the level above and is closed: "
                        "nothing dated in it can be recorded or changed."
                    )
                    % {"month": period.month.strftime("%Y-%m"), "unit": period.org.name}
                ]
            }
        )


def period_close(*, actor, subject: str, org, month, action: str, settle: Callable | None = None):
    """The checking level closes a unit's month for `subject`; `settle(actor, org, month)` decides what is
    still open (verifies held lectures …) and returns how many. Audited; one transaction."""
    import datetime

    from django.utils import timezone

    from jinguo.core.models import ClosedPeriod

    if not may_check(actor, org.path, action):
        raise PermissionDenied(_("A unit's month is checked and closed by the level above it."))
    month = month.replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    if next_month > timezone.localdate():
        raise ValidationError({"month": [_("A month can be closed only after it has ended.")]})
    with transaction.atomic():
        existing = closed_period(subject, org.path, month)
        if existing is not None:
            raise ValidationError(
                {
                    "month": [
                        _("%(month)s of %(unit)s is already closed.")
                        % {"month": month.strftime("%Y-%m"), "unit": existing.org.name}
                    ]
                }
            )
        n = settle(actor, org, month) if settle is not None else 0
        period = ClosedPeriod.objects.create(
            subject=subject,
            org=org,
            org_path=org.path,
            month=month,
            closed_by=actor if getattr(actor, "pk", None) else None,
            closed_from=checker_path(org.path),
            settled=n,
        )
        audit.record(
            actor, "period.close", obj=period, detail={"subject": subject, "month": f"{month:%Y-%m}", "settled": n}
        )
    return period


def period_reopen(*, actor, period, action: str) -> None:
    """Open a closed month again (the checking level only); audited."""
    if not may_check(actor, period.org_path, action):
        raise PermissionDenied(_("A unit's month is checked and closed by the level above it."))
    with transaction.atomic():
        gone, month, subject = audit.identity(period), period.month, period.subject
        period.delete()
        audit.record(actor, "period.reopen", **gone, detail={"subject": subject, "month": f"{month:%Y-%m}"})
