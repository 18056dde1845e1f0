"""The venue map in Chromium: the demo venues stand on the map as points; clicking one opens its page."""

from jinguo.browser import needs_chromium, sign_in
from jinguo.conftest import PASSWORD
from jinguo.orgs.demo import seed_article_places
from jinguo.venues.demo import seed_kinds, seed_venues
from jinguo.venues.models import Venue

pytestmark = needs_chromium


def test_the_demo_venues_are_points_and_a_click_opens_one(transactional_db, live_server, actors, tree, browser):
    seed_article_places(out=print, options={})
    seed_kinds(out=print, options={})
    seed_venues(out=print, options={})
    total = Venue.objects.filter(lng__isnull=False).count()
    base = Venue.objects.get(name="八里罕镇巾帼宣讲基地")
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    sign_in(page, live_server.url, "region_cadre", PASSWORD)
    page.goto(f"{live_server.url}/venues/map/")
    page.wait_for_selector(f"#venue-map[data-rendered='{total}']")
    drawn = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('venue-map')).getOption().series"
        ".reduce((n, s) => n + s.data.length, 0)"
    )
    assert drawn == total
    # Zoom on the league of 八里罕镇 so its three venues stand apart, then click the 巾帼宣讲基地.
    page.goto(f"{live_server.url}/venues/map/?code=150400")
    n = Venue.objects.filter(org_path__startswith="1504", lng__isnull=False).count()
    page.wait_for_selector(f"#venue-map[data-rendered='{n}']")
    page.wait_for_timeout(800)  # the map's entry animation
    x, y = page.evaluate(
        "([lng, lat]) => { const el = document.getElementById('venue-map'); const c = echarts.getInstanceByDom(el);"
        " const p = c.convertToPixel({geoIndex: 0}, [lng, lat]); const r = el.getBoundingClientRect();"
        " return [r.x + p[0], r.y + p[1]]; }",
        [float(base.lng), float(base.lat)],
    )
    page.mouse.click(x, y)
    page.wait_for_url(f"**/venues/{base.pk}/")
    assert "八里罕镇巾帼宣讲基地" in page.inner_text("h2")


def test_the_map_at_375_px(transactional_db, live_server, actors, tree, browser):
    seed_article_places(out=print, options={})
    seed_kinds(out=print, options={})
    seed_venues(out=print, options={})
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="zh-CN")
    sign_in(page, live_server.url, "county_cadre", PASSWORD)
    page.goto(f"{live_server.url}/venues/map/")
    n = Venue.objects.filter(org_path__startswith="150602", lng__isnull=False).count()
    page.wait_for_selector(f"#venue-map[data-rendered='{n}']")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
