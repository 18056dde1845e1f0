"""Lecture teams of the region, leagues and counties; lecturers are people of the registry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.outreach.models import LecturerCategory, LectureTeam, Topic
from jinguo.outreach.services import lecturer_add, lecturer_remove, lecturer_update, team_create


@pytest.fixture
def county_team(actors, tree, calendar):
    return team_create(actor=actors["county_cadre"], org=tree["150602"], name="东胜区北疆巾帼宣讲团")


def test_teams_exist_at_region_league_and_county(actors, tree):
    for who, code in (("region_cadre", "150000"), ("ordos_cadre", "150600"), ("county_cadre", "150602")):
        team_create(actor=actors[who], org=tree[code], name="北疆巾帼宣讲团")
    assert LectureTeam.objects.count() == 3


def test_a_team_below_the_county_is_refused(actors, tree):
    with pytest.raises(ValidationError, match="region, a league or a county"):
        team_create(actor=actors["county_cadre"], org=tree["150602100"], name="镇宣讲团")


def test_a_team_outside_the_users_units_is_refused(actors, tree):
    with pytest.raises(PermissionDenied):
        team_create(actor=actors["county_cadre"], org=tree["150621"], name="别人的团")
    with pytest.raises(PermissionDenied):
        team_create(actor=actors["leader"], org=tree["150602"], name="领导的团")
    assert not LectureTeam.objects.exists()


def test_a_lecturer_has_categories_topics_and_languages(actors, county_team, lecturer):
    cats = list(LecturerCategory.objects.filter(name__in=["执委", "家庭教育讲师"]))
    topics = list(Topic.objects.filter(name="家庭教育"))
    m = lecturer_add(
        actor=actors["county_cadre"],
        team=county_team,
        person=lecturer,
        categories=cats,
        topics=topics,
        languages="both",
    )
    assert {c.name for c in m.categories.all()} == {"执委", "家庭教育讲师"} and m.languages == "both"
    lecturer_update(
        actor=actors["county_cadre"], lecturer=m, categories=[cats[0]], topics=[], languages="mn", active=False
    )
    m.refresh_from_db()
    assert (m.categories.count(), m.topics.count(), m.languages, m.active) == (1, 0, "mn", False)
    lecturer_remove(actor=actors["county_cadre"], lecturer=m)
    assert [e.event for e in AuditEvent.objects.filter(event__startswith="lecturer.").order_by("seq")] == [
        "lecturer.add",
        "lecturer.update",
        "lecturer.remove",
    ]


def test_a_lecturer_not_in_the_registry_is_refused(actors, county_team):
    with pytest.raises(ValidationError) as e:
        lecturer_add(actor=actors["county_cadre"], team=county_team, person=424242)
    assert e.value.message_dict["person"] == ["Person #424242 is not in the people registry of your units."]
    assert not county_team.members.exists()


def test_a_person_of_a_sibling_county_cannot_join(actors, tree, county_team):
    from jinguo.people.tests.factories import new_person

    stranger = new_person(SYSTEM, tree["150621"], name="别人")
    with pytest.raises(ValidationError, match="of your units"):
        lecturer_add(actor=actors["county_cadre"], team=county_team, person=stranger)


def test_a_person_joins_a_team_once(actors, county_team, lecturer):
    lecturer_add(actor=actors["county_cadre"], team=county_team, person=lecturer)
    with pytest.raises(ValidationError, match="already"):
        lecturer_add(actor=actors["county_cadre"], team=county_team, person=lecturer)


def test_an_inactive_category_cannot_be_chosen(actors, county_team, lecturer):
    cat = LecturerCategory.objects.first()
    LecturerCategory.objects.filter(pk=cat.pk).update(active=False)
    with pytest.raises(ValidationError):
        lecturer_add(actor=actors["county_cadre"], team=county_team, person=lecturer, categories=[cat])


def test_the_region_team_is_read_by_a_county_but_not_changed(login, actors, tree):
    team = team_create(actor=actors["region_cadre"], org=tree["150000"], name="自治区宣讲团")
    client = login(actors["county_cadre"])
    assert client.get(f"/outreach/teams/{team.pk}/").status_code == 200
    assert client.get(f"/outreach/teams/{team.pk}/edit/").status_code == 403
    assert client.post(f"/outreach/teams/{team.pk}/delete/").status_code == 403
    assert client.get(f"/outreach/teams/{team.pk}/members/add/").status_code == 403


def test_the_team_pages_add_a_member(login, actors, county_team, lecturer):
    client = login(actors["county_cadre"])
    page = client.get(f"/outreach/teams/{county_team.pk}/members/add/?q=乌兰")
    assert lecturer.id_number_masked in page.content.decode()
    cat = LecturerCategory.objects.first()
    r = client.post(
        f"/outreach/teams/{county_team.pk}/members/add/",
        {"person": lecturer.pk, "categories": [cat.pk], "languages": "zh"},
    )
    assert r.status_code == 302 and county_team.members.get().person == lecturer
    assert "乌兰" in client.get(f"/outreach/teams/{county_team.pk}/").content.decode()


def test_a_sibling_countys_team_is_404_and_the_leader_cannot_write(login, actors, tree, county_team, lecturer, client):
    from jinguo.core.services import api_token_create
    from jinguo.outreach.services import lecturer_add

    m = lecturer_add(actor=actors["county_cadre"], team=county_team, person=lecturer)
    sibling = login(actors["sibling_cadre"])
    for url in (
        f"/outreach/teams/{county_team.pk}/",
        f"/outreach/teams/{county_team.pk}/edit/",
        f"/outreach/members/{m.pk}/",
    ):
        assert sibling.get(url).status_code == 404, url
    assert sibling.post(f"/outreach/members/{m.pk}/delete/").status_code == 404
    leader = login(actors["leader"])
    assert leader.get(f"/outreach/teams/{county_team.pk}/").status_code == 200
    assert leader.get(f"/outreach/teams/{county_team.pk}/edit/").status_code == 403
    assert leader.post(f"/outreach/members/{m.pk}/delete/").status_code == 403
    token = api_token_create(actor=SYSTEM, user=actors["leader"])
    r = client.post(
        "/api/v1/teams",
        {"org": "150602", "name": "领导的团"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert r.status_code == 403 and LectureTeam.objects.count() == 1
