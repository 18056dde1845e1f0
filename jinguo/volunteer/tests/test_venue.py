"""A volunteer activity names the publicity venue it is held at, as a lecture does (venues.selectors resolves it):
a venue off the unit's line or out of reach is refused like an unknown one; the venue's page lists the activity
through volunteer's panel; the API and the export carry it."""

import re

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.venues.tests.factories import kinds, new_venue
from jinguo.volunteer import services
from jinguo.volunteer.models import Activity
from jinguo.volunteer.tests.conftest import tomorrow


@pytest.fixture
def home(actors, tree):
    kinds()
    return new_venue(actors["village_cadre"], tree["150602100200"])


def _plan(actor, org, project, venue, title="在妇女之家"):
    return services.activity_create(
        actor=actor, project=project, org=org, title=title, date=tomorrow(), shifts=[("09:00", "11:00", 3)], venue=venue
    )


def test_an_activity_held_at_the_villages_womens_home(actors, tree, project, home):
    a = _plan(actors["county_cadre"], tree["150602100200"], project, home)
    assert Activity.objects.get(pk=a.pk).venue == home
    with pytest.raises(ValidationError) as e:  # a village of another town is off the venue's line
        _plan(actors["county_cadre"], tree["150602001001"], project, home, title="别处")
    assert "not on this unit's line" in e.value.message_dict["venue"][0]


def test_the_form_offers_the_venue_and_refuses_a_siblings_like_an_unknown_one(login, actors, tree, project, home):
    theirs = new_venue(SYSTEM, tree["150621100200"], name="林原村妇女之家")
    web = login(actors["county_cadre"])
    page = web.get("/volunteer/activities/new/").content.decode()
    select = re.search(r'<select name="venue".*?</select>', page, re.S)
    assert select and f'<option value="{home.pk}">漫赖村妇女之家' in select[0] and "林原村" not in select[0]
    data = {
        "submit_token": re.search(r'name="submit_token" value="([^"]+)"', page)[1],
        "project": str(project.pk),
        "org_code": "150602100200",
        "title": "在妇女之家",
        "date": tomorrow().isoformat(),
        "start": "09:00",
        "end": "11:00",
        "needed": "3",
    }
    answers = []
    for venue_id in (theirs.pk, theirs.pk + 1000):
        r = web.post("/volunteer/activities/new/", {**data, "venue": str(venue_id)})
        assert r.status_code == 200 and not Activity.objects.exists()
        answers.append(r.context["form"].errors["venue"])
    assert answers[0] == answers[1] and "林原村" not in str(answers[0])
    r = web.post("/volunteer/activities/new/", {**data, "venue": str(home.pk)})
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert Activity.objects.get().venue == home


def test_the_venue_page_lists_its_activities_and_the_api_names_the_venue(login, actors, tree, project, home):
    a = _plan(actors["county_cadre"], tree["150602100200"], project, home, title="敬老服务")
    web = login(actors["county_cadre"])
    page = web.get(f"/venues/{home.pk}/").content.decode()
    assert 'data-testid="venue-activities"' in page and "敬老服务" in page
    assert f'href="/venues/{home.pk}/"' in web.get(f"/volunteer/activities/{a.pk}/").content.decode()
    listed = web.get("/api/v1/volunteer/activities").json()["items"]
    assert [(x["venue"], x["venue_name"]) for x in listed] == [(home.pk, "漫赖村妇女之家")]
