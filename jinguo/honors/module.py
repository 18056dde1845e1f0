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
        events={
            "honors.titles_seed": _("Honour titles seeded"),
            "honors.title_create": _("Honour title added"),
            "honors.programme_create": _("Honour programme opened"),
            "honors.programme_update": _("Honour programme changed"),
            "honors.quota_allocate": _("Quota allocated"),
            "honors.nomination_create": _("Nomination made"),
            "honors.nomination_submit": _("Nomination submitted"),
            "honors.nomination_vet": _("Vetted by the county"),
            "honors.nomination_notice_passed": _("The county's notice passed"),
            "honors.nomination_advance": _("Advanced to the next review"),
            "honors.nomination_approve": _("Approved"),
            "honors.nomination_not_advance": _("Did not advance"),
            "honors.nomination_objection_upheld": _("Stopped by an upheld objection"),
            "honors.nomination_score": _("Scored by a judge"),
            "honors.consent_record": _("Nominee's consent recorded"),
            "honors.attachment_add": _("Supporting file added"),
            "honors.attachment_remove": _("Supporting file removed"),
            "honors.attachment_read": _("Supporting file opened"),
            "honors.notice_schedule": _("Public notice scheduled"),
            "honors.notice_close": _("Public notice closed"),
            "honors.objection_submit": _("Objection received"),
            "honors.objection_assign": _("Objection assigned"),
            "honors.objection_investigate": _("Objection under investigation"),
            "honors.objection_conclude": _("Objection concluded"),
            "honors.objection_reveal": _("Objector's contact shown in full"),
            "honors.holiday_year_enter": _("Holidays of a year entered"),
            "honors.holiday_year_update": _("Holidays of a year corrected"),
            "honors.application_submit": _("Social nomination received"),
            "honors.application_accept": _("Social nomination taken up"),
            "honors.application_reject": _("Social nomination not taken up"),
            "honors.honour_award": _("Honour entered in the registry"),
            "honors.honour_bulk_create": _("Honours entered in the registry"),
            "honors.honour_revoke": _("Honour revoked"),
            "honors.certificate": _("Certificate downloaded"),
            "honors.publicity_add": _("Publicity recorded"),
            "honors.story_add": _("Family story kept"),
            "honors.story_consent": _("Family's consent recorded"),
            "honors.recommend": _("Recommended upward"),
            "honors.recommendation_outcome": _("Outcome from the level above recorded"),
            "export.nominations": _("Nominations exported"),
            "export.honours": _("Honour registry exported"),
            "export.recommendations": _("National recommendation form exported"),
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
