"""Scope: a sibling county's record answers 404, like an unknown id, in pages and API; the leader reads but never
writes; a volunteer reads only her own records and her teams' open shifts."""

import pytest

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.core.services import api_token_create
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import services
from jinguo.volunteer.tests.factories import volunteer_records

UNKNOWN = 987_654


@pytest.fixture
def data(tree, actors):
    return volunteer_records(tree, actors)


def _pages(d):
    return {
        "team": (f"/volunteer/teams/{d['teams'][0].pk}/", "/volunteer/teams/{}/"),
        "volunteer": (f"/volunteer/volunteers/{d['volunteers'][0].pk}/", "/volunteer/volunteers/{}/"),
        "project": (f"/volunteer/projects/{d['projects'][0].pk}/", "/volunteer/projects/{}/"),
        "record": (f"/volunteer/records/{d['records'][0].pk}/", "/volunteer/records/{}/"),
        "activity": (
            f"/volunteer/activities/{d['projects'][0].activities.first().pk}/",
            "/volunteer/activities/{}/",
        ),
    }


@pytest.mark.parametrize("what", ["team", "volunteer", "project", "record", "activity"])
def test_a_sibling_county_record_is_404_like_an_unknown_one(what, login, actors, data):
    ours = _pages(data["150602"])[what][0]
    theirs, pattern = _pages(data["150621"])[what]
    web = login(actors["county_cadre"])
    assert web.get(ours).status_code == 200
    sibling, unknown = web.get(theirs), web.get(pattern.format(UNKNOWN))
    assert sibling.status_code == unknown.status_code == 404
    assert _page(sibling, theirs) == _page(unknown, pattern.format(UNKNOWN))


def _page(response, path) -> str:
    """The page without its per-request CSRF token and its own address."""
    import re

    return re.sub(r'"[A-Za-z0-9]{32,}"', '""', response.content.decode()).replace(path, "")


@pytest.mark.parametrize("path", ["/api/v1/volunteer/records/{}/approve", "/api/v1/volunteer/records/{}/checkout"])
def test_the_api_answers_a_sibling_record_like_an_unknown_one(path, client, actors, data):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    theirs = data["150621"]["records"][0].pk
    body = {"code": "123456"}
    a = client.post(path.format(theirs), body, content_type="application/json", **auth)
    b = client.post(path.format(UNKNOWN), body, content_type="application/json", **auth)
    assert a.status_code == b.status_code == 404 and a.json() == b.json()


def test_the_api_backfill_answers_a_sibling_volunteer_like_an_unknown_one(client, actors, data):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(volunteer):
        payload = {"volunteer": volunteer, "org": "150602", "date": "2024-05-01", "hours": "2", "note": "补录"}
        return client.post("/api/v1/volunteer/backfills", payload, content_type="application/json", **auth)

    theirs = data["150621"]["volunteers"][0].pk
    a, b = post(theirs), post(UNKNOWN)
    assert a.status_code == b.status_code == 400
    assert a.json()["detail"]["volunteer"][0].replace(str(theirs), "#") == b.json()["detail"]["volunteer"][0].replace(
        str(UNKNOWN), "#"
    )
    assert "娜仁" not in a.content.decode()


def test_the_leader_reads_but_cannot_write(login, actors, data):
    web = login(actors["leader"])
    assert web.get("/volunteer/").status_code == 200
    assert web.get(_pages(data["150602"])["team"][0]).status_code == 200
    assert web.get("/volunteer/teams/new/").status_code == 403
    team = data["150602"]["teams"][1]
    assert team.members.count() == 1
    r = web.post(f"/volunteer/teams/{team.pk}/members/", {"volunteer": data["150602"]["volunteers"][0].pk})
    assert r.status_code == 302 and team.members.count() == 1  # refused with the reason, nothing added


@pytest.fixture
def her(tree, actors, data):
    """A volunteer with her login, in 爱心阿姨 of 东胜区; another volunteer's records exist beside hers."""
    user = make_user("naren", Role.VOLUNTEER, tree["150602100200"])
    v = data["150602"]["volunteers"][1]
    services.volunteer_link_user(actor=actors["county_cadre"], volunteer=v, user=user)
    return user, v


def test_a_volunteer_reads_only_her_own(login, her, data):
    user, v = her
    web = login(user)
    mine = [r for r in data["150602"]["records"] if r.volunteer_id == v.pk][0]
    other = [r for r in data["150602"]["records"] if r.volunteer_id != v.pk][0]
    assert web.get(f"/volunteer/records/{mine.pk}/").status_code == 200
    assert web.get(f"/volunteer/records/{other.pk}/").status_code == 404
    for path in ("/volunteer/", "/volunteer/volunteers/", f"/volunteer/volunteers/{v.pk}/", "/volunteer/records/"):
        assert web.get(path).status_code in (403, 404), path
    page = web.get("/volunteer/me/").content.decode()
    assert 'data-testid="my-records"' in page and other.volunteer.person.name not in page


def test_the_api_gives_a_volunteer_her_own_records_only(client, her, data):
    user, v = her
    token = api_token_create(actor=SYSTEM, user=user)
    r = client.get("/api/v1/volunteer/me/records", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and {x["volunteer"] for x in r.json()} == {v.pk}
    assert client.get("/api/v1/volunteer/records", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403


def test_a_volunteer_sees_her_teams_open_shifts_only(login, tree, actors, her, data):
    import datetime

    from django.utils import timezone

    user, v = her
    day = timezone.localdate() + datetime.timedelta(days=2)
    ours = data["150602"]["projects"][0]  # 爱心阿姨's: she is in it
    not_hers = services.project_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        name="别队项目",
        action="health",
        summary="…",
        team=services.team_create(actor=actors["county_cadre"], org=tree["150602"], name="别的队"),
    )
    for p in (ours, not_hers, data["150621"]["projects"][0]):
        services.activity_create(
            actor=SYSTEM, project=p, org=p.org, title=f"{p.name}·排班", date=day, shifts=[("09:00", "11:00", 2)]
        )
    page = login(user).get("/volunteer/me/").content.decode()
    assert f"{ours.name}·排班" in page
    assert "别队项目·排班" not in page and f"{data['150621']['projects'][0].name}·排班" not in page


def test_someone_else_cannot_use_her_page(login, actors, data):
    stranger = make_user("stranger_vol", Role.VOLUNTEER, data["150602"]["volunteers"][0].org)
    page = login(stranger).get("/volunteer/me/")
    assert page.status_code == 200 and "not linked" in page.content.decode()


def test_a_person_is_registered_as_a_volunteer_once(actors, tree, data):
    from django.core.exceptions import ValidationError

    v = data["150602"]["volunteers"][0]
    with pytest.raises(ValidationError, match="already registered"):
        services.volunteer_register(
            actor=actors["county_cadre"], person=v.person, consent_by="本人", consent_method="口头"
        )
    # A person out of the cadre's units gets the registry's one answer, naming nobody.
    theirs = data["150621"]["volunteers"][0].person
    with pytest.raises(ValidationError) as e:
        services.volunteer_register(
            actor=actors["county_cadre"], person=theirs.pk, consent_by="本人", consent_method="口头"
        )
    assert theirs.name not in str(e.value)


def test_consent_is_required(actors, tree):
    from django.core.exceptions import ValidationError

    p = new_person(actors["county_cadre"], tree["150602"], name="无同意")
    with pytest.raises(ValidationError, match="consent"):
        services.volunteer_register(actor=actors["county_cadre"], person=p, consent_by="", consent_method="")


def test_a_cadre_links_her_login_and_a_stranger_login_is_refused_like_an_unknown_one(login, actors, tree, data):
    v = data["150602"]["volunteers"][1]  # registered at 漫赖村
    make_user("theirs_vol", Role.VOLUNTEER, tree["150621100200"])
    web = login(actors["county_cadre"])
    unknown = web.post(f"/volunteer/volunteers/{v.pk}/login/", {"username": "nobody_here"}, follow=True)
    theirs = web.post(f"/volunteer/volunteers/{v.pk}/login/", {"username": "theirs_vol"}, follow=True)
    assert [str(m) for m in unknown.context["messages"]] == [str(m) for m in theirs.context["messages"]]
    make_user("ours_vol", Role.VOLUNTEER, tree["150602100200"])
    web.post(f"/volunteer/volunteers/{v.pk}/login/", {"username": "ours_vol"})
    v.refresh_from_db()
    assert v.user.username == "ours_vol"
