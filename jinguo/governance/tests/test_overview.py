"""The overview: a county's villages with the five lines side by side for a period (the coverage engine and the
roll-ups, a fixed number of queries); above a county, its counties with the villages each line reached."""

import datetime

from jinguo.core.actors import SYSTEM
from jinguo.governance import selectors as sel
from jinguo.governance import services
from jinguo.governance.tests.factories import new_record, yesterday


def test_the_county_page_shows_each_village_and_line(login, actors, tree, assert_queries):
    new_record(SYSTEM, "services", tree["150602100200"])
    new_record(SYSTEM, "services", tree["150602100200"], title="再一次")
    new_record(SYSTEM, "supervision", tree["150602001001"])
    period = str(yesterday().year)
    web = login(actors["county_cadre"])
    web.get(f"/governance/?period={period}")
    with assert_queries(20):  # session, user, roles, unit; the engine 2 × 5; villages, figures, 2 open counts; …
        page = web.get(f"/governance/?period={period}")
    data = page.context["data"]
    rows = {r.org.code: r.cells() for r in data.rows}
    assert rows == {"150602001001": [0, 0, 0, 0, 1], "150602100200": [0, 2, 0, 0, 0]}
    figures = {f["line"].key: (f["covered"], f["villages"], f["total"]) for f in data.figures()}
    assert figures["services"] == (1, 2, 2) and figures["supervision"] == (1, 2, 1) and figures["orgs"] == (0, 2, 0)
    assert next(r for r in data.rows if r.org.code == "150602001001").open_items == 1
    for i in range(3):
        new_record(SYSTEM, "education", tree["150602001001"], title=f"课{i}")
    with assert_queries(20):  # … whatever the number of records
        assert web.get(f"/governance/?period={period}").status_code == 200


def test_above_a_county_each_county_shows_the_villages_reached(actors, tree):
    new_record(SYSTEM, "agreements", tree["150602100200"])
    new_record(SYSTEM, "agreements", tree["150621100200"])
    data = sel.overview(tree["150600"], _year())
    rows = {r.org.code: r for r in data.rows}
    assert not data.by_village and rows["150602"].values == {"agreements": 1} and rows["150602"].villages == 2
    assert rows["150621"].values == {"agreements": 1} and rows["150621"].villages == 1


def test_a_sibling_county_is_404_and_a_closed_item_leaves_the_open_count(login, actors, tree):
    item = new_record(actors["village_cadre"], "supervision", tree["150602100200"])
    web = login(actors["county_cadre"])
    assert web.get("/governance/?code=150621").status_code == 404
    row = lambda: next(r for r in web.get("/governance/").context["data"].rows if r.org.code == "150602100200")  # noqa: E731
    assert row().open_items == 1
    services.supervision_close(actor=actors["village_cadre"], item=item, outcome="已解决")
    assert row().open_items == 0


def _year():
    from jinguo.core.periods import parse_period

    return parse_period(str(yesterday().year))


def test_the_api_overview(client, actors, tree):
    from jinguo.core.services import api_token_create

    new_record(SYSTEM, "orgs", tree["150602100200"], date=yesterday() - datetime.timedelta(days=2))
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    r = client.get(
        f"/api/v1/governance/overview?under=150602&period={yesterday().year}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert r.status_code == 200
    lines = {x["line"]: x for x in r.json()["lines"]}
    assert lines["orgs"]["covered"] == 1 and lines["orgs"]["villages"] == 2
