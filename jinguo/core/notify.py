"""Sending, reading and chasing notifications: the one inbox every module's reminders go through.

`notify(...)` picks its recipients once — given users, or the holders of a permission at a unit — and stores one
row per recipient, so a later change of roles does not rewrite who was told. Delivery beyond the inbox follows
each user's preference per kind (at once, daily digest, off); a mandatory kind cannot be turned off.
A notice with a due date is chased by `sweep()`: a reminder before it, an escalation to the same permission one
level up after it, until the work it asks for is resolved (`resolve(obj)`).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core import modules
from jinguo.core.models import DigestState, Membership, NoticePreference, Notification, User
from jinguo.core.models import NoticeMode as Mode
from jinguo.core.notify_channels import active_channels
from jinguo.core.paths import parent_path
from jinguo.core.roles import ROLE_PERMS

REMINDER = "notifications.reminder"
ESCALATION = "notifications.escalation"


def holders(org_path: str, perm: str) -> list[User]:
    """Active users holding `perm` through a membership at exactly the unit `org_path`."""
    roles = [role for role, perms in ROLE_PERMS.items() if perm in perms]
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(org__path=org_path, role__in=roles).values("user_id"),
        ).order_by("pk")
    )


def _object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _mode(user, kind: str) -> str:
    kinds = modules.notice_kinds()
    pref = NoticePreference.objects.filter(user=user, kind=kind).values_list("mode", flat=True).first()
    mode = pref or Mode.IMMEDIATE
    if mode == Mode.OFF and kinds.get(kind) is not None and kinds[kind].mandatory:
        return Mode.IMMEDIATE
    return mode


def _deliver(rows: list[Notification]) -> None:
    """After commit: send the immediate ones through every active channel."""
    channels = active_channels()
    if not channels:
        return
    sent = []
    for n in rows:
        if _mode(n.recipient, n.kind) != Mode.IMMEDIATE:
            continue
        text = f"{n.body}\n\n{n.url}" if n.url else n.body
        if any([c.send(n.recipient, n.title, text) for c in channels]):
            sent.append(n.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(sent_at=timezone.now())


def notify(
    *,
    kind: str,
    title: str,
    body: str = "",
    obj=None,
    url: str = "",
    recipients: Iterable[User] | None = None,
    unit: str | None = None,
    perm: str = "",
    due: datetime.datetime | None = None,
    exclude: Iterable[int] = (),
    ref: tuple[str, str] | None = None,
) -> list[Notification]:
    """Tell `recipients`, or the holders of `perm` at the unit with path `unit`; returns the stored rows.

    Users listed in `exclude` (the actor themself) are left out. Users preferring "off" still get the inbox row;
    the preference governs e-mail and SMS only.
    """
    people = list(recipients) if recipients is not None else (holders(unit, perm) if unit else [])
    skip = set(exclude)
    seen: set[int] = set()
    object_type, object_id = ref or _object_ref(obj)
    rows = []
    for user in people:
        if user is None or user.pk in skip or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                title=title[:200],
                body=body[:1000],
                url=url[:300],
                object_type=object_type,
                object_id=object_id,
                org_path=unit or getattr(obj, "org_path", "") or "",
                perm=perm,
                due_at=due,
            )
        )
    Notification.objects.bulk_create(rows)
    saved = list(
        Notification.objects.filter(
            kind=kind, object_type=object_type, object_id=object_id, recipient_id__in=seen
        ).select_related("recipient")
    )
    transaction.on_commit(lambda: _deliver(saved))
    return rows


def tell_recorder(*, actor, obj, kind: str, title: str, url: str, body: str = "", resolves=None) -> None:
    """A decision on `obj` is made: its open requests (`resolves`: kinds, or all when None) end, and whoever
    recorded it (`created_by`) is told, unless they decided it themselves."""
    resolve(obj, kinds=resolves)
    owner = getattr(obj, "created_by", None) if getattr(obj, "created_by_id", None) else None
    if owner is not None:
        notify(
            kind=kind,
            title=title,
            body=body,
            obj=obj,
            url=url,
            recipients=[owner],
            exclude=[getattr(actor, "pk", None)],
        )


def resolve(obj, *, kinds: Iterable[str] | None = None) -> int:
    """The work the notices about `obj` asked for is done: no more reminders or escalations for them."""
    object_type, object_id = _object_ref(obj)
    qs = Notification.objects.filter(object_type=object_type, object_id=object_id, resolved_at__isnull=True)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.update(resolved_at=timezone.now())


def mark_read(*, user, pk) -> bool:
    """Mark one of the user's own notifications read; another user's id changes nothing."""
    return bool(Notification.objects.filter(pk=pk, recipient=user, read_at__isnull=True).update(read_at=timezone.now()))


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_set(*, user, kind: str, mode: str) -> None:
    kinds = modules.notice_kinds()
    if kind not in kinds or mode not in Mode.values:
        raise ValueError("unknown kind or mode")
    if kinds[kind].mandatory and mode == Mode.OFF:
        mode = Mode.IMMEDIATE
    NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def sweep(now: datetime.datetime | None = None) -> dict:
    """Remind before a due date, escalate one level up after it, send the daily digests. Idempotent."""
    now = now or timezone.now()
    remind_before = datetime.timedelta(hours=getattr(settings, "NOTIFY_REMIND_HOURS", 24))
    reminded = escalated = 0
    open_due = Notification.objects.filter(resolved_at__isnull=True, due_at__isnull=False).exclude(
        kind__in=[REMINDER, ESCALATION]
    )
    # Reminders: each recipient once, in the window before the due date.
    for n in open_due.filter(reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + remind_before).select_related(
        "recipient"
    ):
        with transaction.atomic():
            if Notification.objects.filter(pk=n.pk, reminded_at__isnull=True).update(reminded_at=now) != 1:
                continue
            notify(
                kind=REMINDER,
                title=_("Due soon: %(title)s") % {"title": n.title},
                body=_("Due %(due)s.") % {"due": timezone.localtime(n.due_at).strftime("%Y-%m-%d %H:%M")},
                url=n.url,
                recipients=[n.recipient],
            )
            reminded += 1
    # Escalation: once per object, kind and unit, to the holders of the same permission one level up.
    groups = (
        open_due.filter(escalated_at__isnull=True, due_at__lte=now)
        .values("object_type", "object_id", "kind", "org_path", "perm", "title", "url")
        .distinct()
    )
    for g in list(groups):
        with transaction.atomic():
            same = Q(object_type=g["object_type"], object_id=g["object_id"], kind=g["kind"], org_path=g["org_path"])
            if not Notification.objects.filter(same, escalated_at__isnull=True).update(escalated_at=now):
                continue
            above = parent_path(g["org_path"]) if g["org_path"] else None
            if above is None or not g["perm"]:
                continue
            notify(
                kind=ESCALATION,
                title=_("Overdue below you: %(title)s") % {"title": g["title"]},
                body=_("The unit responsible did not act by the due date; the level above is told."),
                url=g["url"],
                unit=above,
                perm=g["perm"],
                ref=(g["object_type"], g["object_id"]),
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated, "digests": send_digests(now)}


def send_digests(now: datetime.datetime | None = None) -> int:
    """One e-mail a day per user with the unread notices of kinds they want as a digest."""
    now = now or timezone.now()
    channels = active_channels()
    if not channels:
        return 0
    since = now - datetime.timedelta(days=1)
    digest_kinds = NoticePreference.objects.filter(mode=Mode.DIGEST).values_list("user_id", "kind")
    by_user: dict[int, set[str]] = {}
    for uid, kind in digest_kinds:
        by_user.setdefault(uid, set()).add(kind)
    sent = 0
    for uid, kinds in by_user.items():
        state, _created = DigestState.objects.get_or_create(user_id=uid)
        if state.last_sent_at and state.last_sent_at > since:
            continue
        rows = list(
            Notification.objects.filter(
                recipient_id=uid, kind__in=kinds, read_at__isnull=True, sent_at__isnull=True
            ).select_related("recipient")[:100]
        )
        if not rows:
            continue
        text = "\n".join(f"- {n.title}" for n in rows)
        if any(
            [
                c.send(rows[0].recipient, _("Your daily digest: %(n)s notices") % {"n": len(rows)}, text)
                for c in channels
            ]
        ):
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(sent_at=now)
            DigestState.objects.filter(pk=state.pk).update(last_sent_at=now)
            sent += 1
    return sent
