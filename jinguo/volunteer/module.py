"""Women's volunteer service (巾帼志愿服务): teams, volunteers, projects, shifts, hours, deeds."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="volunteer",
        title=_("Volunteer service"),
        urls="jinguo.volunteer.urls",
        public_urls=("v/", "jinguo.volunteer.urls_public"),
        nav=[
            NavItem("volunteer:teams", _("Volunteer service"), "users", order=80),
            NavItem("volunteer:mine", _("My service"), "qrcode", perm="volunteer.serve", order=81),
        ],
        api=[("/volunteer", "jinguo.volunteer.api:router")],
        loads=["jinguo.volunteer.lists", "jinguo.volunteer.metrics", "jinguo.volunteer.importers"],
        actions={
            "manage": _("Run volunteer teams, volunteers, projects and activities"),
            "approve": _("Approve the volunteer hours of the units below"),
            "serve": _("Sign up for shifts and check in as a volunteer"),
        },
        grants={
            Role.CADRE: ["manage", "approve"],
            Role.REVIEWER: ["approve"],
            Role.VOLUNTEER: ["serve"],
        },
        notices={
            "approve_request": NoticeKind(_("Volunteer hours wait for your approval")),
            "decided": NoticeKind(_("A decision on volunteer hours")),
            "application": NoticeKind(_("Someone asked to join a volunteer project")),
            "milestone": NoticeKind(_("A volunteer reached a milestone of hours")),
        },
        seeds=[
            Seed("volunteer.categories", "jinguo.volunteer.demo:seed_categories"),
            Seed(
                "volunteer.service",
                "jinguo.volunteer.demo:seed_service",
                after=["volunteer.categories", "people.people", "orgs.users"],
            ),
        ],
        bench="jinguo.volunteer.bench",
        home="jinguo.volunteer.views:home_cards",
    )
)

MANAGE = MODULE.action("manage")
APPROVE = MODULE.action("approve")
SERVE = MODULE.action("serve")
HOURS = "volunteer.hours"  # the closed-period subject of service records
