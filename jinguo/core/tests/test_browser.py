"""Login → tree → person list in Debian's Chromium, driven by Playwright (at phone width too).

Runs where /usr/bin/chromium exists (`make browser-deps`, which .ci/run calls); skips elsewhere.
"""

import pytest

from jinguo.browser import SHOTS, needs_chromium
from jinguo.conftest import PASSWORD
from jinguo.people.tests.factories import new_person

pytestmark = needs_chromium


@pytest.mark.parametrize("width", [1280, 375])
def test_login_tree_people(transactional_db, live_server, actors, tree, browser, width):
    person = new_person(actors["county_cadre"], tree["150602100200"], name="其其格")
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    external = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) or r.url.startswith("data:") else external.append(r.url),
    )
    page.goto(f"{live_server.url}/login/")
    assert "登录" in page.title()
    page.fill("#id_username", "county_cadre")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/orgs/")
    assert "东胜区" in page.inner_text("h2")
    # Expand the town in place (HTMX) and see its village.
    page.click("#children-150602 a[hx-get='?code=150602100']")
    page.wait_for_selector("#slot-150602100 >> text=漫赖村")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"tree-{width}.png"), full_page=True)

    page.goto(f"{live_server.url}/people/")
    table = page.locator("[data-testid=people-table]")
    assert "其其格" in table.inner_text()
    assert person.id_number_masked in page.content()
    page.screenshot(path=str(SHOTS / f"people-{width}.png"), full_page=True)
    page.click("text=其其格")
    page.click("#id-number button")
    revealed = page.wait_for_selector("[data-testid=revealed-id_number]").inner_text()
    assert revealed.endswith(person.id_number_masked[-4:]) and "*" not in revealed
    assert external == []
    if width == 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
