"""The lists of lecturer categories, topics, campaigns and audiences: seeded by a command, kept by the region."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from jinguo.core.actors import SYSTEM
from jinguo.outreach.models import AudienceGroup, Campaign, LecturerCategory, Topic
from jinguo.outreach.services import lookup_create, lookup_update, lookups_seed


def test_the_seed_command_adds_the_articles_lists_once(db, capsys):
    call_command("outreach", "seed")
    assert "added 25" in capsys.readouterr().out
    assert set(LecturerCategory.objects.values_list("name", flat=True)) == {
        "妇联干部",
        "执委",
        "三八红旗手",
        "党校老师",
        "女科技工作者",
        "家庭教育讲师",
    }
    assert Campaign.objects.filter(name="百千万巾帼大宣讲").exists()
    assert AudienceGroup.objects.filter(name="少数民族群众").exists() and Topic.objects.filter(name="法律").exists()
    assert lookups_seed(actor=SYSTEM) == 0


def test_the_region_adds_and_retires_entries(actors):
    c = lookup_create(actor=actors["region_cadre"], kind="categories", name="乡村振兴带头人")
    lookup_update(actor=actors["sysadmin"], obj=c, name="乡村振兴带头人", active=False)
    assert not LecturerCategory.objects.get(pk=c.pk).active
    with pytest.raises(ValidationError):
        lookup_create(actor=actors["region_cadre"], kind="categories", name="乡村振兴带头人")


def test_a_county_cannot_change_the_lists(actors, login):
    with pytest.raises(PermissionDenied):
        lookup_create(actor=actors["county_cadre"], kind="topics", name="自己的话题")
    r = login(actors["county_cadre"]).post("/outreach/teams/lists/topics/add/", {"name": "自己的话题"})
    assert r.status_code == 403 and not Topic.objects.filter(name="自己的话题").exists()
    assert login(actors["county_cadre"]).get("/outreach/teams/lists/").status_code == 200


def test_the_lists_page_adds_an_entry(login, actors):
    r = login(actors["region_cadre"]).post("/outreach/teams/lists/campaigns/add/", {"name": "巾帼心向党"})
    assert r.status_code == 302 and Campaign.objects.filter(name="巾帼心向党").exists()
