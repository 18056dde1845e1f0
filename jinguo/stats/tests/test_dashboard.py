import datetime

import pytest

from jinguo.core.periods import parse_period
from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create
from jinguo.stats import selectors


@pytest.fixture
def births(actors, tree, births_metric):
    def add(unit, day, seq):
        person_create(
            actor=actors["region_cadre"],
            org=tree[unit],
            name="人",
            gender="F",
            ethnicity="汉族",
            birth_date=day,
            id_number=make_id_number(unit[:6], day, seq),
        )

    return add


def test_figures_coverage_ranking_and_gaps(actors, tree, births, births_metric):
    births("150602100200", datetime.date(2001, 2, 1), 1)
    births("150602100200", datetime.date(2001, 3, 1), 2)
    births("150621100200", datetime.date(2000, 11, 1), 3)  # previous quarter
    d = selectors.dashboard(actors["region_cadre"], tree["150600"], parse_period("2001Q1"))
    fig = next(f for f in d.figures if f.metric.key == "test.births")
    assert (fig.value, fig.previous, fig.change) == (2, 1, 100.0)
    cov = {c["level"]: (c["covered"], c["total"]) for c in d.coverage}
    assert cov["county"] == (1, 9) and cov["village"] == (1, 3)
    assert d.children[0]["org"].code == "150602"
    assert "150621" in [g.code for g in d.gaps] and "150602" not in [g.code for g in d.gaps]
    assert d.trend["series"]["test.births"][-1] == 1  # March 2001


def test_a_custom_period_sums_its_months(actors, tree, births, births_metric):
    births("150602100200", datetime.date(2001, 2, 10), 1)
    births("150602001001", datetime.date(2001, 4, 10), 2)
    births("150602001001", datetime.date(2001, 6, 10), 3)
    d = selectors.dashboard(actors["region_cadre"], tree["150602"], parse_period("2001-02-01..2001-04-30"))
    assert next(f.value for f in d.figures if f.metric.key == "test.births") == 2
    assert {c["level"]: c["covered"] for c in d.coverage}["village"] == 2


def test_dashboard_query_count_is_fixed(login, actors, tree, births, births_metric, assert_queries):
    client = login(actors["region_cadre"])
    births("150602100200", datetime.date(2001, 2, 1), 1)
    with assert_queries(11):
        assert client.get("/dashboard/?code=150000&period=2001Q1").status_code == 200
    for i in range(40):
        births(
            ["150602100200", "150621100200", "150602001001"][i % 3], datetime.date(2001, 1 + i % 3, 1 + i % 28), 10 + i
        )
    with assert_queries(11):
        assert client.get("/dashboard/?code=150000&period=2001Q1").status_code == 200
    with assert_queries(13):
        assert client.get("/dashboard/?code=150602&period=2001-01-01..2001-03-31").status_code == 200


def test_the_dashboard_is_scoped(login, actors):
    client = login(actors["county_cadre"])
    assert client.get("/dashboard/?code=150621").status_code == 404
    assert client.get("/dashboard/").status_code == 200


def test_a_bad_period_gets_a_message(login, actors):
    r = login(actors["county_cadre"]).get("/dashboard/?period=2026Q9", follow=True)
    assert r.status_code == 200 and "alert-danger" in r.content.decode()


@pytest.mark.parametrize("text", ["2026-13", "2026Q0", "abc", "2026-03-01..2026-01-01"])
def test_period_parser_refuses_nonsense(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        parse_period(text)


def test_period_parser_and_previous():
    assert parse_period("2026Q3").previous().code == "2026Q2"
    assert parse_period("2026Q1").previous().code == "2025Q4"
    assert parse_period("2026-01").previous().code == "2025-12"
    assert parse_period("2026").previous().code == "2025"
    assert parse_period("2026-02-01..2026-02-10").previous().end == datetime.date(2026, 1, 31)


def test_every_coverage_metric_has_its_row(login, actors, tree):
    """The first coverage metric gets the big figures; the others (volunteer activities, the 妇女之家 in use,
    micro-governance …) a row each, per level, from the same query."""
    from jinguo.stats.selectors import dashboard_metrics

    others = [m for m in dashboard_metrics() if m.coverage][1:]
    page = login(actors["region_cadre"]).get("/dashboard/?code=150000").content.decode()
    table = page[page.index('data-testid="other-coverage"') :]
    table = table[: table.index("</table>")]
    assert others and all(str(m.label) in table for m in others)
    assert table.count("<tr>") == len(others) + 1
