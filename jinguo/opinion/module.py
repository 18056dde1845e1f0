"""Public-opinion monitoring (舆情): ingest, analysis, graded alerts, incidents, briefings."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="opinion",
        title=_("Public opinion"),
        urls="jinguo.opinion.urls",
        nav=[
            NavItem("opinion:mentions", _("Public opinion"), "search", order=70),
            NavItem("opinion:alerts", _("Opinion alerts"), "alert-triangle", order=71),
        ],
        api=[
            ("/mentions", "jinguo.opinion.api:mentions_router"),
            ("/opinion", "jinguo.opinion.api:opinion_router"),
        ],
        loads=["jinguo.opinion.importers", "jinguo.opinion.metrics", "jinguo.opinion.lists", "jinguo.opinion.tasks"],
        notices={
            "alert": NoticeKind(_("A public-opinion alert for your unit"), mandatory=True),
            "incident": NoticeKind(_("An opinion incident reported to your unit")),
            "brief": NoticeKind(_("Your public-opinion brief")),
        },
        actions={
            "monitor": _("Configure opinion sources and rules, push and import mentions"),
            "respond": _("Acknowledge opinion alerts and handle incidents"),
        },
        grants={Role.CADRE: ["monitor", "respond"]},
        seeds=[Seed("opinion.mentions", "jinguo.opinion.demo:seed_opinion", after=["orgs.users"])],
        events={
            "opinion.source_create": _("Opinion source added"),
            "opinion.rule_create": _("Opinion rule added"),
            "opinion.ingest": _("Mentions taken in"),
            "opinion.mention_label": _("Mention's sentiment corrected"),
            "opinion.model_train": _("Sentiment model retrained"),
            "opinion.alert_raise": _("Opinion alert raised"),
            "opinion.alert_acknowledge": _("Opinion alert acknowledged"),
            "opinion.alert_close": _("Opinion alert closed"),
            "opinion.incident_open": _("Opinion incident opened"),
            "opinion.incident_report": _("Opinion incident judged"),
            "opinion.incident_respond": _("Opinion incident reported upward"),
            "opinion.incident_review": _("Opinion incident concluded and reviewed"),
            "opinion.incident_resolve": _("Response to an opinion incident recorded"),
            "opinion.brief_subscribe": _("Opinion brief subscription changed"),
            "opinion.brief_export": _("Opinion brief exported"),
            "opinion.briefs_send": _("Opinion briefs sent"),
        },
        bench="jinguo.opinion.bench",
        periodic=["jinguo.opinion.tasks:periodic_poll", "jinguo.opinion.tasks:periodic_briefs"],
    )
)

MONITOR = MODULE.action("monitor")
RESPOND = MODULE.action("respond")
ALERT = MODULE.notice("alert")
INCIDENT = MODULE.notice("incident")
BRIEF = MODULE.notice("brief")
