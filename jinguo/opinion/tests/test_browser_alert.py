"""The alert flow in Debian's Chromium: a negative mention with high reach pushed through the API raises a red
alert for the county it names; nobody acknowledges it in time, so the sweep tells the league; the county's cadre,
on her phone, follows her bell to the alert, opens the incident file and takes it through its four steps."""

import datetime

from jinguo.browser import SHOTS, needs_chromium
from jinguo.core import notify
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.opinion.models import Alert, Incident
from jinguo.opinion.tests.conftest import item
from jinguo.outreach.tests.test_browser_lecture import _login

pytestmark = needs_chromium
PHONE = 375
NEWS = "达拉特一名妇女遭受家暴，邻居多次报警无人处理，网友愤怒，要求严惩施暴者"


def test_a_pushed_mention_raises_an_alert_that_escalates_and_is_handled_on_a_phone(
    transactional_db, live_server, client, actors, tree, region_source, red_rule, browser
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    token = api_token_create(actor=SYSTEM, user=actors["region_cadre"])
    r = client.post(
        "/api/v1/mentions",
        {"source": region_source.pk, "items": [item(1, title="达拉特家暴", text=NEWS, reach=50000)]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert r.status_code == 200 and r.json()["created"] == 1
    alert = Alert.objects.get()
    assert (alert.org.code, alert.level) == ("150621", "red")
    notify.sweep(now=alert.due_at + datetime.timedelta(minutes=1))  # an hour passed, nobody acknowledged

    # The league was told: its cadre sees the escalation on the alert page.
    league, external = _login(browser, live_server, "ordos_cadre")
    league.goto(f"{live_server.url}/opinion/alerts/{alert.pk}/")
    assert "ordos_cadre" in league.inner_text("[data-testid=alert-escalated]")
    assert external == []

    # The county's cadre follows her bell on her phone and handles it.
    phone, external = _login(browser, live_server, "sibling_cadre", width=PHONE)
    phone.click("[data-testid=bell]")
    phone.wait_for_url(f"{live_server.url}/notifications/")
    phone.locator("[data-testid=notification]").filter(has_text="达拉特家暴").first.locator("a").first.click()
    phone.wait_for_url(f"{live_server.url}/opinion/alerts/{alert.pk}/")
    assert phone.inner_text("[data-testid=alert-unit]") and phone.is_visible("[data-testid=open-incident]")
    phone.screenshot(path=str(SHOTS / "opinion-alert-375.png"), full_page=True)
    phone.click("[data-testid=open-incident]")
    phone.wait_for_url(f"{live_server.url}/opinion/incidents/*/")
    for text in ("研判：属实，涉及家暴", "已上报自治区妇联", "已回应网民关切", "当事人已安置"):
        phone.fill("[data-testid=step-text]", text)
        if phone.locator("#id_review").count():
            phone.fill("#id_review", "复盘：响应及时")
        phone.click("[data-testid=step-submit]")
        phone.wait_for_selector("[data-testid=incident-state]")
    incident = Incident.objects.get()
    assert incident.state == "reviewed" and incident.review == "复盘：响应及时"
    alert.refresh_from_db()
    assert alert.state != "open"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE + 1
    phone.screenshot(path=str(SHOTS / "opinion-incident-375.png"), full_page=True)
    assert external == []
