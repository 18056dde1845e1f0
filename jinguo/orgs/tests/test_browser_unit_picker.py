"""On a 375-px phone a county cadre records a lecture, choosing where it was held by typing 敖包 in the picker."""

from django.utils import timezone

from jinguo.browser import SHOTS, needs_chromium
from jinguo.core.actors import SYSTEM
from jinguo.orgs.services import org_bulk_create
from jinguo.outreach.models import Lecture
from jinguo.outreach.services import lecturer_add, team_create
from jinguo.outreach.tests.test_browser_lecture import _login

pytestmark = needs_chromium


def test_a_county_cadre_picks_the_village_by_typing_its_name(
    transactional_db, live_server, actors, tree, calendar, lecturer, browser
):
    org_bulk_create(actor=SYSTEM, rows=[("150602001002", "敖包社区")])
    team = team_create(actor=actors["county_cadre"], org=tree["150602"], name="东胜区北疆巾帼宣讲团")
    lecturer_add(actor=actors["county_cadre"], team=team, person=lecturer)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone, external = _login(browser, live_server, "county_cadre", width=375)
    phone.goto(f"{live_server.url}/outreach/lectures/new/")
    phone.fill("#id_title", "家风家教故事会")
    phone.fill("[data-testid=unit-search]", "敖包")
    phone.wait_for_selector("[data-testid=pick-150602001002]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    phone.screenshot(path=str(SHOTS / "unit-picker-375.png"), full_page=True)
    phone.click("[data-testid=pick-150602001002]")
    assert phone.input_value("#id_org_code") == "150602001002"
    assert "敖包社区" in phone.inner_text("[data-testid=unit-chosen]")
    phone.select_option("select[name=team]", str(team.pk))
    phone.wait_for_selector(f"#lecturer-options input[value='{lecturer.pk}']")
    phone.check(f"#lecturer-options input[value='{lecturer.pk}']")
    today = timezone.localdate()
    phone.select_option("#id_theme", str(calendar["month"][(today.year, today.month)].pk))
    phone.select_option("#id_topic", index=1)
    phone.select_option("#id_audience_group", index=1)
    phone.fill("#id_audience_count", "28")
    phone.click("[data-testid=save-lecture]")
    phone.wait_for_url(f"{live_server.url}/outreach/lectures/*/")
    assert Lecture.objects.get().org_path == "150602001002"
    assert external == []
