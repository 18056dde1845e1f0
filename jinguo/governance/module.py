"""Village micro-governance (微治理, 五原县 "1+1+1"): the five micro-lines recorded per village, two of them on
workflows, their coverage of villages, and the overview of a county's villages side by side."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register

MODULE = register(
    Module(
        label="governance",
        title=_("Village micro-governance"),
        urls="jinguo.governance.urls",
        nav=[NavItem("governance:overview", _("Micro-governance"), "users", order=72)],
        api=[("/governance", "jinguo.governance.api:router")],
        loads=["jinguo.governance.metrics", "jinguo.governance.lists", "jinguo.governance.importers"],
        comments=["governance.supervisionitem", "governance.agreement"],
        events={
            "governance.orgs_create": _("Micro-organisation set up"),
            "governance.orgs_update": _("Micro-organisation changed"),
            "governance.orgs_delete": _("Micro-organisation removed"),
            "governance.services_create": _("Micro-service recorded"),
            "governance.services_update": _("Micro-service changed"),
            "governance.services_delete": _("Micro-service removed"),
            "governance.education_create": _("Micro-education session recorded"),
            "governance.education_update": _("Micro-education session changed"),
            "governance.education_delete": _("Micro-education session removed"),
            "governance.agreements_create": _("Household agreement recorded"),
            "governance.agreements_update": _("Household agreement changed"),
            "governance.agreements_delete": _("Household agreement removed"),
            "governance.agreement_done": _("Household agreement done"),
            "governance.agreement_reopen": _("Household agreement reopened"),
            "governance.supervision_create": _("Supervision item raised"),
            "governance.supervision_update": _("Supervision item changed"),
            "governance.supervision_delete": _("Supervision item removed"),
            "governance.supervision_close": _("Supervision item closed"),
            "governance.supervision_reopen": _("Supervision item reopened"),
            **{
                f"import.governance_{k}": _("Micro-governance records imported")
                for k in ("orgs", "services", "education", "agreements", "supervision")
            },
            **{
                f"export.governance_{k}": _("Micro-governance records exported")
                for k in ("orgs", "services", "education", "agreements", "supervision")
            },
        },
        seeds=[
            Seed(
                "governance.wuyuan",
                "jinguo.governance.demo:seed_wuyuan",
                after=["orgs.article_places", "people.people"],
            )
        ],
    )
)
