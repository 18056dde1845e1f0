"""Publicity venues (宣传阵地): venues of configurable kinds with photos and coordinates, yearly inspections, the
map layer of points, and the coverage of villages with a 妇女之家 in use."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="venues",
        title=_("Publicity venues"),
        urls="jinguo.venues.urls",
        nav=[NavItem("venues:venues", _("Publicity venues"), "map-pin", order=71)],
        api=[
            ("/venues", "jinguo.venues.api:venues_router"),
            ("/inspections", "jinguo.venues.api:inspections_router"),
        ],
        loads=["jinguo.venues.metrics", "jinguo.venues.lists", "jinguo.venues.importers"],
        actions={"inspect": _("Inspect the venues of the units below")},
        grants={Role.CADRE: ["inspect"], Role.REVIEWER: ["inspect"]},
        comments=["venues.venue"],
        events={
            "venues.kinds_seed": _("Venue kinds seeded"),
            "venues.kind_create": _("Venue kind added"),
            "venues.kind_update": _("Venue kind changed"),
            "venues.create": _("Venue added"),
            "venues.update": _("Venue changed"),
            "venues.delete": _("Venue removed"),
            "venues.photos": _("Venue photos added"),
            "venues.photo_delete": _("Venue photo removed"),
            "venues.inspect": _("Venue inspected"),
            "venues.inspection_delete": _("Inspection removed"),
            "venues.problem_fix": _("Problem fixed"),
            "import.venues": _("Venues imported"),
            "export.venues": _("Venues exported"),
            "export.inspections": _("Inspections exported"),
        },
        seeds=[
            Seed("venues.kinds", "jinguo.venues.demo:seed_kinds"),
            Seed("venues.venues", "jinguo.venues.demo:seed_venues", after=["venues.kinds", "people.people"]),
        ],
    )
)

INSPECT = MODULE.action("inspect")
