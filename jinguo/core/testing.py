"""Helpers the modules' tests share (imported by tests only)."""

import io

from openpyxl import Workbook


def xlsx_file(rows, header=None, *, title=None, name="upload.xlsx") -> io.BytesIO:
    """An uploaded .xlsx as a cadre sends it: an optional title row, the header row, then the rows."""
    wb = Workbook()
    ws = wb.active
    if title is not None:
        ws.append([title])
    if header is not None:
        ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = name
    return buf
