"""The export writer (core.xlsxstream behind core.xlsx.export_workbook): every kind of cell reads back as written
in openpyxl and in calamine (the import's reader), XML's forbidden characters included, and a large sheet is
written as a stream into a file."""

import datetime
import io
import zoneinfo

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from jinguo.core import xlsx

ROW = [
    "普通文字",
    "  spaces kept  ",
    "a & b < c > d \"quoted\" 'single'",
    "line\nbreak\ttab",
    "bell\x07 and nul-like \x01",
    "literal _x0041_ stays",
    0,
    -17,
    3.25,
    True,
    None,
    datetime.date(2024, 3, 8),
    datetime.datetime(2024, 3, 8, 9, 30),
    datetime.datetime(2024, 3, 8, 1, 30, tzinfo=datetime.UTC),  # 09:30 in Beijing
]


def _book(rows, headers=None):
    headers = headers or [f"h{i}" for i in range(len(rows[0]))]
    return xlsx.export_workbook("测试: 名单/1", headers, rows)


def test_every_kind_of_cell_reads_back_in_openpyxl(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    ws = load_workbook(io.BytesIO(_book([ROW]))).active
    got = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    # openpyxl does not undo Excel's _xHHHH_ escapes; Excel and calamine do.
    assert got[:4] == ROW[:4]
    assert got[4] == "bell_x0007_ and nul-like _x0001_"
    assert got[5] == "literal _x005F_x0041_ stays"
    assert got[6:10] == [0, -17, 3.25, True]
    assert got[10] is None
    assert got[11] == datetime.datetime(2024, 3, 8)
    assert got[12] == datetime.datetime(2024, 3, 8, 9, 30)
    assert got[13] == datetime.datetime(2024, 3, 8, 9, 30)
    assert ws.title == "测试  名单 1"
    assert ws["L2"].number_format == "yyyy\\-mm\\-dd" and ws["A1"].font.b


def test_every_kind_of_cell_reads_back_in_calamine():
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(_book([ROW]))).get_sheet_by_index(0).to_python()
    got = sheet[1]
    assert got[:6] == ["普通文字", "  spaces kept  ", ROW[2], ROW[3], ROW[4], ROW[5]]
    assert got[6:10] == [0, -17, 3.25, True]
    assert got[11] == datetime.date(2024, 3, 8)
    assert got[12] == datetime.datetime(2024, 3, 8, 9, 30)


def test_more_than_26_columns_are_lettered_like_excel():
    row = list(range(30))
    ws = load_workbook(io.BytesIO(_book([row]))).active
    assert ws["Z2"].value == 25 and ws["AA2"].value == 26 and ws["AD2"].value == 29


def test_a_large_sheet_is_streamed_into_a_file(tmp_path):
    path = tmp_path / "big.xlsx"
    rows = ([f"名字{i}", i, datetime.date(2020, 1, 1)] for i in range(20_000))  # a generator: never held
    with open(path, "wb") as fh:
        assert xlsx.export_file(fh, "big", ["姓名", "序号", "日期"], rows) == 20_000
    ws = load_workbook(path, read_only=True).active
    last = list(ws.iter_rows(min_row=20_001, max_row=20_001, values_only=True))[0]
    assert last == ("名字19999", 19999, datetime.datetime(2020, 1, 1))


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_number_excel_cannot_hold_is_written_as_text(value):
    ws = load_workbook(io.BytesIO(_book([[value]]))).active
    assert ws["A2"].value == str(value)


def test_aware_times_are_local_times(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    when = datetime.datetime(2024, 12, 31, 20, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    ws = load_workbook(io.BytesIO(_book([[when]]))).active
    assert ws["A2"].value == datetime.datetime(2025, 1, 1, 4, 0)
