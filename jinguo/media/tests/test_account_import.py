"""The account register is imported from .xlsx: every row checked first, every problem reported, all or none."""

import io

from openpyxl import Workbook

from jinguo.core import xlsx
from jinguo.core.models import AuditEvent
from jinguo.media.importers import AccountImporter
from jinguo.media.models import Account

HEADER = [
    "账号名称",
    "平台",
    "平台账号ID",
    "单位代码",
    "运营者",
    "品牌",
    "自有或矩阵",
    "粉丝数",
    "认证状态",
    "最近发布",
]


def _book(rows, header=None):
    from django.utils import translation

    with translation.override("en"):
        cols = AccountImporter(None).get_columns()
    wb = Workbook()
    ws = wb.active
    ws.append(header or [str(c.header) for c in cols])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


GOOD = [
    "东胜妇联",
    "微信公众号",
    "gh_ds_new",
    "150602",
    "宣传干事",
    "北疆女声",
    "矩阵",
    "1,200",
    "已认证",
    "2026-03-08",
]


def test_a_good_register_is_imported(actors, platforms):
    result = xlsx.run_import(
        AccountImporter(actors["county_cadre"]),
        _book([GOOD, ["东胜抖音", "douyin", "ds_dy", "150602100200", "", "", "自有", "", "", ""]]),
    )
    assert result.ok, result.errors
    assert result.written == 2
    a = Account.objects.get(platform_uid="GH_DS_NEW")
    assert (a.org.code, a.followers, a.verification, a.own, a.brand) == ("150602", 1200, "verified", False, "北疆女声")
    assert AuditEvent.objects.filter(event="import.media_accounts").count() == 1


def test_one_bad_row_writes_nothing_and_every_problem_is_reported(actors, platforms, accounts):
    rows = [
        GOOD,
        ["", "推特", "x", "150621", "", "", "也许", "很多", "", "2026-13-40"],  # six problems
        ["重复", "微信公众号", "gh_ds_new", "150602", "", "", "矩阵", "", "", ""],  # the same account as row 2
        ["已有", "微信公众号", "gh_ds", "150602", "", "", "矩阵", "", "", ""],  # already registered
    ]
    before = Account.objects.count()
    result = xlsx.run_import(AccountImporter(actors["county_cadre"]), _book(rows))
    assert not result.ok and Account.objects.count() == before
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e.column)
    assert 2 not in by_row
    assert len(by_row[3]) == 6  # name, platform, unit (a sibling's), own, followers, last post
    assert by_row[4] == ["Platform id"] and by_row[5] == ["Platform id"]
    sibling = next(e for e in result.errors if e.row == 3 and e.column == "Org unit code")
    assert "150621" in sibling.reason and "among your units" in sibling.reason
    assert not AuditEvent.objects.filter(event="import.media_accounts").exists()


def test_a_missing_column_is_named(actors, platforms):
    result = xlsx.run_import(
        AccountImporter(actors["county_cadre"]), _book([["x"]], header=["Account name", "Platform"])
    )
    assert not result.ok
    assert {e.column for e in result.errors} >= {"Platform id", "Org unit code", "Own or matrix"}
