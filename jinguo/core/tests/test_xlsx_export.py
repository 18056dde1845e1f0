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
