"""Venues: kept by their unit, read in its subtree (a sibling's is 404 like an unknown one), the coordinates both
or neither, a person in charge the cadre may name, photos checked by content and removed after the commit."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.core.services import api_token_create
from jinguo.people.tests.factories import new_person
from jinguo.venues import services
from jinguo.venues.models import Venue, VenueKind
from jinguo.venues.tests.factories import new_venue


def _png() -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    buf.seek(0)
    buf.name = "a.png"
    return buf


def test_a_village_cadre_adds_the_villages_womens_home(actors, tree, venue_kinds):
    manager = new_person(actors["village_cadre"], tree["150602100200"], name="娜仁")
    v = new_venue(actors["village_cadre"], tree["150602100200"], manager=manager.pk)
    assert v.manager == manager and v.kind.code == "women_home" and v.status == "in_use"
    assert AuditEvent.objects.get(event="venues.create").detail["after"]["name"] == "漫赖村妇女之家"
    with pytest.raises(ValidationError) as e:
        new_venue(actors["village_cadre"], tree["150602100200"])  # the same name again
    assert "already has a venue" in e.value.message_dict["name"][0]


def test_the_coordinates_are_both_given_or_neither(actors, tree, venue_kinds):
    with pytest.raises(ValidationError) as e:
        new_venue(actors["county_cadre"], tree["150602"], lat=None)
    assert "both the longitude and the latitude" in e.value.message_dict["lat"][0]
    with pytest.raises(ValidationError) as e:
        new_venue(actors["county_cadre"], tree["150602"], lng="181")
    assert "at most 180" in e.value.message_dict["lng"][0]
    assert new_venue(actors["county_cadre"], tree["150602"], lng=None, lat=None).located is False


def test_a_retired_kind_and_a_stranger_in_charge_are_refused(actors, tree, venue_kinds):
    services.kind_update(actor=SYSTEM, kind=venue_kinds["park"], name="妇女儿童公园", sort=50, active=False)
    stranger = new_person(SYSTEM, tree["150621"], name="达旗的人")
    with pytest.raises(ValidationError) as e:
        new_venue(actors["county_cadre"], tree["150602"], kind="park", manager=stranger.pk)
    assert set(e.value.message_dict) == {"kind", "manager"}
    assert "达旗的人" not in json.dumps(e.value.message_dict, ensure_ascii=False)
    with pytest.raises(ValidationError) as unknown:
        new_venue(actors["county_cadre"], tree["150602"], manager=stranger.pk + 1000)
    assert unknown.value.message_dict["manager"][0].replace(str(stranger.pk + 1000), "#") == e.value.message_dict[
        "manager"
    ][0].replace(str(stranger.pk), "#")


def test_the_leader_reads_but_cannot_add(actors, tree, venue_kinds, login):
    with pytest.raises(PermissionDenied):
        new_venue(actors["leader"], tree["150602"])
    v = new_venue(actors["county_cadre"], tree["150602"])
    web = login(actors["leader"])
    assert web.get(f"/venues/{v.pk}/").status_code == 200
    assert web.get(f"/venues/{v.pk}/edit/").status_code == 403


def test_a_siblings_venue_is_404_like_an_unknown_one(login, client, actors, tree, venue_kinds):
    theirs = new_venue(actors["sibling_cadre"], tree["150621"])
    unknown = theirs.pk + 1000
    web = login(actors["county_cadre"])
    for suffix in ("", "edit/", "inspect/"):
        assert web.get(f"/venues/{theirs.pk}/{suffix}").status_code == 404
        assert web.get(f"/venues/{unknown}/{suffix}").status_code == 404
    assert web.post(f"/venues/{theirs.pk}/delete/").status_code == 404
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    hidden, missing = client.get(f"/api/v1/venues/{theirs.pk}", **auth), client.get(f"/api/v1/venues/{unknown}", **auth)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    assert Venue.objects.filter(pk=theirs.pk).exists()


def test_the_api_adds_a_venue(client, actors, tree, venue_kinds):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    body = {
        "org": "150602001001",
        "kind": venue_kinds["children_home"].pk,
        "name": "天骄社区儿童之家",
        "address": "天骄社区",
        "lng": "109.981234",
        "lat": "39.812345",
    }
    r = client.post(
        "/api/v1/venues", json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert r.status_code == 201, r.content
    assert r.json()["kind"] == "儿童之家" and r.json()["lng"] == "109.981234"


def test_photos_are_checked_served_and_removed_after_the_commit(
    login, actors, tree, venue_kinds, django_capture_on_commit_callbacks
):
    v = new_venue(actors["county_cadre"], tree["150602"])
    web = login(actors["county_cadre"])
    fake = io.BytesIO(b"not an image")
    fake.name = "x.png"
    web.post(f"/venues/{v.pk}/photos/", {"photos": fake})
    assert not v.photos.exists()
    web.post(f"/venues/{v.pk}/photos/", {"photos": _png()})
    photo = v.photos.get()
    r = web.get(f"/venues/{v.pk}/photos/{photo.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert login(actors["sibling_cadre"]).get(f"/venues/{v.pk}/photos/{photo.pk}/").status_code == 404
    storage, name = photo.image.storage, photo.image.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.venue_photo_delete(actor=actors["county_cadre"], photo=photo)
    assert not v.photos.exists() and storage.exists(name)  # the file stays until the removal commits
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_only_the_region_keeps_the_kinds(actors, venue_kinds):
    with pytest.raises(PermissionDenied):
        services.kind_create(actor=actors["county_cadre"], name="新阵地")
    kind = services.kind_create(actor=actors["region_cadre"], name="新阵地")
    assert kind.code and VenueKind.objects.filter(name="新阵地").exists()
