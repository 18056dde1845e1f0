"""API lists never count a whole region to answer a page: a last page is counted by its length, any other page
counts at most API_COUNT_CAP + 1 rows and says when there are more."""

import pytest

from jinguo.api import params
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create


@pytest.fixture
def get(client, actors, tree):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['region_cadre'])}"}

    def _get(query):
        r = client.get(f"/api/v1/orgs?level=county&{query}", **auth)
        assert r.status_code == 200, r.content
        return r.json()

    return _get


def test_a_page_below_the_cap_is_counted_exactly(get):
    counties = get("limit=1000")
    total = len(counties["items"])
    assert total > 3 and counties["count"] == total and counties["count_capped"] is False
    first = get("limit=2")
    assert first["count"] == total and first["count_capped"] is False and len(first["items"]) == 2
    last = get(f"limit=2&offset={total - 1}")
    assert len(last["items"]) == 1 and last["count"] == total
    beyond = get(f"limit=2&offset={total + 5}")
    assert beyond["items"] == [] and beyond["count"] == total


def test_above_the_cap_the_count_stops_and_says_so(get, monkeypatch):
    total = get("limit=1000")["count"]
    monkeypatch.setattr(params, "API_COUNT_CAP", 3)
    page = get("limit=2")
    assert page["count"] == 3 and page["count_capped"] is True
    last = get(f"limit=2&offset={total - 1}")  # the last page knows the total
    assert last["count"] == total and last["count_capped"] is False


def test_the_capped_count_reads_at_most_cap_plus_one_rows(get, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(params, "API_COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as ctx:
        get("limit=2")
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts
