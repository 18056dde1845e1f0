"""Joint study (联学联讲): sessions, attendance, learning records."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register

register(
    Module(
        label="study",
        title=_("Joint study"),
        urls="jinguo.study.urls",
        nav=[NavItem("study:sessions", _("Joint study"), "file-spreadsheet", order=70)],
        api=[("/study-sessions", "jinguo.study.api:router")],
        loads=["jinguo.study.lists", "jinguo.study.metrics"],
        bench="jinguo.study.bench",
        seeds=[Seed("study.sessions", "jinguo.study.demo:seed_sessions", after=["planning.themes", "people.people"])],
    )
)
