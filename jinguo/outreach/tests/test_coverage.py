"""Coverage (全覆盖): which units below held at least one lecture, per level, and the gaps."""

import datetime

import pytest

from jinguo.core.periods import parse_period
from jinguo.orgs.models import Level
from jinguo.outreach.models import Campaign
from jinguo.outreach.selectors import coverage, coverage_gaps
from jinguo.outreach.services import lecture_verify
from jinguo.outreach.tests.factories import new_lecture


@pytest.fixture
def q(calendar):
    """A past quarter, so every lecture in it may be held."""
    last_year = min(calendar["annual"])
    return parse_period(f"{last_year}Q3")


@pytest.fixture
def checker(tree):
    """A second cadre of the region, who verifies what region_cadre records."""
    from jinguo.conftest import make_user
    from jinguo.core.roles import Role

    return make_user("region_checker", Role.CADRE, tree["150000"])


def _held(actors, org, calendar, lecturer, q, *, verify=True, checker=None, **kw):
    lec = new_lecture(actors["region_cadre"], org, calendar, lecturer, day=q.start + datetime.timedelta(days=10), **kw)
    if verify:
        lecture_verify(actor=checker, lecture=lec)
    return lec


def test_a_village_lecture_covers_its_town_county_and_league(actors, tree, calendar, lecturer, q, checker):
    _held(actors, tree["150602100200"], calendar, lecturer, q, checker=checker)
    c = coverage(tree["150000"], q)
    levels = {lv.level: (lv.covered, lv.units) for lv in c.levels}
    assert levels == {"league": (1, 12), "county": (1, 103), "town": (1, 3), "village": (1, 3)}
    ordos = next(ch for ch in c.children if ch.org.code == "150600")
    assert ordos.count == 1 and ordos.covered and c.lectures == 1
    assert sum(ch.covered for ch in c.children) == 1


def test_a_village_with_no_lecture_appears_in_the_gaps(actors, tree, calendar, lecturer, q, checker):
    _held(actors, tree["150602100200"], calendar, lecturer, q, checker=checker)
    c = coverage(tree["150602"], q)
    gaps = [u.code for u in coverage_gaps(c, Level.VILLAGE)]
    assert gaps == ["150602001001"]  # 天骄社区 held nothing; 漫赖村 did
    assert [u.code for u in coverage_gaps(c, Level.TOWN)] == ["150602001"]
    assert {(ch.org.code, ch.count) for ch in c.children} == {("150602001", 0), ("150602100", 1)}


def test_only_verified_lectures_count_unless_asked(actors, tree, calendar, lecturer, q, checker):
    _held(actors, tree["150602100200"], calendar, lecturer, q, verify=False)
    assert coverage(tree["150000"], q).lectures == 0
    assert coverage(tree["150000"], q, basis="reported").lectures == 1


def test_planned_lectures_and_other_periods_do_not_count(actors, tree, calendar, lecturer, q, checker):
    _held(actors, tree["150602"], calendar, lecturer, q, checker=checker)
    later = parse_period(f"{q.year}Q4")
    assert coverage(tree["150000"], later, basis="reported").lectures == 0
    new_lecture(actors["county_cadre"], tree["150602"], calendar, lecturer, held=False, audience_count=None)
    assert coverage(tree["150000"], parse_period(str(datetime.date.today().year)), basis="reported").lectures == 0


def test_coverage_per_theme_and_per_campaign(actors, tree, calendar, lecturer, q, checker):
    campaigns = list(Campaign.objects.order_by("pk"))
    _held(actors, tree["150602"], calendar, lecturer, q, checker=checker, campaign=campaigns[0])
    quarter = calendar["quarter"][(q.year, 3)]
    month = calendar["month"][(q.year, q.start.month)]
    assert coverage(tree["150000"], q, theme=quarter).lectures == 1  # the month's focus sits under the quarter
    assert coverage(tree["150000"], q, theme=calendar["month"][(q.year, 9)]).lectures == 0
    assert coverage(tree["150000"], q, theme=month).lectures == 1
    assert coverage(tree["150000"], q, campaign=campaigns[0]).lectures == 1
    assert coverage(tree["150000"], q, campaign=campaigns[1]).lectures == 0
    c = coverage(tree["150000"], q, breakdowns=True)
    by_campaign = {b.key.pk: b.covered for b in c.by_campaign}
    assert by_campaign[campaigns[0].pk] == 1 and by_campaign[campaigns[1].pk] == 0
    by_theme = {b.key.pk: b.covered for b in c.by_theme}
    assert by_theme[quarter.pk] == 1 and by_theme[calendar["annual"][q.year].pk] == 1


def test_the_coverage_page_drills_down_and_lists_gaps(login, actors, tree, calendar, lecturer, q, checker):
    _held(actors, tree["150602100200"], calendar, lecturer, q, checker=checker)
    client = login(actors["region_cadre"])
    body = client.get(f"/outreach/coverage/?period={q.code}").content.decode()
    assert 'data-testid="coverage-league">8.3%' in body  # 1 of 12
    body = client.get(f"/outreach/coverage/?under=150602&period={q.code}&gaps=village").content.decode()
    assert "天骄社区" in body and "150602001001" in body


def test_a_county_reads_its_own_coverage_only(login, actors, tree, q, calendar):
    client = login(actors["county_cadre"])
    assert client.get(f"/outreach/coverage/?period={q.code}").context["c"].under.code == "150602"
    assert client.get(f"/outreach/coverage/?under=150621&period={q.code}").status_code == 404
    assert client.get(f"/outreach/coverage/?under=150600&period={q.code}").status_code == 404


def test_the_gaps_table_heads_the_unit_code_as_a_division_code_not_a_verification_code(login, actors, q, settings):
    client = login(actors["county_cadre"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(f"/outreach/coverage/?period={q.code}&gaps=village").content.decode()
    gaps = body[body.index('data-testid="coverage-gaps"') :]
    assert "<th>区划代码</th>" in gaps[: gaps.index("</thead>")]
    assert "验证码" not in body
