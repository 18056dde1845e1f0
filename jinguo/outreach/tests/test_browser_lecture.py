"""On a 375-px phone a county cadre records a lecture, the league verifies it, the region's coverage
figure changes — in Debian's Chromium, driven by Playwright (style of core/tests/test_browser.py)."""

from django.utils import timezone

from jinguo.browser import SHOTS, external_requests, needs_chromium, sign_in
from jinguo.conftest import PASSWORD
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import lecturer_add, team_create

pytestmark = needs_chromium


def _login(browser, live_server, username, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    external = external_requests(page, live_server.url)
    sign_in(page, live_server.url, username, PASSWORD)
    return page, external


def _county_figure(page, live_server) -> tuple[str, str]:
    page.goto(f"{live_server.url}/outreach/coverage/")
    return page.inner_text("[data-testid=coverage-county]"), page.inner_text("[data-testid=coverage-lectures]")


def test_county_records_on_a_phone_league_verifies_region_coverage_changes(
    transactional_db, live_server, actors, tree, calendar, lecturer, browser
):
    team = team_create(actor=actors["county_cadre"], org=tree["150602"], name="东胜区北疆巾帼宣讲团")
    lecturer_add(actor=actors["county_cadre"], team=team, person=lecturer)
    SHOTS.mkdir(parents=True, exist_ok=True)

    region, _ = _login(browser, live_server, "region_cadre")
    before = _county_figure(region, live_server)
    assert before == ("0.0%", "0")

    # A county cadre on a 375-px phone records a lecture held today in a village.
    phone, external = _login(browser, live_server, "county_cadre", width=375)
    phone.goto(f"{live_server.url}/outreach/lectures/new/")
    phone.fill("#id_title", "说变化 感党恩 跟党走恳谈会")
    phone.select_option("#id_kind", "talk")
    phone.fill("#id_org_code", "150602100200")
    phone.fill("#id_place", "村委会活动室")
    phone.select_option("select[name=team]", str(team.pk))  # HTMX loads the team's lecturers
    phone.wait_for_selector(f"#lecturer-options input[value='{lecturer.pk}']")
    phone.check(f"#lecturer-options input[value='{lecturer.pk}']")
    today = timezone.localdate()
    month_theme = calendar["month"][(today.year, today.month)]
    phone.select_option("#id_theme", str(month_theme.pk))
    phone.select_option("#id_topic", index=1)
    phone.select_option("#id_audience_group", index=1)
    phone.fill("#id_audience_count", "46")
    assert phone.is_checked("#id_held")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    phone.screenshot(path=str(SHOTS / "lecture-form-375.png"), full_page=True)
    phone.click("[data-testid=save-lecture]")
    phone.wait_for_url(f"{live_server.url}/outreach/lectures/*/")
    lec = Lecture.objects.get()
    assert (lec.state, lec.org_path, lec.audience_count) == (LectureState.HELD, "150602100200", 46)
    assert list(lec.lecturers.all()) == [lecturer]
    assert lec.checkin_code in phone.inner_text("[data-testid=checkin-code]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    phone.screenshot(path=str(SHOTS / "lecture-375.png"), full_page=True)
    assert not phone.locator("[data-testid=verify]").count()  # the county does not verify its own
    assert external == []

    # Held but not yet verified: the region's official figure has not moved.
    assert _county_figure(region, live_server) == before

    # The league verifies it.
    league, _ = _login(browser, live_server, "ordos_cadre")
    league.goto(f"{live_server.url}/outreach/lectures/{lec.pk}/")
    league.click("[data-testid=verify]")
    league.wait_for_selector("[data-testid=state]")
    lec.refresh_from_db()
    assert lec.state == LectureState.VERIFIED and lec.verified_by == actors["ordos_cadre"]

    # The region's coverage figure changes: 1 of 103 counties, 1 lecture.
    after = _county_figure(region, live_server)
    assert after == ("1.0%", "1")
    region.screenshot(path=str(SHOTS / "coverage-region.png"), full_page=True)
