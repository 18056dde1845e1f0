"""A one-sheet .xlsx written as a stream: the export writer behind `core.xlsx.export_workbook`.

An export is one sheet of rows, often 100,000 of them. xlsxwriter builds every cell through its general API (a
format lookup, a cell object, an XML writer call) and reaches about 13,000 rows/s here, in constant-memory mode too;
the rows themselves cost a tenth of that. This writer knows only what an export needs — a styled header, text,
numbers, dates and times, text that must stay text — and writes each row as one XML string, deflated into the zip
as it goes (zipfile's streaming entry, compression level 1): memory stays flat whatever the row count, and the
file can be written straight into a temporary file that the response then streams.

The rules of `core.xlsx.Book` hold: text that a spreadsheet would take for a formula (FORMULA_START) is a text
cell with Excel's quote prefix; no cell is ever a formula; dates are dates (yyyy-mm-dd) and times local times.
Text is escaped for XML, and the control characters XML cannot carry are written as Excel's _xHHHH_ escapes
(as xlsxwriter does), so the file opens in Excel, openpyxl and calamine alike.
"""

import datetime
import math
import re
import zipfile
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug accounted for)
_EPOCH_DT = datetime.datetime(1899, 12, 30)
# One C pass escapes what XML needs and what it cannot hold (control characters but tab and newline).
_ESCAPE = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ESCAPE.update({c: f"_x{c:04X}_" for c in range(32) if c not in (9, 10)})
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x")  # text that needs `escape`; most needs nothing
_LITERAL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")  # text that already reads like an escape keeps its own text

_KEEP = 'xml:space="preserve"'  # leading and trailing spaces are kept

# Styles (cellXfs, by index): 0 normal, 1 header, 2 header kept as text, 3 text kept as text, 4 date, 5 date and
# time, 6 a column formatted as text.
NORMAL, HEAD, HEAD_QUOTED, QUOTED, DATE, DATETIME, TEXT = range(7)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFC2185B"/><bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class _Letters(dict):
    """Column letters by index, computed once each."""

    def __missing__(self, i: int) -> str:
        self[i] = letter = column_letter(i)
        return letter


def column_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def escape(text: str) -> str:
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(_escape_literal, text)
    return text.translate(_ESCAPE)


def _escape_literal(m) -> str:
    return "_x005F" + m.group()


def _other_cell(ref: str, v: Any, local_time) -> str:
    """A cell that is not plain text: a number, a truth value, a date, a time, or anything else as its text."""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, int) or isinstance(v, float) and math.isfinite(v):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = local_time(v) if local_time else v.replace(tzinfo=None)
        return f'<c r="{ref}" s="{DATETIME}"><v>{(v - _EPOCH_DT).total_seconds() / 86400!r}</v></c>'
    if isinstance(v, datetime.date):
        return f'<c r="{ref}" s="{DATE}"><v>{(v - _EPOCH).days}</v></c>'
    v = str(v)
    style = f' s="{QUOTED}"' if v.startswith(FORMULA_START) else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t {_KEEP}>{escape(v)}</t></is></c>'


def _sheet_name(title: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31]
    return name or "data"


def write_sheet(
    target: str | IO[bytes],
    title: str,
    headers: list[str],
    rows: Iterable[Iterable[Any]],
    *,
    widths: list[int] | None = None,
    text_columns: Iterable[int] = (),
    local_time=None,
) -> int:
    """Write one sheet to `target` (a path or a writable, seekable binary file); return the rows written.

    `local_time(dt)` turns an aware datetime into the naive local time the cell shows (core.xlsx passes Django's)."""
    text_columns = set(text_columns)
    letters = _Letters()
    n = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(_sheet_name(title))}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            cols = "".join(
                f'<col min="{i + 1}" max="{i + 1}" width="'
                f'{widths[i] if widths and i < len(widths) else max(12, len(str(h)) * 2 + 4)}" customWidth="1"'
                f"{f' style={chr(34)}{TEXT}{chr(34)}' if i in text_columns else ''}/>"
                for i, h in enumerate(headers)
            )
            head = "".join(
                f'<c r="{letters[c]}1" t="inlineStr" s="{HEAD_QUOTED if str(h).startswith(FORMULA_START) else HEAD}">'
                f'<is><t xml:space="preserve">{escape(str(h))}</t></is></c>'
                for c, h in enumerate(headers)
            )
            out.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>"
                    f'<row r="1">{head}</row>'
                ).encode()
            )
            # A cell needs no reference while it follows the previous one (the r attribute is optional), so the
            # common cell — text, in order — is three constant strings around the escaped text.
            plain = [
                f'<c t="inlineStr"{f" s={chr(34)}{TEXT}{chr(34)}" if c in text_columns else ""}><is><t {_KEEP}>'
                for c in range(len(headers) + 1)
            ]
            close = "</t></is></c>"
            width = len(plain)
            special = _SPECIAL.search
            buf: list[str] = []
            write = out.write
            for r, row in enumerate(rows, start=2):
                parts = [f'<row r="{r}">']
                add = parts.append
                gap = False
                for c, v in enumerate(row):
                    if type(v) is str:
                        quoted = v.startswith(FORMULA_START)
                        if special(v):
                            v = escape(v)
                        if gap or quoted or c >= width:
                            style = QUOTED if quoted else (TEXT if c in text_columns else NORMAL)
                            add(f'<c r="{letters[c]}{r}" t="inlineStr" s="{style}"><is><t {_KEEP}>{v}{close}')
                        else:
                            add(plain[c] + v + close)
                    elif v is None:
                        gap = True
                    elif type(v) is datetime.date and not gap:
                        add(f'<c s="{DATE}"><v>{(v - _EPOCH).days}</v></c>')
                    elif type(v) is int and not gap:
                        add(f"<c><v>{v}</v></c>")
                    else:
                        add(_other_cell(f"{letters[c]}{r}", v, local_time))
                add("</row>")
                buf.append("".join(parts))
                n += 1
                if len(buf) == 1000:
                    write("".join(buf).encode())
                    buf.clear()
            out.write(("".join(buf) + "</sheetData></worksheet>").encode())
    return n
