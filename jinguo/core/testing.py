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


def property_settings(examples: int):
    """Hypothesis settings of a database property test: `examples` runs, the same ones every time (a failure
    repeats), no example database on disk, no deadline, and function-scoped fixtures allowed (each example
    clears what it writes)."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
