"""Exports: text that a spreadsheet would take for a formula is written as text (OWASP CSV injection)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from jinguo.core import xlsx

DANGEROUS = ["=1+1", "+86 138", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.cn","核对")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_starting_like_a_formula_stays_text_in_cells_and_headers(text):
    content = xlsx.export_workbook("data", [text, "b"], [[text, 5, datetime.date(2024, 3, 8), "普通文字"]])
    ws = load_workbook(io.BytesIO(content)).active
    for cell in (ws["A1"], ws["A2"]):
        # A carriage return is stored escaped as _x000D_ (OOXML); Excel reads it back, openpyxl does not.
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text and cell.quotePrefix
    assert ws["B2"].value == 5 and ws["C2"].value == datetime.datetime(2024, 3, 8)
    assert ws["D2"].value == "普通文字" and not ws["D2"].quotePrefix


def test_a_reports_heading_stands_above_its_header_and_stays_text():
    book = xlsx.Book()
    book.sheet("2026", ["单位", "数量"], [["东胜区", 3]], heading="=2026年度发行情况")
    ws = load_workbook(io.BytesIO(book.getvalue())).active
    assert ws["A1"].value == "=2026年度发行情况" and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["单位", "数量"] and [c.value for c in ws[3]] == ["东胜区", 3]


def test_an_amount_of_money_is_a_number_cell():
    from decimal import Decimal

    ws = load_workbook(io.BytesIO(xlsx.export_workbook("x", ["amount"], [[Decimal("800.50")]]))).active
    assert ws["A2"].data_type == "n" and ws["A2"].value == 800.5
