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
            Seed(
                "volunteer.venue_activities",
                "jinguo.volunteer.demo:seed_venue_activities",
                after=["volunteer.service", "venues.venues"],
            ),
        ],
        events={
            "volunteer.categories_seed": _("Service categories seeded"),
            "volunteer.category_create": _("Service category added"),
            "volunteer.category_update": _("Service category changed"),
            "volunteer.team_create": _("Volunteer team set up"),
            "volunteer.team_update": _("Volunteer team changed"),
            "volunteer.member_add": _("Volunteer joined a team"),
            "volunteer.member_remove": _("Volunteer left a team"),
            "volunteer.register": _("Volunteer registered"),
            "volunteer.bulk_register": _("Volunteers registered in bulk"),
            "volunteer.update": _("Volunteer's details changed"),
            "volunteer.link_user": _("Volunteer linked to a login"),
            "volunteer.project_create": _("Volunteer project set up"),
            "volunteer.project_update": _("Volunteer project changed"),
            "volunteer.case_add": _("Person served added"),
            "volunteer.case_reveal": _("Person served shown in full"),
            "volunteer.activity_create": _("Volunteer activity planned"),
            "volunteer.shift_add": _("Shift added"),
            "volunteer.shift_cancel": _("Shift cancelled"),
            "volunteer.signup": _("Signed up for a shift"),
            "volunteer.signup_cancel": _("Shift sign-up cancelled"),
            "volunteer.checkin": _("Checked in"),
            "volunteer.checkout": _("Checked out"),
            "volunteer.approve": _("Service hours approved"),
            "volunteer.decline": _("Service hours declined"),
            "volunteer.backfill": _("Service hours entered afterwards"),
            "volunteer.backfill_bulk": _("Service hours entered afterwards in bulk"),
            "volunteer.records_bulk": _("Service records loaded in bulk"),
            "volunteer.milestone": _("Milestone of hours reached"),
            "volunteer.certificate": _("Service certificate issued"),
            "volunteer.apply": _("Asked to join a project"),
            "volunteer.application_decide": _("Request to join decided"),
            "volunteer.deed_create": _("Good deed pledged"),
            "volunteer.delivery": _("Good deed delivery recorded"),
            "volunteer.deed_done": _("Good deed done"),
        },
        bench="jinguo.volunteer.bench",
        home="jinguo.volunteer.views:home_cards",
        panels={"venues.venue": "jinguo.volunteer.views:venue_activities_panel"},
    )
)

MANAGE = MODULE.action("manage")
APPROVE = MODULE.action("approve")
SERVE = MODULE.action("serve")
HOURS = "volunteer.hours"  # the closed-period subject of service records
