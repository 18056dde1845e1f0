"""The monthly matrix report's printable page draws its charts (SVG, so they print sharp): the leading accounts
by communication index and the reads by platform, from last month's daily rows."""

import datetime

from django.utils import timezone

from jinguo.browser import SHOTS, needs_chromium
from jinguo.core.actors import SYSTEM
from jinguo.media import services
from jinguo.outreach.tests.test_browser_lecture import _login

pytestmark = needs_chromium


def test_the_printable_report_draws_its_charts(transactional_db, live_server, actors, accounts, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    last = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    rows = [
        {"account": a, "day": last - datetime.timedelta(days=d), "reads": 1000 * (i + 1) + d, "likes": 10 * i}
        for i, a in enumerate(accounts.values())
        for d in range(5)
    ]
    services.metrics_write(actor=SYSTEM, rows=rows)
    page, external = _login(browser, live_server, "region_cadre")
    page.goto(f"{live_server.url}/matrix/report/")
    page.wait_for_selector('[data-media-chart="leaders"] svg')
    page.wait_for_selector('[data-media-chart="platforms"] svg')
    assert "北疆女声" in page.inner_text('[data-media-chart="leaders"]')
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / "media-report-print.png"), full_page=True)
    assert page.is_hidden(".navbar") or page.locator(".navbar").count() == 0
    assert external == []
