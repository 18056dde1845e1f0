"""A working day in Chromium for a region, league, county and village user, at 1440 and 375 px.

Every entry of the side menu, the actions of those pages (the statistics report, the forms), one unit down from
each page of a unit (dashboard, org tree, coverage), and every breadcrumb link met on the way: each page is
inside the layout (the menu, the header; a public page its own, with the way back), none is an error page,
none is wider than the phone, none throws a JavaScript error, and none shows a string of the catalogue in
English (jinguo.browser.untranslated: the visible text is matched against every msgid of the .po file).
An error page (the dashboard of a unit that does not exist) is checked the same way.

Slow (about a minute per user): `pytest -m "not slow"` leaves it out.
"""

import re
from urllib.parse import urljoin

import pytest

from jinguo.browser import SHOTS, VISIBLE_TEXT_JS, catalogue_patterns, needs_chromium, sign_in, untranslated
from jinguo.conftest import PASSWORD

pytestmark = [needs_chromium, pytest.mark.slow]

WIDTHS = (1440, 375)
# From a page of one unit, its first unit below: the walk goes one level down, then back up by the breadcrumbs.
DRILL = {
    "/dashboard/": "[data-testid=ranking-table] tbody a",
    "/orgs/": "[data-testid^=children-] .tree-row > a:not([hx-get])",
    "/outreach/coverage/": "[data-testid=coverage-children] tbody a",
}
DOWNLOAD = re.compile(r"format=|\.xlsx|/export|template")
# What the layout is made of: a page without these is a bare page.
LAYOUT = ["aside.navbar-vertical", "header.navbar [data-testid=current-user]", ".page-wrapper .page-body"]
PUBLIC_LAYOUT = ["[data-testid=public-header] a[href='/']", "[data-testid=back-to-platform]"]


@pytest.fixture
def workday(transactional_db, actors, tree):
    """The demo, small: teams, lectures with gaps, study sessions, a contest, people in every county."""
    from jinguo.core.demo import build_demo

    build_demo(generate_units=False, people_per_county=1, per_county=(2, 3))
    return actors


def check_page(page, url: str, width: int, patterns, problems: list[str], *, error_page: bool = False) -> None:
    # A page for the public (contest results, check-in) has a slim layout of its own, with the way back.
    public = page.locator("[data-testid=public-header]").count() > 0
    for selector in PUBLIC_LAYOUT if public else LAYOUT:
        if page.locator(selector).count() == 0:
            problems.append(f"{width}px {url}: no {selector} (a page without the layout)")
    if (page.locator("[data-testid=error-page]").count() > 0) != error_page:
        problems.append(f"{width}px {url}: {'no ' if error_page else ''}error page")
    if width < 576:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"{width}px {url}: {scroll}px wide")
        if not public and not page.locator("[data-testid=current-user]").is_visible():
            problems.append(f"{width}px {url}: the user's name is hidden")
    for text, msgid in untranslated(page.evaluate(VISIBLE_TEXT_JS), patterns):
        problems.append(f"{width}px {url}: untranslated {text!r} (msgid {msgid!r})")


def walk(browser, base: str, username: str, width: int, patterns) -> tuple[list[str], list[str]]:
    """Log in, then visit every menu entry, a unit below each page of a unit, and every breadcrumb link."""
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"{width}px {page.url}: {e}"))
    sign_in(page, base, username, PASSWORD)
    menu = page.eval_on_selector_all("aside a.nav-link", "els => els.map(e => e.getAttribute('href'))")
    assert len(menu) >= 8, menu
    queue = [(url, True) for url in menu]
    seen: set[str] = set()
    problems: list[str] = []
    while queue:
        url, from_menu = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(base + url)
        page.wait_for_load_state("load")
        if response is None or response.status != 200:
            problems.append(f"{width}px {url}: HTTP {response.status if response else '?'}")
        check_page(page, url, width, patterns, problems)
        path = url.split("?")[0]
        crumbs = page.eval_on_selector_all("[data-testid=breadcrumbs] a", "els => els.map(e => e.getAttribute('href'))")
        queue += [(urljoin(url, href), False) for href in crumbs]
        if from_menu:  # the page's own actions (the statistics report, a form to record …), downloads aside
            actions = page.eval_on_selector_all(
                ".page-header .btn-list a[href]", "els => els.map(e => e.getAttribute('href'))"
            )
            queue += [(urljoin(url, href), False) for href in actions if not DOWNLOAD.search(href)]
        if from_menu and path in DRILL and page.locator(DRILL[path]).count():
            queue.append((urljoin(url, page.locator(DRILL[path]).first.get_attribute("href")), False))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/dashboard/")
    page.screenshot(path=str(SHOTS / f"walk-{username}-{width}.png"), full_page=True)
    # An error page too: a unit outside the user's units (or a made-up one) is a 404 inside the layout.
    url = "/dashboard/?code=159999"
    response = page.goto(base + url)
    assert response.status == 404
    check_page(page, url, width, patterns, problems, error_page=True)
    page.close()
    return problems + errors, sorted(seen)


@pytest.mark.parametrize(
    "username, has_units_below",
    [("region_cadre", True), ("ordos_cadre", True), ("county_cadre", True), ("village_cadre", False)],
)
def test_a_working_day_in_the_layout_translated_and_phone_wide(
    workday, live_server, browser, username, has_units_below
):
    patterns = catalogue_patterns()
    problems, visited = [], set()
    for width in WIDTHS:
        found, seen = walk(browser, live_server.url, username, width, patterns)
        problems += found
        visited.update(seen)
    went_down = any(url.startswith(("/dashboard/?code=", "/orgs/?code=", "/outreach/coverage/?")) for url in visited)
    assert went_down == has_units_below, visited
    assert problems == [], "\n".join(problems)


def test_the_check_finds_english_on_a_page(workday, live_server, browser):
    """The same check on the English page must complain: it can fail."""
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-US")
    sign_in(page, live_server.url, "county_cadre", PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/dashboard/")
    found = untranslated(page.evaluate(VISIBLE_TEXT_JS), catalogue_patterns())
    assert {"Dashboard", "Log out", "Units below"} <= {msgid for _text, msgid in found}
