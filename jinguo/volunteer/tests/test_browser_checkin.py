"""On a 375-px phone a volunteer signs up for a shift, checks in and out with its code; the level above is told
through the inbox, approves, and the hours appear in the team's totals — Debian's Chromium, driven by Playwright."""

import datetime

from django.utils import timezone

from jinguo.browser import SHOTS, external_requests, needs_chromium, sign_in
from jinguo.conftest import PASSWORD, make_user
from jinguo.core.roles import Role
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import services
from jinguo.volunteer.models import RecordState, ServiceRecord

pytestmark = needs_chromium


def _login(browser, live_server, username, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    external = external_requests(page, live_server.url)
    sign_in(page, live_server.url, username, PASSWORD)
    return page, external


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_a_volunteer_checks_in_and_out_on_a_phone_and_the_approved_hours_reach_the_team(
    transactional_db, live_server, actors, tree, browser
):
    cadre = actors["county_cadre"]
    team = services.team_create(actor=cadre, org=tree["150602"], name="周末妈妈")
    project = services.project_create(
        actor=cadre, org=tree["150602"], name="周末妈妈 陪伴", action="rights", summary="陪伴留守儿童", team=team
    )
    user = make_user("naren_phone", Role.VOLUNTEER, tree["150602100200"])
    services.volunteer_register(
        actor=cadre,
        person=new_person(cadre, tree["150602100200"], name="娜仁"),
        consent_by="本人",
        consent_method="书面同意书",
        teams=[team],
        user=user,
    )
    now = timezone.now()
    activity = services.activity_create(
        actor=cadre,
        project=project,
        org=tree["150602100200"],
        title="周末陪伴",
        date=timezone.localtime(now - datetime.timedelta(hours=2)).date(),
    )
    shift = services.shift_add(
        actor=cadre,
        activity=activity,
        start=now - datetime.timedelta(hours=2),
        end=now + datetime.timedelta(minutes=20),
        needed=4,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)

    phone, external = _login(browser, live_server, "naren_phone", width=375)
    phone.click("[data-testid=my-service]")
    phone.wait_for_selector(f"[data-testid=signup-{shift.pk}]")
    assert _fits(phone)
    phone.click(f"[data-testid=signup-{shift.pk}]")
    phone.click(f"[data-testid=checkin-{shift.pk}]")
    phone.fill("#id_code", shift.checkin_code)
    assert _fits(phone)
    phone.screenshot(path=str(SHOTS / "volunteer-checkin-375.png"), full_page=True)
    phone.click("[data-testid=checkin]")
    phone.wait_for_selector("[data-testid=checked-in]")
    record = ServiceRecord.objects.get()
    assert record.state == RecordState.OPEN

    # She has served the shift since it began (the test moves her check-in to the start rather than wait two hours).
    ServiceRecord.objects.filter(pk=record.pk).update(checkin_at=shift.starts_at)
    phone.fill("#id_code", shift.checkin_code)
    phone.click("[data-testid=checkout]")
    phone.wait_for_selector("[data-testid=checked-out]")
    record.refresh_from_db()
    assert record.state == RecordState.PENDING and record.hours >= 2
    assert _fits(phone)
    phone.screenshot(path=str(SHOTS / "volunteer-checked-out-375.png"), full_page=True)
    assert external == []

    # The league (the level above 东胜区) is told through the inbox and approves.
    league, _ = _login(browser, live_server, "ordos_cadre")
    league.goto(f"{live_server.url}/notifications/")
    assert "娜仁" in league.inner_text("[data-testid=notification]")
    league.goto(f"{live_server.url}/volunteer/approvals/")
    league.click("[data-testid=approve-all]")
    league.wait_for_selector("[data-testid=approvals]")
    record.refresh_from_db()
    assert record.state == RecordState.APPROVED

    team_page, _ = _login(browser, live_server, "county_cadre", width=375)
    team_page.goto(f"{live_server.url}/volunteer/teams/{team.pk}/")
    assert float(team_page.inner_text("[data-testid=team-hours]")) == float(record.hours)
    assert _fits(team_page)
