"""The module manifest: a module is a folder with a module.py plus one line in INSTALLED_APPS."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from jinguo.core import modules
from jinguo.core.roles import ROLE_PERMS, Role

PROBE = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.test import Client
    from django.urls import reverse
    from jinguo.core import modules
    from jinguo.core.roles import ROLE_PERMS
    c = Client()
    page = c.get(reverse("throwaway:index"))
    api = c.get("/api/v1/throwaway/ping")
    schema = c.get("/api/v1/openapi.json").json()
    print(json.dumps({
        "page": [page.status_code, page.content.decode()],
        "api": [api.status_code, api.json()],
        "in_schema": "/api/v1/throwaway/ping" in schema["paths"],
        "nav": [i.url_name for i in modules.nav_items()],
        "cadre_may_poke": "throwaway.poke" in ROLE_PERMS["cadre"],
    }))
    """
)


@pytest.mark.slow
def test_a_throwaway_module_plugs_in_through_its_manifest_alone():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jinguo.core.tests.throwaway.settings"}
    env.pop("DATABASE_URL", None)  # the probe reads no table
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["page"] == [200, "throwaway page"]
    assert seen["api"] == [200, {"pong": True}] and seen["in_schema"]
    assert seen["nav"][-1] == "throwaway:index"
    assert seen["cadre_may_poke"]


def test_every_module_is_registered_once_with_its_pieces():
    labels = [m.label for m in modules.modules()]
    assert labels[:2] == ["core", "orgs"] and len(labels) == len(set(labels))
    assert {"people", "planning", "outreach", "study", "contest", "stats"} <= set(labels)
    assert "outreach.verify" in ROLE_PERMS[Role.CADRE] and "outreach.verify" in ROLE_PERMS[Role.REVIEWER]
    assert "outreach.verify" not in ROLE_PERMS[Role.LEADER]


def test_demo_seeds_run_after_what_they_need():
    order = [s.name for s in modules.seeds_in_order()]
    assert order.index("orgs.tree") < order.index("people.people") < order.index("outreach.teams")
    assert order.index("planning.themes") < order.index("outreach.lectures")
    assert order.index("outreach.teams") < order.index("contest.contest")


def test_a_seed_cycle_is_refused():
    modules.register(
        modules.Module(
            label="cyclic",
            seeds=[
                modules.Seed("cyclic.a", "x:y", after=["cyclic.b"]),
                modules.Seed("cyclic.b", "x:y", after=["cyclic.a"]),
            ],
        )
    )
    try:
        with pytest.raises(ValueError, match="cycle"):
            modules.seeds_in_order()
    finally:
        modules.unregister("cyclic")


def _probe_panel(request, obj):
    return f"<p>{obj}</p>" if obj != "nothing" else ""


def test_event_labels_and_panels_come_from_the_manifest():
    from jinguo.core import audit

    modules.register(
        modules.Module(
            label="probe",
            events={"probe.poke": "Poked"},
            panels={"orgs.orgunit": "jinguo.core.tests.test_module_manifest:_probe_panel"},
        )
    )
    try:
        assert audit.event_label("probe.poke") == "Poked"
        assert audit.event_label("probe.unknown") == "probe.unknown"
        assert str(audit.event_label("lecture.create")) == str(audit.EVENT_LABELS["lecture.create"])
        assert modules.panels("orgs.orgunit", None, "东胜区") == ["<p>东胜区</p>"]
        assert modules.panels("orgs.orgunit", None, "nothing") == []  # a panel with nothing to show is left out
        assert modules.panels("people.person", None, "x") == []
    finally:
        modules.unregister("probe")
