"""The rankings page shows fifty accounts a page, ranks running on across pages, and builds only the page's
accounts."""

import datetime

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.media.services import metrics_write
from jinguo.media.tests.conftest import new_account


@pytest.mark.django_db
def test_rankings_page_in_pages_of_fifty(client, login, platforms, tree, actors):
    region = actors["region_cadre"]
    made = [
        new_account(region, tree["150602"], platforms["weibo"], f"wb{i:03d}", name=f"账号{i:03d}") for i in range(60)
    ]
    day = datetime.date(2026, 3, 5)
    metrics_write(actor=SYSTEM, rows=[{"account": a, "day": day, "reads": 1000 + i} for i, a in enumerate(made)])
    login(region)
    first = client.get("/matrix/rankings/?period=2026-03").content.decode()
    assert "账号059" in first and "账号010" in first and "账号009" not in first  # most reads first, 50 of 60
    assert "page=2" in first
    second = client.get("/matrix/rankings/?period=2026-03&page=2").content.decode()
    assert "<td>51</td>" in second and "账号009" in second and "账号000" in second and "账号059" not in second
