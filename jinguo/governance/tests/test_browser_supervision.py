"""At 375 px in Chromium: a village cadre records a 微监督 item and closes it, and the county's micro-governance page
changes (the item counted, then no longer open)."""

from jinguo.browser import needs_chromium, sign_in
from jinguo.conftest import PASSWORD

pytestmark = needs_chromium


def _login(browser, live_server, username):
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="zh-CN")
    sign_in(page, live_server.url, username, PASSWORD)
    return page


def _fits(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


def _cell(page, live_server):
    page.goto(f"{live_server.url}/governance/")
    row = page.locator("[data-testid='row-150602100200'] td")
    return row.nth(5).inner_text().strip(), page.locator("[data-testid='open-150602100200']").inner_text().strip()


def test_a_village_cadre_records_and_closes_an_item_and_the_county_page_changes(
    transactional_db, live_server, actors, tree, browser
):
    county = _login(browser, live_server, "county_cadre")
    before = _cell(county, live_server)
    assert before == ("·", "—")
    _fits(county)

    village = _login(browser, live_server, "village_cadre")
    village.goto(f"{live_server.url}/governance/")
    _fits(village)
    village.click("[data-testid='new-supervision']")
    village.fill("#id_title", "广场路灯损坏")
    village.fill("#id_raised_by", "村民代表")
    _fits(village)
    village.click("form.card button.btn-primary[type=submit]")
    village.wait_for_selector("[data-testid='record-state']")
    assert "广场路灯损坏" in village.inner_text("h2")

    counted = _cell(county, live_server)
    assert counted[0] == "1" and counted[1] != "—"  # one item this year, and it is open

    village.fill("#id_outcome_close", "已更换路灯，向村民代表反馈")
    village.click("[data-testid='act-close']")
    village.wait_for_selector("[data-testid='act-reopen']")
    _fits(village)

    closed = _cell(county, live_server)
    assert closed == ("1", "—")  # still counted for the year, no longer open
