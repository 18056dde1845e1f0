"""Background work of the opinion module on the task worker (django-tasks): polling the feeds that are due."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from jinguo.core.actors import SYSTEM
from jinguo.opinion.models import Source, SourceKind

logger = logging.getLogger(__name__)


def due_sources(now=None):
    now = now or timezone.now()
    sources = Source.objects.filter(kind=SourceKind.FEED, active=True).exclude(url="")
    return [
        s for s in sources if s.polled_at is None or s.polled_at + datetime.timedelta(minutes=s.poll_minutes) <= now
    ]


def poll(source_id: int) -> dict:
    from jinguo.opinion import services

    source = Source.objects.select_related("org").get(pk=source_id)
    try:
        return services.source_poll(actor=SYSTEM, source=source)
    except Exception:  # noqa: BLE001 - a broken feed must not stop the others
        logger.exception("polling source %s failed", source_id)
        Source.objects.filter(pk=source_id).update(polled_at=timezone.now(), poll_status="internal error")
        return {"status": "error", "created": 0}


@task()
def poll_source(source_id: int) -> None:
    poll(source_id)


@task()
def poll_due() -> None:
    """Queue a poll of every feed that is due (the `jinguo opinion poll` command and the scheduler call this)."""
    for s in due_sources():
        poll_source.enqueue(s.pk)


def periodic_poll() -> str:
    """`jinguo periodic`: queue a poll of every feed that is due on the task worker."""
    due = list(due_sources())
    for s in due:
        poll_source.enqueue(s.pk)
    return f"{len(due)} feeds queued"


def periodic_briefs() -> str:
    """`jinguo periodic`: tell the subscribers whose brief is due (idempotent within a day)."""
    from jinguo.core.actors import SYSTEM
    from jinguo.opinion.services import briefs_send

    return f"{briefs_send(actor=SYSTEM)} briefs sent"
