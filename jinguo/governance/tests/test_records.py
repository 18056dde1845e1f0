"""Records of the five micro-lines: a village's, kept by who writes there, read in its subtree (a sibling's is 404
like an unknown one), with people and micro-organisations the cadre may name."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.core.services import api_token_create
from jinguo.governance.lines import LINES
from jinguo.governance.tests.factories import new_record, yesterday
from jinguo.people.tests.factories import new_person
from jinguo.stats.models import Rollup


@pytest.mark.parametrize("key", [line.key for line in LINES])
def test_a_village_cadre_records_each_line_and_the_figures_move(actors, tree, key):
    record = new_record(actors["village_cadre"], key, tree["150602100200"], participants=6)
    year = str(yesterday().year)
    got = dict(
        Rollup.objects.filter(metric=f"governance.{key}", period=year).exclude(value=0).values_list("org_path", "value")
    )
    assert got == {"15": 1, "1506": 1, "150602": 1, "150602100": 1, "150602100200": 1}
    assert Rollup.objects.get(metric=f"covered:village:governance.{key}", period=year, org_path="150602").value == 1
    assert AuditEvent.objects.filter(event=f"governance.{key}_create", object_id=str(record.pk)).count() == 1


def test_a_record_belongs_to_a_village(actors, tree):
    with pytest.raises(ValidationError) as e:
        new_record(actors["county_cadre"], "services", tree["150602100"])
    assert "village or community" in e.value.message_dict["org"][0]


def test_the_leader_and_a_sibling_cannot_record(actors, tree):
    with pytest.raises(PermissionDenied):
        new_record(actors["leader"], "supervision", tree["150602100200"])
    with pytest.raises(PermissionDenied):
        new_record(actors["sibling_cadre"], "supervision", tree["150602100200"])


def test_members_the_cadre_may_not_name_are_refused_like_unknown_ones(actors, tree):
    stranger = new_person(SYSTEM, tree["150621100200"], name="林原村的人")
    with pytest.raises(ValidationError) as hidden:
        new_record(actors["village_cadre"], "orgs", tree["150602100200"], members=[stranger.pk])
    with pytest.raises(ValidationError) as unknown:
        new_record(actors["village_cadre"], "orgs", tree["150602100200"], members=[stranger.pk + 1000])
    h, u = hidden.value.message_dict["members"][0], unknown.value.message_dict["members"][0]
    assert h.replace(str(stranger.pk), "#") == u.replace(str(stranger.pk + 1000), "#") and "林原村" not in h


def test_a_micro_organisation_of_another_village_is_refused(actors, tree):
    council = new_record(SYSTEM, "orgs", tree["150602001001"])
    with pytest.raises(ValidationError) as e:
        new_record(actors["county_cadre"], "services", tree["150602100200"], micro_org=council)
    assert "same village" in e.value.message_dict["micro_org"][0]


def test_a_micro_organisation_counts_its_members(actors, tree):
    a = new_person(actors["village_cadre"], tree["150602100200"], name="娜仁")
    b = new_person(actors["village_cadre"], tree["150602100200"], name="其其格")
    org = new_record(actors["village_cadre"], "orgs", tree["150602100200"], leader=a.pk, members=[a.pk, b.pk])
    assert org.participants == 2 and org.leader == a and set(org.members.all()) == {a, b}


def test_bounds_come_from_the_models(actors, tree):
    with pytest.raises(ValidationError) as e:
        new_record(actors["village_cadre"], "services", tree["150602100200"], participants=10_001, title="x" * 101)
    assert set(e.value.message_dict) == {"participants", "title"}


def test_a_siblings_record_is_404_like_an_unknown_one(login, client, actors, tree):
    theirs = new_record(actors["sibling_cadre"], "supervision", tree["150621100200"])
    unknown = theirs.pk + 1000
    web = login(actors["county_cadre"])
    for suffix in ("", "edit/"):
        assert web.get(f"/governance/supervision/{theirs.pk}/{suffix}").status_code == 404
        assert web.get(f"/governance/supervision/{unknown}/{suffix}").status_code == 404
    assert web.post(f"/governance/supervision/{theirs.pk}/close/", {"outcome": "x"}).status_code == 404
    assert web.get("/governance/nothing/1/").status_code == 404
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}
    hidden = client.get(f"/api/v1/governance/supervision/{theirs.pk}", **auth)
    missing = client.get(f"/api/v1/governance/supervision/{unknown}", **auth)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    r = client.post(
        f"/api/v1/governance/supervision/{theirs.pk}/close",
        json.dumps({"outcome": "x"}),
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 404


def test_the_api_records_one_of_each_line(client, actors, tree):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['village_cadre'])}"}
    base = {"org": "150602100200", "date": yesterday().isoformat(), "title": "记录"}
    extra = {"orgs": {"kind": "interest"}, "services": {"households": 3}, "agreements": {"household": "李家"}}
    for line in LINES:
        body = {**base, **extra.get(line.key, {})}
        r = client.post(f"/api/v1/governance/{line.key}", json.dumps(body), content_type="application/json", **auth)
        assert r.status_code == 201, (line.key, r.content)
        assert r.json()["line"] == line.key
