"""The whole cycle of a nomination in Debian's Chromium, on a 375-px phone and a 1440-px screen: a village
cadre nominates on her phone, the county, the league and the region each follow their inbox to it and advance
it, the region publishes the notice, a member of the public objects on her phone, the region investigates and
concludes, approves, and the honour is in the registry."""

import datetime

from django.utils import timezone

from jinguo.browser import SHOTS, needs_chromium
from jinguo.core.actors import SYSTEM
from jinguo.honors import services
from jinguo.honors.models import Honour, Nomination, NominationState, Notice, Objection
from jinguo.outreach.tests.test_browser_lecture import _login
from jinguo.people.tests.factories import new_person

pytestmark = needs_chromium
PHONE, WIDE = 375, 1440


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def _follow_inbox(browser, live_server, username, width, n) -> object:
    """Log in, open the bell's inbox, follow the review request to the nomination."""
    page, external = _login(browser, live_server, username, width=width)
    page.click("[data-testid=bell]")
    page.wait_for_url(f"{live_server.url}/notifications/")
    item = page.locator("[data-testid=notification]").filter(has_text=n.person.name).first
    item.locator("a").first.click()
    page.wait_for_url(f"{live_server.url}/honors/nominations/{n.pk}/")
    _fits(page, width)
    assert external == []
    return page


def _advance(page, n, expected: str) -> None:
    page.click("[data-testid=advance]")
    page.wait_for_selector("[data-testid=nomination-state]")
    n.refresh_from_db()
    assert n.state == expected


def test_a_nomination_goes_from_a_village_phone_to_the_registry(
    transactional_db, live_server, actors, tree, titles, browser
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    programme = services.programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=titles["hongqishou"],
        year=today.year,
        nominate_until=today + datetime.timedelta(days=10),
        review_until=today + datetime.timedelta(days=40),
        places=5,
        criteria=[("事迹突出", 60), ("群众认可", 40)],
    )
    family = services.programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=titles["zuimei"],
        year=today.year,
        nominate_until=today + datetime.timedelta(days=10),
        review_until=today + datetime.timedelta(days=40),
        places=5,
        criteria=[("家风", 100)],
    )
    person = new_person(SYSTEM, tree["150602100200"], name="乌云其其格")

    # 1. The village cadre nominates on her phone.
    phone, external = _login(browser, live_server, "village_cadre", width=PHONE)
    phone.goto(f"{live_server.url}/honors/nominations/new/?q=乌云其其格&programme={programme.pk}")
    # the programme's kind shows the nominee's fields that apply: a family's for 最美家庭, a person's for 红旗手
    phone.select_option("#id_programme", str(family.pk))
    assert phone.is_hidden("#id_person") and phone.is_visible("#id_family_name")
    phone.select_option("#id_programme", str(programme.pk))
    assert phone.is_visible("#id_person") and phone.is_hidden("#id_family_name") and phone.is_hidden("#id_group_name")
    phone.fill("#id_org_code", "150602100200")
    phone.select_option("#id_person", str(person.pk))
    phone.fill("#id_summary", "扎根牧区二十年的村妇联主席")
    phone.fill("#id_deeds", "带领姐妹发展刺绣合作社，带动三百名妇女就业。")
    phone.fill("#id_consent_given_by", "乌云其其格")
    phone.fill("#id_consent_method", "书面同意书")
    phone.check("#id_submit_now")
    _fits(phone, PHONE)
    phone.screenshot(path=str(SHOTS / "nomination-form-375.png"), full_page=True)
    phone.click("[data-testid=form-save]")
    phone.wait_for_url(f"{live_server.url}/honors/nominations/*/")
    n = Nomination.objects.select_related("person").get()
    assert n.state == NominationState.SUBMITTED
    _fits(phone, PHONE)
    assert external == []

    # 2. Each level follows its inbox to it and advances it: county (wide), league (phone), region (wide).
    county = _follow_inbox(browser, live_server, "county_cadre", WIDE, n)
    _advance(county, n, NominationState.LEAGUE)
    league = _follow_inbox(browser, live_server, "ordos_cadre", PHONE, n)
    league.screenshot(path=str(SHOTS / "nomination-league-375.png"), full_page=True)
    _advance(league, n, NominationState.REGION_PRE)
    region = _follow_inbox(browser, live_server, "region_cadre", WIDE, n)
    _advance(region, n, NominationState.REGION_FINAL)

    # 3. The region publishes the notice.
    region.goto(f"{live_server.url}/honors/programmes/{programme.pk}/notices/new/")
    region.select_option("#id_stage", "region_final")
    region.fill("#id_org_code", "150000")
    region.fill("#id_start", today.isoformat())
    region.click("[data-testid=form-save]")
    region.wait_for_selector("[data-testid=notice-period]")
    notice = Notice.objects.get()
    Notice.objects.filter(pk=notice.pk).update(start=today)  # today may be a holiday: the notice covers it

    # 4. A member of the public reads it on her phone and objects.
    public = browser.new_page(viewport={"width": PHONE, "height": 800}, locale="zh-CN")
    public.goto(f"{live_server.url}/h/notices/")
    public.click("[data-testid=public-notice]")
    assert "乌云其其格" in public.inner_text("[data-testid=nominee]")
    assert person.id_number_masked not in public.content()
    public.fill("#name", "王女士")
    public.fill("#contact", "wang@example.cn")
    public.fill("#text", "合作社带动人数与实际不符，请核实。")
    _fits(public, PHONE)
    public.screenshot(path=str(SHOTS / "public-notice-375.png"), full_page=True)
    public.click("button[type=submit]")
    public.wait_for_selector(".alert-success")
    objection = Objection.objects.get()

    # 5. The region investigates and concludes, then approves.
    region.goto(f"{live_server.url}/honors/objections/{objection.pk}/")
    region.select_option("#id_assignee", str(actors["region_cadre"].pk))
    region.click("[data-testid=assign]")
    region.click("[data-testid=investigate]")
    region.fill("#id_outcome", "经实地核实，带动人数属实。")
    region.check("#id_upheld_0")
    region.click("[data-testid=conclude]")
    region.wait_for_selector("[data-testid=objection-outcome]")
    objection.refresh_from_db()
    assert objection.state == "concluded" and objection.upheld is False
    region.goto(f"{live_server.url}/honors/nominations/{n.pk}/")
    _advance(region, n, NominationState.APPROVED)

    # 6. The honour is in the registry.
    honour = Honour.objects.get(nomination=n)
    region.goto(f"{live_server.url}/honors/registry/?q=乌云")
    assert "乌云其其格" in region.inner_text("[data-testid=honour-table]")
    region.screenshot(path=str(SHOTS / "registry-1440.png"), full_page=True)
    registry_phone, _ = _login(browser, live_server, "county_cadre", width=PHONE)
    registry_phone.goto(f"{live_server.url}/honors/registry/{honour.pk}/")
    _fits(registry_phone, PHONE)
    assert honour.certificate_no in registry_phone.content()
