"""The lecture contest (理论宣讲大赛): rounds, entries, judges, public results."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register

register(
    Module(
        label="contest",
        title=_("Lecture contest"),
        urls="jinguo.contest.urls",
        nav=[NavItem("contest:list", _("Lecture contest"), "check", order=80)],
        notices={"round_open": NoticeKind(_("A round you judge is open"))},
        seeds=[Seed("contest.contest", "jinguo.contest.demo:seed_contest", after=["orgs.users", "outreach.teams"])],
    )
)
