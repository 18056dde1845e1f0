"""The dashboard map in Chromium: every league coloured; clicking a league drills into its counties."""

import datetime

from jinguo.browser import needs_chromium, sign_in
from jinguo.conftest import PASSWORD
from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create

pytestmark = needs_chromium


def test_map_colours_every_league_and_drills_down(transactional_db, live_server, actors, tree, browser):
    for i, league in enumerate(OrgUnit.objects.filter(level=Level.LEAGUE).order_by("path")):
        county = OrgUnit.objects.filter(parent=league).order_by("path").first()
        day = datetime.date(1985, 1, 1 + i)
        person_create(
            actor=SYSTEM,
            org=county,
            name="人",
            gender="F",
            ethnicity="汉族",
            birth_date=day,
            id_number=make_id_number(county.code, day, i),
        )
    year = datetime.date.today().year
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    sign_in(page, live_server.url, "region_cadre", PASSWORD)
    page.goto(f"{live_server.url}/dashboard/?code=150000&period={year}&metric=people.registered")
    page.wait_for_selector("#map-chart[data-rendered='12']")
    values = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data"
        ".map(d => [d.name, d.value])"
    )
    assert len(values) == 12 and all(v > 0 for _, v in values), values
    # Click 鄂尔多斯市 where the map draws it.
    page.locator("#map-chart").scroll_into_view_if_needed()
    page.wait_for_timeout(1200)  # the map's entry animation
    x, y = page.evaluate(
        "() => { const c = echarts.getInstanceByDom(document.getElementById('map-chart'));"
        " const p = c.convertToPixel({seriesIndex: 0}, [109.0, 39.6]);"
        " const r = document.getElementById('map-chart').getBoundingClientRect(); return [r.x + p[0], r.y + p[1]]; }"
    )
    page.mouse.click(x, y)
    page.wait_for_url("**code=150600**")
    page.wait_for_selector("#map-chart[data-rendered='9']")
    assert "鄂尔多斯市" in page.inner_text("h2")
