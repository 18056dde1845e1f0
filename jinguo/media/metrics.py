"""Dashboard figures of the media matrix, kept as roll-ups (see jinguo.stats): posts published, cross-posting
tasks given and done (the completion rate per unit is done ÷ given), reads from the platforms' daily exports, and
guidance tasks done by commentators."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jinguo.media.models import PostState, TaskState
from jinguo.stats.registry import Metric, register

register(
    Metric(
        key="media.posts",
        label=_("Posts published"),
        model="media.Post",
        date_field="published_at",
        include=lambda p: p.state == PostState.PUBLISHED,
        include_q=Q(state=PostState.PUBLISHED),
        unit=_("posts"),
        order=70,
    )
)
register(
    Metric(
        key="media.tasks",
        label=_("Cross-posting tasks"),
        model="media.CrossPostTask",
        date_field="assigned_on",
        unit=_("tasks"),
        order=71,
    )
)
register(
    Metric(
        key="media.tasks_done",
        label=_("Cross-posting tasks done"),
        model="media.CrossPostTask",
        date_field="assigned_on",
        include=lambda t: t.state == TaskState.DONE,
        include_q=Q(state=TaskState.DONE),
        coverage=True,  # the units below whose accounts cross-posted in the period
        unit=_("tasks"),
        order=72,
    )
)
register(
    Metric(
        key="media.reads",
        label=_("Reads of the matrix"),
        model="media.DailyMetric",
        date_field="day",
        sum_field="reads",
        unit=_("reads"),
        order=73,
    )
)
register(
    Metric(
        key="media.guidance_done",
        label=_("Guidance tasks done by commentators"),
        model="media.GuidanceDone",
        date_field="done_on",
        unit=_("tasks"),
        order=74,
    )
)
