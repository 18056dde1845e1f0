"""The home page shows each role what waits for it, with counts and links, and the big button of its job."""

import datetime

from jinguo.conftest import make_user
from jinguo.core.roles import Role
from jinguo.outreach.services import lecture_return
from jinguo.outreach.tests.factories import new_lecture, today


def _queue(page: str, key: str) -> str:
    part = page.split(f'data-testid="queue-{key}"', 1)[1]
    return part.split("</span>", 2)[1].rsplit(">", 1)[1]


def test_the_league_sees_what_waits_for_its_verification(login, actors, tree, calendar, lecturer):
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer)
    page = login(actors["ordos_cadre"]).get("/").content.decode()
    assert _queue(page, "verify") == "2" and "?state=held" in page
    assert _queue(login(actors["sibling_cadre"]).get("/").content.decode(), "verify") == "0"
    assert _queue(login(actors["county_cadre"]).get("/").content.decode(), "verify") == "0"  # never its own


def test_the_county_sees_lectures_to_close_out_and_those_sent_back(login, actors, tree, calendar, lecturer):
    past = today() - datetime.timedelta(days=2)
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, held=False, day=past)
    sent_back = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_return(actor=actors["ordos_cadre"], lecture=sent_back, reason="请补充")
    page = login(actors["county_cadre"]).get("/").content.decode()
    assert _queue(page, "due") == "1" and _queue(page, "returned") == "1"
    assert 'data-testid="record-lecture"' in page
    other = login(actors["sibling_cadre"]).get("/").content.decode()
    assert _queue(other, "due") == "0" and _queue(other, "returned") == "0"


def test_a_volunteer_is_told_what_the_role_will_do(login, tree):
    volunteer = make_user("v1", Role.VOLUNTEER, tree["150602100200"])
    page = login(volunteer).get("/").content.decode()
    assert 'data-testid="volunteer-home"' in page and 'data-testid="queues"' not in page
