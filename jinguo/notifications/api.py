"""The inbox in the API: a caller reads and marks only their own notifications."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from jinguo.api.params import Error, Pagination, RecordId
from jinguo.core import notify as services
from jinguo.notifications import selectors as sel

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    due_at: datetime.datetime | None
    read: bool

    @staticmethod
    def resolve_read(obj) -> bool:
        return obj.read_at is not None


@router.get("", response=list[NotificationOut])
@paginate(Pagination)
def list_notifications(request, unread: bool = False):
    """The caller's notifications, newest first."""
    return sel.inbox(request.user, unread=unread)


@router.post("/{notification_id}/read", response={200: NotificationOut, 404: Error})
def read_notification(request, notification_id: int = RecordId):
    n = sel.get_notification_for_user(request.user, notification_id)
    services.mark_read(user=request.user, pk=n.pk)
    n.refresh_from_db()
    return n
