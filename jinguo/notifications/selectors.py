"""Reading the inbox: a user sees only the notifications addressed to them."""

from django.db.models import QuerySet

from jinguo.core.models import Notification


def inbox(user, *, unread: bool = False, kind: str = "") -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_for_user(user, pk) -> Notification:
    """The user's own notification; anyone else's id answers 404 like an unknown one."""
    from django.http import Http404

    n = Notification.objects.filter(pk=pk, recipient=user).first() if str(pk).isdigit() else None
    if n is None:
        raise Http404
    return n
