"""The platforms' back-office exports of daily figures: read through each platform's column mapping, .xlsx or
.csv; a wrong file writes nothing and names the missing columns; re-importing a day changes nothing."""

import io

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.core.testing import xlsx_file
from jinguo.media.importers import import_metrics, parse_count
from jinguo.media.models import Account, DailyMetric
from jinguo.stats import rollups
from jinguo.stats.models import Rollup

WECHAT = ["公众号ID", "日期", "阅读次数", "点赞次数", "分享次数", "留言次数", "在看次数", "总用户数"]


def _xlsx(header, rows, name="export.xlsx"):
    return xlsx_file(rows, header, name=name)


def _csv(text: str, encoding="utf-8-sig"):
    buf = io.BytesIO(text.encode(encoding))
    buf.name = "export.csv"
    return buf


def _figures():
    return sorted(
        DailyMetric.objects.values_list(
            "account_id", "day", "reads", "likes", "shares", "comments", "wows", "followers"
        )
    )


def _rollups():
    return sorted(Rollup.objects.filter(metric="media.reads").values_list("period", "org_path", "value"))


ROWS = [
    ["gh_ds", "2026-03-01", 1200, 30, 10, 2, 8, 5000],
    ["gh_ds", "2026.3.2", "1.2万", 40, 11, 3, 9, 5010],
    ["GH_ORDOS", "2026/3/1", "10万+", 900, 300, 40, 120, 90000],
]


def test_an_export_is_imported_through_the_platforms_mapping(actors, accounts, platforms):
    result = import_metrics(actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, ROWS))
    assert result.ok, result.errors
    assert result.written == 3
    reads = {(a, d.isoformat()): r for a, d, r, *_ in _figures()}
    assert reads == {
        (accounts["dongsheng"].pk, "2026-03-01"): 1200,
        (accounts["dongsheng"].pk, "2026-03-02"): 12000,
        (accounts["ordos"].pk, "2026-03-01"): 100000,
    }
    assert Account.objects.get(pk=accounts["dongsheng"].pk).followers == 5010
    assert dict(Rollup.objects.filter(metric="media.reads", period="2026-03").values_list("org_path", "value")) == {
        "15": 113200,
        "1506": 113200,
        "150602": 13200,
    }


def test_the_same_day_imported_again_changes_nothing(actors, accounts, platforms):
    import_metrics(actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, ROWS))
    figures, rolled = _figures(), _rollups()
    again = import_metrics(actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, ROWS))
    assert again.ok and again.written == 3
    assert _figures() == figures and _rollups() == rolled
    assert rollups.stored(["media.reads"]) == rollups.recount(rollups.METRICS["media.reads"])
    # A corrected figure replaces the day's, and the roll-ups move by the difference only.
    import_metrics(
        actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, [["gh_ds", "2026-03-01", 1300, 30, 10, 2, 8, 5000]])
    )
    assert dict(
        Rollup.objects.filter(metric="media.reads", period="2026", org_path="150602").values_list("org_path", "value")
    ) == {"150602": 13300}
    assert rollups.stored(["media.reads"]) == rollups.recount(rollups.METRICS["media.reads"])


def test_a_file_with_wrong_columns_writes_nothing_and_names_the_missing_ones(actors, accounts, platforms):
    douyin_export = ["账号ID", "日期", "播放量", "点赞量", "分享量", "评论量", "粉丝总数"]
    result = import_metrics(
        actors["ordos_cadre"], platforms["wechat"], _xlsx(douyin_export, [["gh_ds", "2026-03-01", 1, 1, 1, 1, 1]])
    )
    assert not result.ok and result.written == 0
    missing = {e.column for e in result.errors}
    assert missing == {"公众号ID", "阅读次数"}  # the required columns of the WeChat mapping
    assert all("missing" in e.reason for e in result.errors)
    assert not DailyMetric.objects.exists() and not _rollups()


def test_every_bad_row_is_reported_and_nothing_written(actors, accounts, platforms):
    rows = [
        ROWS[0],
        ["gh_dalad", "2026-03-01", 5, 1, 1, 1, 1, 1],  # a sibling's account for the county cadre
        ["gh_nobody", "2026-03-41", "很多", -1, 1, 1, 1, 1],
        ["gh_ds", "2026-03-01", 7, 1, 1, 1, 1, 1],  # the same day as row 2
    ]
    result = import_metrics(actors["county_cadre"], platforms["wechat"], _xlsx(WECHAT, rows))
    assert not result.ok and not DailyMetric.objects.exists()
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e.column)
    assert by_row[3] == ["公众号ID"]
    assert sorted(by_row[4]) == sorted(["公众号ID", "日期", "阅读次数", "点赞次数"])
    assert by_row[5] == ["日期"]
    sibling = next(e for e in result.errors if e.row == 3)
    unknown = next(e for e in result.errors if e.row == 4 and e.column == "公众号ID")
    assert sibling.reason.replace("GH_DALAD", "X") == unknown.reason.replace("GH_NOBODY", "X")


def test_a_csv_export_in_gb18030_is_read(actors, accounts, platforms):
    text = '账号ID,日期,播放量,点赞量,分享量,评论量,粉丝总数\nDS_DOUYIN,2026-03-05,"3,400",12,3,1,800\n'
    result = import_metrics(actors["county_cadre"], platforms["douyin"], _csv(text, "gb18030"))
    assert result.ok, result.errors
    assert DailyMetric.objects.get().reads == 3400


def test_counts_read_the_way_back_offices_write_them():
    assert [parse_count(v) for v in ("1234", "1,234", "１２３", "1.5万", "10万+", 7, 7.0)] == [
        1234,
        1234,
        123,
        15000,
        100000,
        7,
        7,
    ]
    for bad in ("-1", "abc", 1.5, "1" * 20):
        with pytest.raises(ValidationError):
            parse_count(bad)


def test_the_api_imports_and_answers_400_with_every_problem(client, actors, accounts, platforms):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    good = _xlsx(WECHAT, [ROWS[0]])
    r = client.post("/api/v1/media/metrics/import", {"platform": "wechat", "file": good}, **h)
    assert r.status_code == 200 and r.json()["written"] == 1
    bad = _xlsx(["日期"], [["2026-03-01"]])
    r = client.post("/api/v1/media/metrics/import", {"platform": "wechat", "file": bad}, **h)
    assert r.status_code == 400 and {e["column"] for e in r.json()["errors"]} == {"公众号ID", "阅读次数"}
    r = client.get("/api/v1/media/metrics/rankings?period=2026-03", **h)
    assert r.status_code == 200 and [row["account"] for row in r.json()] == [accounts["dongsheng"].pk]


def test_an_older_file_leaves_the_followers_of_a_newer_day(actors, accounts, platforms):
    import_metrics(actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, ROWS))
    older = [["gh_ds", "2026-02-27", 100, 1, 1, 1, 1, 4000], ["GH_ORDOS", "2026-03-05", 100, 1, 1, 1, 1, 91000]]
    assert import_metrics(actors["ordos_cadre"], platforms["wechat"], _xlsx(WECHAT, older)).ok
    assert Account.objects.get(pk=accounts["dongsheng"].pk).followers == 5010  # its 3-02 is newer than 2-27
    assert Account.objects.get(pk=accounts["ordos"].pk).followers == 91000  # 3-05 is its newest day now
    assert rollups.stored(["media.reads"]) == rollups.recount(rollups.METRICS["media.reads"])
