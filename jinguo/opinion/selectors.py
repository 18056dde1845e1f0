"""Reads of the opinion module, scoped to the acting user."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from jinguo.core.models import Notification
from jinguo.core.notify import ESCALATION
from jinguo.core.scope import get_for_user, scoped
from jinguo.opinion.models import Alert, AlertState, Incident, IncidentState, Mention, Rule, Sentiment, Source, Story


def source_list(user) -> QuerySet[Source]:
    return scoped(Source.objects.select_related("org"), user).order_by("org_path", "name")


def get_source_for_user(user, pk, *, write: bool = False) -> Source:
    return get_for_user(Source.objects.select_related("org"), user, pk, write=write)


def mention_list(user) -> QuerySet[Mention]:
    return scoped(Mention.objects.select_related("source", "org", "story"), user).order_by("-published_at", "-pk")


def get_mention_for_user(user, pk) -> Mention:
    return get_for_user(Mention.objects.select_related("source", "org", "story", "place"), user, pk)


def story_mentions(story: Story, user, limit: int = 50) -> QuerySet[Mention]:
    return scoped(story.items.select_related("source", "org"), user).order_by("published_at", "pk")[:limit]


def rule_list(user) -> QuerySet[Rule]:
    return scoped(Rule.objects.select_related("org"), user).order_by("org_path", "name")


def get_rule_for_user(user, pk, *, write: bool = False) -> Rule:
    return get_for_user(Rule.objects.select_related("org"), user, pk, write=write)


def alert_list(user) -> QuerySet[Alert]:
    return scoped(Alert.objects.select_related("org", "story", "rule"), user).order_by("-raised_at", "-pk")


def get_alert_for_user(user, pk) -> Alert:
    return get_for_user(Alert.objects.select_related("org", "story", "rule", "mention", "acknowledged_by"), user, pk)


def alert_escalations(alert: Alert) -> list[Notification]:
    """The escalations the inbox's sweep sent for an alert (to the level above), oldest first."""
    return list(
        Notification.objects.filter(object_type="opinion.alert", object_id=str(alert.pk), kind=ESCALATION)
        .order_by("created_at")
        .distinct()
    )


def incident_list(user) -> QuerySet[Incident]:
    return scoped(Incident.objects.select_related("org", "alert"), user).order_by("-opened_at", "-pk")


def get_incident_for_user(user, pk) -> Incident:
    return get_for_user(Incident.objects.select_related("org", "alert__story", "alert__rule", "created_by"), user, pk)


def media_posts(user, terms: list[str], since: datetime.datetime, until: datetime.datetime) -> list[dict]:
    """The platform's own posts and accounts that touched these terms in the window, and who approved them.

    The hook to the media matrix: `settings.OPINION_MEDIA_POSTS` names a function ("jinguo.media.selectors:
    posts_touching") taking (user, terms, since, until) and returning dicts with account, title, url, published_at
    and approved_by. Until the media module provides it, the incident page says that no post is linked."""
    dotted = getattr(settings, "OPINION_MEDIA_POSTS", "")
    if not dotted:
        return []
    from jinguo.core.modules import resolve

    finder: Callable = resolve(dotted)
    return list(finder(user, terms, since, until))


def brief(user, org, start: datetime.datetime, end: datetime.datetime) -> dict:
    """The figures of a brief for `org`'s subtree between start and end: volume, sentiment per day, top stories,
    places, open incidents (a fixed number of queries)."""
    mentions = scoped(
        Mention.objects.filter(org_path__startswith=org.path, published_at__gte=start, published_at__lt=end), user
    )
    by_sentiment = dict(mentions.values("sentiment").annotate(n=Count("pk")).values_list("sentiment", "n"))
    from django.db.models.functions import TruncDate

    days: dict[str, dict[str, int]] = {}
    for day, sentiment, n in (
        mentions.annotate(day=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "sentiment")
        .annotate(n=Count("pk"))
        .values_list("day", "sentiment", "n")
    ):
        days.setdefault(day.isoformat(), {s: 0 for s in Sentiment.values})[sentiment] = n
    top = list(
        mentions.values("story_id", "story__title", "story__sentiment")
        .annotate(n=Count("pk"), reach=Sum("reach"))
        .order_by("-n", "-reach")[:10]
    )
    places = list(
        mentions.exclude(place=None).values("place__name", "place__code").annotate(n=Count("pk")).order_by("-n")[:30]
    )
    open_incidents = list(
        scoped(Incident.objects.filter(org_path__startswith=org.path).exclude(state=IncidentState.REVIEWED), user)
        .select_related("org")
        .order_by("-opened_at")[:20]
    )
    alerts = dict(
        scoped(Alert.objects.filter(org_path__startswith=org.path, raised_at__gte=start, raised_at__lt=end), user)
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    texts = list(mentions.order_by("-reach").values_list("title", flat=True)[:2000])
    return {
        "total": sum(by_sentiment.values()),
        "sentiment": {s: by_sentiment.get(s, 0) for s in Sentiment.values},
        "days": dict(sorted(days.items())),
        "top": top,
        "places": places,
        "incidents": open_incidents,
        "alerts": alerts,
        "texts": texts,
        "open_alerts": scoped(Alert.objects.filter(org_path__startswith=org.path, state=AlertState.OPEN), user).count(),
    }


def unacknowledged(user) -> QuerySet[Alert]:
    return scoped(Alert.objects.filter(state=AlertState.OPEN), user).filter(Q(due_at__isnull=False))
