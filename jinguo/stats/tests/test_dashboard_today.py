"""The dashboard read on a given day: a running period set against the same days of the previous one, a trend
that stops at this month, a village without units below, figures grouped by thousands, one period label."""

import datetime
import re

import pytest

from jinguo.core.periods import current_period, parse_period
from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create
from jinguo.stats import selectors
from jinguo.stats.models import Rollup
from jinguo.stats.registry import METRICS


@pytest.fixture
def births(actors, tree, births_metric):
    def add(day, seq, unit="150602100200"):
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


def _births(d):
    return next(f for f in d.figures if f.metric.key == "test.births")


def test_a_running_quarter_is_set_against_the_same_days_of_the_previous_one(actors, tree, births):
    births(datetime.date(2001, 1, 5), 1)  # this quarter, so far
    births(datetime.date(2000, 10, 5), 2)  # previous quarter, within the same days (a whole month: roll-ups)
    births(datetime.date(2000, 11, 10), 3)  # the last day of the same days (a cut month: the records)
    births(datetime.date(2000, 11, 11), 4)  # previous quarter, after the same days
    births(datetime.date(2000, 12, 20), 5)
    today = datetime.date(2001, 2, 10)  # day 41 of 2001Q1; day 41 of 2000Q4 is 10 November
    d = selectors.dashboard(actors["region_cadre"], tree["150600"], parse_period("2001Q1"), today=today)
    assert d.same_days
    assert (d.compared_with.start, d.compared_with.end) == (datetime.date(2000, 10, 1), datetime.date(2000, 11, 10))
    assert (_births(d).value, _births(d).previous, _births(d).change) == (1, 2, -50.0)
    # Once the quarter is over, the whole previous quarter.
    d = selectors.dashboard(
        actors["region_cadre"], tree["150600"], parse_period("2001Q1"), today=datetime.date(2001, 4, 1)
    )
    assert not d.same_days and d.compared_with.code == "2000Q4" and _births(d).previous == 4


def test_a_running_month_and_year_compare_the_same_days_too():
    today = datetime.date(2026, 3, 31)
    month = parse_period("2026-03").comparison(today)
    assert (month.start, month.end) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))  # February is all
    year = parse_period("2026").comparison(datetime.date(2026, 11, 30))
    assert (year.start, year.end) == (datetime.date(2025, 1, 1), datetime.date(2025, 11, 30))
    assert parse_period("2026Q4").comparison(datetime.date(2026, 11, 30)).end == datetime.date(2026, 8, 30)
    assert parse_period("2026Q4").comparison(datetime.date(2026, 12, 31)).code == "2026Q3"  # its last day: all
    assert parse_period("2026-01-01..2026-03-31").comparison(datetime.date(2026, 2, 1)).code == (
        parse_period("2026-01-01..2026-03-31").previous().code
    )  # a custom range is the user's own choice: compared whole


def test_days_of_a_cut_month_are_counted_from_the_records_whatever_the_date_field(actors, tree):
    from jinguo.people.tests.factories import new_person
    from jinguo.stats.rollups import count_between

    new_person(actors["county_cadre"], tree["150602100200"], name="乌云")  # people.registered: created_at
    today = datetime.date.today()
    metric = [METRICS["people.registered"]]
    assert count_between(metric, "1506", today, today) == {"people.registered": 1}
    assert count_between(metric, "1506", today - datetime.timedelta(days=3), today - datetime.timedelta(days=1)) == {
        "people.registered": 0
    }
    assert count_between(metric, "1507", today, today) == {"people.registered": 0}


def test_the_trend_leaves_the_months_to_come_empty(actors, tree, births):
    births(datetime.date(2001, 2, 3), 1)
    d = selectors.dashboard(
        actors["region_cadre"], tree["150600"], parse_period("2001Q1"), today=datetime.date(2001, 2, 10)
    )
    assert d.trend["months"][-1] == "2001-03" and len(d.trend["months"]) == 12
    assert d.trend["series"]["test.births"][-3:] == [0, 1, None]  # March is to come: no point, not a zero


def test_the_page_says_what_a_running_period_is_compared_with(login, actors, settings):
    client = login(actors["county_cadre"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/dashboard/").content.decode()  # the running quarter
    window = current_period("quarter").comparison(datetime.date.today())
    if window.stored:  # the quarter's last day: compared whole
        pytest.skip("today is the last day of the quarter")
    assert re.search(
        r'data-testid="compared-with">[^<]*same days of the previous period, '
        + f"{window.start:%Y-%m-%d} to {window.end:%Y-%m-%d}",
        html,
    )


def test_a_village_dashboard_shows_no_ranking_and_no_units_below(login, actors):
    html = login(actors["village_cadre"]).get("/dashboard/").content.decode()
    assert 'data-testid="trend-chart"' in html
    for absent in ('data-testid="main-chart"', 'data-testid="ranking-table"', 'data-testid="gaps"'):
        assert absent not in html


def test_figures_are_grouped_by_thousands_in_both_languages(login, actors, settings):
    code = current_period("quarter").code
    Rollup.objects.create(metric="people.registered", period=code, org_path="1506", value=1234567)
    client = login(actors["ordos_cadre"])
    for language in ("zh-hans", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(f"/dashboard/?code=150600&period={code}").content.decode()
        assert 'data-testid="figure-people.registered">1,234,567<' in html


def test_the_period_list_labels_every_period_one_way(login, actors):
    html = login(actors["county_cadre"]).get("/dashboard/").content.decode()  # Chinese
    select = html[html.index('id="id_period"') : html.index("</select>", html.index('id="id_period"'))]
    labels = re.findall(r"<option [^>]*>([^<]+)</option>", select)
    assert len(labels) == 3 + 8 + 12
    assert all(label.startswith(("20", "19")) and "年" in label for label in labels), labels


def test_a_running_period_costs_one_query_per_record_type_more(login, actors, assert_queries):
    # The previous period's whole months are one roll-up query, as the whole previous period was; the days of
    # the month the window cuts through are read from the records: one query per record source (lectures, study
    # sessions, people, honours, subscriptions …), each over at most a month of one subtree.
    client = login(actors["region_cadre"])
    running = current_period("quarter")
    window = running.comparison(datetime.date.today())
    if window.stored:
        pytest.skip("today is the last day of the quarter: compared whole")
    cut = window.end + datetime.timedelta(days=1)
    whole_months = 1 if window.end.month != window.start.month or cut.day == 1 else 0
    from jinguo.stats.registry import METRICS

    # count_between reads each record source (model, date field, unit field) of the registered metrics once.
    sources = {(m.model, m.date_field, m.org_field) for m in METRICS.values()}
    cut_month = 0 if cut.day == 1 else len(sources)
    with assert_queries(11):
        assert client.get("/dashboard/?code=150000&period=2001Q1").status_code == 200
    with assert_queries(11 - 1 + whole_months + cut_month):
        assert client.get(f"/dashboard/?code=150000&period={running.code}").status_code == 200
