"""In the browser: a county cadre records a held lecture; the league's verifier sees the bell count go up,
opens the inbox, follows the link and verifies; the cadre is told through her own bell."""

from jinguo.browser import SHOTS, needs_chromium
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.tests.factories import new_lecture
from jinguo.outreach.tests.test_browser_lecture import _login

pytestmark = needs_chromium


def _bell(page) -> str:
    badge = page.locator("[data-testid=unread-count]")
    return badge.inner_text() if badge.count() else "0"


def test_the_verifier_follows_the_bell_and_the_recorder_is_told(
    transactional_db, live_server, actors, tree, calendar, lecturer, browser
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    league, _ = _login(browser, live_server, "ordos_cadre")
    assert _bell(league) == "0"

    # The county records a held lecture (as its phone page would).
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)

    league.goto(f"{live_server.url}/")
    assert _bell(league) == "1"
    league.click("[data-testid=bell]")
    league.wait_for_url(f"{live_server.url}/notifications/")
    item = league.locator("[data-testid=notification]").first
    assert lec.title in item.inner_text()
    league.screenshot(path=str(SHOTS / "inbox.png"), full_page=True)
    item.locator("a").first.click()
    league.wait_for_url(f"{live_server.url}/outreach/lectures/{lec.pk}/")
    assert _bell(league) == "0"  # following it marked it read
    league.click("[data-testid=verify]")
    league.wait_for_selector("[data-testid=state]")
    lec.refresh_from_db()
    assert lec.state == LectureState.VERIFIED

    phone, _ = _login(browser, live_server, "county_cadre", width=375)
    assert _bell(phone) == "1"
    phone.click("[data-testid=bell]")
    phone.wait_for_url(f"{live_server.url}/notifications/")
    assert lec.title in phone.locator("[data-testid=notification]").first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    phone.screenshot(path=str(SHOTS / "inbox-375.png"), full_page=True)
    assert Lecture.objects.get().state == LectureState.VERIFIED
