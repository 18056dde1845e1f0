"""The opinion lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.xlsx import Column
from jinguo.opinion import selectors as sel
from jinguo.opinion.importers import columns as import_columns
from jinguo.opinion.models import AlertState, IncidentState, Level, Sentiment

SENTIMENT_BADGE = {"neg": "bg-red-lt", "neu": "bg-secondary-lt", "pos": "bg-green-lt"}
LEVEL_BADGE = {
    "red": "bg-red text-white",
    "orange": "bg-orange text-white",
    "yellow": "bg-yellow",
    "blue": "bg-blue text-white",
}


class MentionFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="title", lookup_expr="contains", label=_("Title"))
    sentiment = df.ChoiceFilter(choices=Sentiment.choices, empty_label=_("Any sentiment"), label=_("Sentiment"))
    period = lists.PeriodFilter(field_name="published_at__date")


def _mention_export(user):
    return import_columns() + [
        Column("sentiment", _("Sentiment"), required=False, format=lambda m: str(m.get_sentiment_display())),
        Column("score", _("Negativity"), required=False, format=lambda m: m.score),
        Column("unit", _("Org unit"), required=False, format=lambda m: m.org.name),
        Column("topics", _("Topics"), required=False, format=lambda m: "、".join(m.topics or [])),
        Column("story", _("Story"), required=False, format=lambda m: m.story_id or ""),
    ]


MENTIONS = lists.register(
    lists.ListSpec(
        name="mentions",
        title=_("Mentions"),
        select=lambda user: sel.mention_list(user),
        filters=MentionFilters,
        columns=[
            lists.ListColumn(_("Title"), lists.link("opinion:mention", "title", lambda m: m.source.name)),
            lists.ListColumn(
                _("Published"), lambda m: timezone.localtime(m.published_at).strftime("%Y-%m-%d %H:%M"), lists.HIDE_SM
            ),
            lists.ListColumn(
                _("Sentiment"), lists.badge(lambda m: m.get_sentiment_display(), lambda m: SENTIMENT_BADGE[m.sentiment])
            ),
            lists.ListColumn(_("Reach"), lambda m: f"{m.reach:,}", lists.HIDE_SM),
            lists.ListColumn(_("Org unit"), lambda m: m.org.name, lists.HIDE_MD),
            lists.ListColumn(
                _("Story"),
                lambda m: format_html("{} · {}", m.story.mentions, m.story.title[:20]) if m.story_id else "",
                lists.HIDE_MD,
            ),
        ],
        url_name="opinion:mentions",
        export_url_name="opinion:mentions_export",
        export=_mention_export,
        filename="舆情信息",
        empty=_("No mention matches."),
        testid="mention-table",
        template="opinion/mention_list.html",
    )
)


class AlertFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    level = df.ChoiceFilter(choices=Level.choices, empty_label=_("Any level"), label=_("Level"))
    state = df.ChoiceFilter(choices=AlertState.choices, empty_label=_("Any state"), label=_("State"))


def _alert_export(user):
    return [
        Column("level", _("Level"), format=lambda a: str(a.get_level_display())),
        Column("title", _("Story"), format=lambda a: a.story.title),
        Column("unit", _("Org unit"), format=lambda a: a.org.name),
        Column("rule", _("Rule"), format=lambda a: a.rule.name),
        Column("reason", _("Why"), format=lambda a: a.reason),
        Column("raised", _("Raised"), format=lambda a: timezone.localtime(a.raised_at).replace(tzinfo=None)),
        Column("due", _("Acknowledge by"), format=lambda a: timezone.localtime(a.due_at).replace(tzinfo=None)),
        Column("state", _("State"), format=lambda a: str(a.get_state_display())),
    ]


ALERTS = lists.register(
    lists.ListSpec(
        name="alerts",
        title=_("Opinion alerts"),
        select=lambda user: sel.alert_list(user),
        filters=AlertFilters,
        columns=[
            lists.ListColumn(_("Level"), lists.badge(lambda a: a.get_level_display(), lambda a: LEVEL_BADGE[a.level])),
            lists.ListColumn(_("Story"), lists.link("opinion:alert", "reason", lambda a: a.story.title)),
            lists.ListColumn(_("Org unit"), lambda a: a.org.name, lists.HIDE_SM),
            lists.ListColumn(
                _("Acknowledge by"), lambda a: timezone.localtime(a.due_at).strftime("%m-%d %H:%M"), lists.HIDE_MD
            ),
            lists.ListColumn(_("State"), lambda a: a.get_state_display()),
        ],
        url_name="opinion:alerts",
        export_url_name="opinion:alerts_export",
        export=_alert_export,
        filename="舆情预警",
        empty=_("No alert matches."),
        testid="alert-table",
    )
)


class IncidentFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    state = df.ChoiceFilter(choices=IncidentState.choices, empty_label=_("Any state"), label=_("State"))


# Not registered: a page only for now (no export nor API list; core/tests/test_lists.py checks registered lists).
INCIDENTS = lists.ListSpec(
    name="incidents",
    title=_("Opinion incidents"),
    select=lambda user: sel.incident_list(user),
    filters=IncidentFilters,
    columns=[
        lists.ListColumn(_("Title"), lists.link("opinion:incident", "title")),
        lists.ListColumn(_("Org unit"), lambda i: i.org.name, lists.HIDE_SM),
        lists.ListColumn(_("State"), lambda i: i.get_state_display()),
        lists.ListColumn(
            _("This step due"), lambda i: timezone.localtime(i.step_due_at).strftime("%m-%d %H:%M"), lists.HIDE_MD
        ),
        lists.ListColumn(_("Steps done late"), lambda i: i.late_steps, lists.HIDE_MD),
    ],
    url_name="opinion:incidents",
    empty=_("No incident matches."),
    testid="incident-table",
)
