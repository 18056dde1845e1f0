"""A record's history: who did what and when (its audit events, the changes in words) and the comments on it.

Every module's detail page includes `core/history.html` with `history(obj, user)`; commenting is
`comment_add(actor=…, obj=…, text=…)`, allowed to whoever may read the record, and audited.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.bounds import too_long
from jinguo.core.models import AuditEvent, Comment
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope


@dataclass
class Entry:
    at: object
    who: str
    what: str
    changes: list[tuple[str, str, str]]  # (field label, before, after)
    text: str = ""  # a comment's text, a reason


def _shown(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name", value.get("id", "")))
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    return "—" if value in (None, "") else str(value)


def changes_in_words(model, before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each value that differs, labelled by the model's verbose names."""
    old, new = audit.diff(before or {}, after or {})
    out = []
    for key in old:
        try:
            label = str(model._meta.get_field(key.removesuffix("_id")).verbose_name)
        except FieldDoesNotExist:
            label = key
        out.append((label, _shown(old[key]), _shown(new[key])))
    return out


def history(obj, user, *, limit: int = 100) -> list[Entry]:
    """The record's events and comments, oldest first, for a user who may read it."""
    object_type, object_id = obj._meta.label_lower, str(obj.pk)
    entries = []
    events = (
        AuditEvent.objects.filter(object_type=object_type, object_id=object_id)
        .exclude(event="comment.add")  # the comment itself is listed
        .order_by("-seq")[:limit]
    )
    for ev in events:
        detail = ev.detail or {}
        entries.append(
            Entry(
                at=ev.at,
                who=ev.actor_name or _("the platform"),
                what=str(audit.event_label(ev.event)),
                changes=changes_in_words(type(obj), detail.get("before"), detail.get("after"))
                if isinstance(detail.get("before"), dict)
                else [],
                text=str(detail.get("reason", "")),
            )
        )
    for c in Comment.objects.filter(object_type=object_type, object_id=object_id).select_related("author")[:limit]:
        entries.append(
            Entry(at=c.created_at, who=str(c.author or _("a former user")), what=_("Comment"), changes=[], text=c.text)
        )
    entries.sort(key=lambda e: e.at)
    return entries


def comment_add(*, actor, obj, text: str) -> Comment:
    """Remark on a record the actor may read; audited."""
    path = getattr(obj, "org_path", "")
    if not in_scope(actor, path, Perm.READ):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the comment first.")]})
    msg = too_long(Comment, "text", text)
    if msg:
        raise ValidationError({"text": [msg]})
    with transaction.atomic():
        c = Comment.objects.create(
            object_type=obj._meta.label_lower, object_id=str(obj.pk), org_path=path, author=actor, text=text
        )
        audit.record(actor, "comment.add", obj=obj, detail={"comment": c.pk})
    return c


def commentable(object_type: str) -> bool:
    from jinguo.core import modules

    return any(object_type == t for m in modules.modules() for t in m.comments)


def get_commentable_for_user(user, object_type: str, object_id):
    """The record a comment is posted on, if its type takes comments and the user may read it; else 404."""
    from django.apps import apps
    from django.http import Http404

    if not commentable(object_type) or not str(object_id).isdigit():
        raise Http404
    model = apps.get_model(object_type)
    obj = model.objects.filter(pk=object_id).first()
    if obj is None or not in_scope(user, getattr(obj, "org_path", ""), Perm.READ):
        raise Http404
    return obj
