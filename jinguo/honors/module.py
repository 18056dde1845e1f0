"""Honours (选树宣推): programmes, quotas, nominations, the review chain, public notices, the honour registry."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="honors",
        title=_("Honours"),
        urls="jinguo.honors.urls",
        public_urls=("h/", "jinguo.honors.urls_public"),
        nav=[
            NavItem("honors:programmes", _("Honour programmes"), "trophy", order=60),
            NavItem("honors:nominations", _("Nominations"), "list", order=61),
            NavItem("honors:review", _("Nominations to review"), "check", perm="honors.score", order=62),
            NavItem("honors:honours", _("Honour registry"), "report", order=63),
            NavItem("honors:recommendations", _("Recommended upward"), "upload", perm="honors.manage", order=64),
        ],
        api=[
            ("/public/notices", "jinguo.honors.api:public_notices_router"),
            ("/honours", "jinguo.honors.api:honours_router"),
            ("/nominations", "jinguo.honors.api:nominations_router"),
            ("/recommendations", "jinguo.honors.api:recommendations_router"),
        ],
        loads=["jinguo.honors.metrics", "jinguo.honors.lists"],
        comments=["honors.nomination", "honors.honour"],
        home="jinguo.honors.views:home_cards",
        bench="jinguo.honors.bench",
        notices={
            "review_request": NoticeKind(_("A nomination waits for your review")),
            "decided": NoticeKind(_("A decision on your nomination")),
            "objection": NoticeKind(_("An objection to a public notice was assigned to you")),
            "application": NoticeKind(_("A social nomination waits for vetting")),
        },
        actions={
            "manage": _("Run honour programmes: quotas, notices, registry"),
            "nominate": _("Nominate candidates for honours"),
            "review": _("Review nominations of the units below"),
            "score": _("Score nominations as a judge"),
        },
        grants={
            Role.CADRE: ["manage", "nominate", "review", "score"],
            Role.REVIEWER: ["review", "score"],
        },
        seeds=[
            Seed("honors.titles", "jinguo.honors.demo:seed_titles"),
            Seed(
                "honors.cycle", "jinguo.honors.demo:seed_cycle", after=["honors.titles", "people.people", "orgs.users"]
            ),
            Seed("honors.registry", "jinguo.honors.demo:seed_registry", after=["honors.cycle"]),
        ],
    )
)

MANAGE = MODULE.action("manage")
NOMINATE = MODULE.action("nominate")
REVIEW = MODULE.action("review")
SCORE = MODULE.action("score")
