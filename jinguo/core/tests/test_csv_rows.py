"""core.xlsx reads a .csv upload as a sheet: UTF-8 (with or without a BOM) or GB 18030, comma, tab or semicolon
separated; a binary file named .csv is refused with a reason, not a 500."""

import io

import pytest
from django.core.exceptions import ValidationError

from jinguo.core import xlsx


def _file(data: bytes, name: str = "export.csv"):
    buf = io.BytesIO(data)
    buf.name = name
    return buf


@pytest.mark.parametrize(
    "data",
    [
        "日期,阅读量\n2026-03-01,12\n\n2026-03-02,13\n".encode("utf-8-sig"),
        "日期,阅读量\n2026-03-01,12\n2026-03-02,13\n".encode(),
        "日期,阅读量\n2026-03-01,12\n2026-03-02,13\n".encode("gb18030"),
        "日期\t阅读量\n2026-03-01\t12\n2026-03-02\t13\n".encode(),
        "说明：后台导出\n日期;阅读量\n2026-03-01;12\n2026-03-02;13\n".encode(),
    ],
)
def test_a_csv_file_is_read_like_a_sheet(data):
    header, rows = xlsx.read_rows(_file(data), known={"日期"})
    assert header == ["日期", "阅读量"]
    assert [values for _n, values in rows] == [["2026-03-01", "12"], ["2026-03-02", "13"]]


def test_a_binary_file_named_csv_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match="csv"):
        xlsx.read_rows(_file(b"\xff\xfe\x00\x81\x8d" * 10))


def test_a_file_not_named_csv_is_still_read_as_a_workbook():
    with pytest.raises(ValidationError, match="xlsx"):
        xlsx.read_rows(_file(b"a,b\n1,2\n", name="export.xlsx"))
