"""Roll-up writers wait only for writers of the same metric and year (PostgreSQL advisory locks): a long bulk load of
one metric does not hold up another metric's writes, and still serialises the writes of its own metric.
On SQLite the one write lock serialises every writer, so these run on PostgreSQL only."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from jinguo.stats import rollups
from jinguo.stats.models import Rollup

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")

HOLD = 1.5  # seconds the bulk load keeps its transaction open after writing


def _bulk_load_holding(metric: str, started: threading.Event, errors: list) -> None:
    try:
        with transaction.atomic():
            rollups.apply({(metric, "150602", datetime.date(2025, 3, 8)): 5})
            started.set()
            time.sleep(HOLD)
    except Exception as e:  # noqa: BLE001 - asserted by the test
        errors.append(repr(e))
    finally:
        connections.close_all()


def _timed_write(metric: str, day: datetime.date) -> float:
    t = time.perf_counter()
    rollups.apply({(metric, "150602", day): 1})
    return time.perf_counter() - t


def _during_bulk_load(bulk_metric: str, write_metric: str, day: datetime.date) -> float:
    started, errors = threading.Event(), []
    loader = threading.Thread(target=_bulk_load_holding, args=(bulk_metric, started, errors))
    loader.start()
    assert started.wait(10)
    waited = _timed_write(write_metric, day)
    loader.join(30)
    assert errors == []
    return waited


def test_another_metric_is_written_while_a_bulk_load_holds_its_own(transactional_db, tree):
    waited = _during_bulk_load("outreach.audience", "outreach.lectures", datetime.date(2025, 3, 9))
    assert waited < HOLD / 2
    assert Rollup.objects.get(metric="outreach.lectures", period="2025", org_path="15").value == 1


def test_another_year_of_the_same_metric_is_not_held_up(transactional_db, tree):
    waited = _during_bulk_load("outreach.lectures", "outreach.lectures", datetime.date(2024, 3, 9))
    assert waited < HOLD / 2


def test_the_same_metric_and_year_waits_and_adds_up_exactly(transactional_db, tree):
    waited = _during_bulk_load("outreach.lectures", "outreach.lectures", datetime.date(2025, 6, 1))
    assert waited >= HOLD * 0.8  # it waited for the bulk load to commit, then added to its figure
    assert Rollup.objects.get(metric="outreach.lectures", period="2025", org_path="15").value == 6
