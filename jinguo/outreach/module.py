"""Lecture teams, lectures and talk sessions, check-in and coverage."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="outreach",
        title=_("Outreach"),
        urls="jinguo.outreach.urls",
        public_urls=("c/", "jinguo.outreach.urls_public"),
        nav=[
            NavItem("outreach:teams", _("Lecture teams"), "users", order=50),
            NavItem("outreach:lectures", _("Lectures"), "language", order=51),
            NavItem("outreach:coverage", _("Coverage"), "map-pin", order=52),
        ],
        api=[
            ("/teams", "jinguo.outreach.api:teams_router"),
            ("/lectures", "jinguo.outreach.api:lectures_router"),
            ("/coverage", "jinguo.outreach.api:coverage_router"),
        ],
        loads=["jinguo.outreach.importers", "jinguo.outreach.lists", "jinguo.outreach.metrics"],
        notices={
            "verify_request": NoticeKind(_("A held lecture waits for your verification")),
            "verified": NoticeKind(_("Your lecture was verified")),
            "returned": NoticeKind(_("Your lecture was sent back for correction")),
        },
        comments=["outreach.lecture"],
        home="jinguo.outreach.views:home_cards",
        panels={"venues.venue": "jinguo.outreach.views:venue_lectures_panel"},
        actions={"verify": _("Verify the lectures of the units below")},
        grants={Role.CADRE: ["verify"], Role.REVIEWER: ["verify"]},
        seeds=[
            Seed("outreach.lookups", "jinguo.outreach.demo:seed_lookups"),
            Seed("outreach.teams", "jinguo.outreach.demo:seed_teams", after=["outreach.lookups", "people.people"]),
            Seed(
                "outreach.lectures",
                "jinguo.outreach.demo:seed_lectures",
                after=["outreach.teams", "planning.themes", "orgs.users"],
            ),
            Seed(
                "outreach.venue_lectures",
                "jinguo.outreach.demo:seed_venue_lectures",
                after=["outreach.lectures", "venues.venues"],
            ),
        ],
        bench="jinguo.outreach.bench",
    )
)

VERIFY = MODULE.action("verify")  # "outreach.verify": who may verify lectures at the level above
