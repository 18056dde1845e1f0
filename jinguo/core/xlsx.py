"""Excel in and out: templates, all-or-nothing imports with an error sheet, and list exports.

Every bulk record type registers an `Importer`; the views, the background task and the API
all run imports through `run_import`, which validates every row before writing any.
"""

import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel keeps 15 significant digits of a number: an 18-digit ID number typed into a General cell
# becomes 1.50602198503108E+17 and its last digits are gone, though some still pass the check digit.
ID_NUMBER_AS_NUMBER = gettext_lazy(
    "Write the ID number as text: Excel turned it into a number and its last digits are lost."
)


@dataclass
class Column:
    key: str
    header: str
    required: bool = True
    parse: Callable[[Any], Any] = lambda v: v
    example: str = ""
    help: str = ""
    # Set on identifier columns: a cell Excel stored as a number is refused with this message,
    # whatever its value, and the template formats the column as text.
    refuse_number: Any = None
    # record → the cell the export writes; what `parse` reads back, so an export opens in the import.
    format: Callable[[Any], Any] | None = None
    # The values a cell may take (the template's drop-down list); None: free text.
    choices: Callable[[], list[str]] | None = None


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    total: int = 0
    written: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Importer:
    """One record type's import. Subclasses set kind/title/columns and implement write()."""

    kind: str = ""
    title: str = ""
    columns: list[Column] = []
    permission: str = "write"

    def __init__(self, actor) -> None:
        self.actor = actor
        self.row_number = 0  # the sheet row clean_row is checking, for messages naming another row

    def get_columns(self) -> list[Column]:
        return self.columns

    def prepare(self, rows: list[dict]) -> None:
        """Load what row checks need in a few queries (lookups by code, existing keys)."""

    def clean_row(self, row: dict) -> dict:
        """Cross-field and database checks of one parsed row; raise ValidationError({key: msg})."""
        return row

    def write(self, rows: list[dict]) -> int:
        raise NotImplementedError


REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    REGISTRY[cls.kind] = cls
    return cls


def _cell_text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _cell(value: Any) -> Any:
    """A cell as read: text stripped, a blank cell None; a number stays one until its column is known."""
    return _cell_text(value) if isinstance(value, str) else value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_rows(file) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and (sheet row number, values) of the first sheet; fully empty rows skipped.

    python-calamine (Rust) reads a 100,000-row sheet in well under a second, where openpyxl takes ten.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        data = file.read()
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as e:
        raise ValidationError(_("The file is not a readable .xlsx workbook.")) from e
    if not sheet:
        raise ValidationError(_("The workbook is empty."))
    header = [str(_cell_text(h) or "") for h in sheet[0]]
    rows = []
    for n, values in enumerate(sheet[1:], start=2):
        values = [_cell(v) for v in values]
        if any(v is not None for v in values):
            rows.append((n, values))
    return header, rows


def count_rows(file) -> int:
    _header, rows = read_rows(file)
    file.seek(0)
    return len(rows)


def run_import(importer: Importer, file, *, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Validate every row; write all of them in one transaction, or none and report why."""
    header, raw_rows = read_rows(file)
    columns = importer.get_columns()
    result = ImportResult(total=len(raw_rows))
    index: dict[str, int] = {}
    for col in columns:
        if col.header in header:
            index[col.key] = header.index(col.header)
        elif col.key in header:
            index[col.key] = header.index(col.key)
        elif col.required:
            result.errors.append(RowError(1, col.header, _("The column is missing: use the template.")))
    if result.errors:
        return result
    if not raw_rows:
        result.errors.append(RowError(2, "", _("The sheet has no data rows.")))
        return result
    headers = {c.key: c.header for c in columns}
    parsed: list[tuple[int, dict]] = []
    for i, (n, values) in enumerate(raw_rows):
        row: dict = {}
        bad = False
        for col in columns:
            pos = index.get(col.key)
            raw = values[pos] if pos is not None and pos < len(values) else None
            if raw is None:
                if col.required:
                    result.errors.append(RowError(n, col.header, _("This cell is required.")))
                    bad = True
                row[col.key] = None
                continue
            if col.refuse_number and _is_number(raw):
                result.errors.append(RowError(n, col.header, str(col.refuse_number)))
                bad = True
                continue
            try:
                row[col.key] = col.parse(raw if isinstance(raw, str) else _cell_text(raw))
            except ValidationError as e:
                result.errors.append(RowError(n, col.header, "；".join(e.messages)))
                bad = True
        if not bad:
            parsed.append((n, row))
        if progress and i % 500 == 0:
            progress(i, len(raw_rows) * 2)
    importer.prepare([r for _, r in parsed])
    cleaned = []
    for i, (n, row) in enumerate(parsed):
        importer.row_number = n
        try:
            cleaned.append(importer.clean_row(row))
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                for key, errs in e.message_dict.items():
                    result.errors.append(RowError(n, headers.get(key, key), "；".join(errs)))
            else:
                result.errors.append(RowError(n, "", "；".join(e.messages)))
        if progress and i % 500 == 0:
            progress(len(raw_rows) + i, len(raw_rows) * 2)
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result
    with transaction.atomic():
        result.written = importer.write(cleaned)
        audit.record(
            importer.actor, f"import.{importer.kind}", object_type=importer.kind, detail={"rows": result.written}
        )
    if progress:
        progress(len(raw_rows) * 2, len(raw_rows) * 2)
    return result


# Text that a spreadsheet may take for a formula (OWASP, "CSV injection"): such cells are written as
# strings with Excel's quote prefix, so they show as typed and stay text even when edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Book:
    """An .xlsx file written row by row (xlsxwriter, constant memory): sheets of any length.

    No text cell becomes a formula: `strings_to_formulas` is off for the whole workbook, and text that
    starts like one is written with `write_string` and the quote prefix (see FORMULA_START).
    """

    def __init__(self) -> None:
        import xlsxwriter

        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buf,
            {
                "constant_memory": True,
                "default_date_format": "yyyy-mm-dd",
                "remove_timezone": True,
                "strings_to_formulas": False,
            },
        )
        head = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#C2185B"}
        self.head = self.wb.add_format(head)
        self.head_quoted = self.wb.add_format({**head, "quote_prefix": True})
        self.quoted = self.wb.add_format({"quote_prefix": True})
        self.text_column = self.wb.add_format({"num_format": "@"})
        self.datetime = self.wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})

    def sheet(
        self,
        title: str,
        headers: list[str],
        rows: Iterable[Iterable[Any]],
        widths: list[int] | None = None,
        text_columns: Iterable[int] = (),
    ):
        """One sheet; `text_columns` are formatted as text, so what a user types there stays text."""
        ws = self.wb.add_worksheet(str(title)[:30] or "data")
        text_columns = set(text_columns)
        for i, h in enumerate(headers):
            width = widths[i] if widths and i < len(widths) else max(12, len(str(h)) * 2 + 4)
            ws.set_column(i, i, width, self.text_column if i in text_columns else None)
        for c, h in enumerate(headers):
            h = str(h)
            ws.write_string(0, c, h, self.head_quoted if h.startswith(FORMULA_START) else self.head)
        write, write_string = ws.write, ws.write_string
        r = 0
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if isinstance(v, datetime.datetime):
                    write(r, c, _export_value(v), self.datetime)
                elif v is None:
                    continue
                elif isinstance(v, (int, float, datetime.date)):
                    write(r, c, v)
                else:
                    v = str(v)
                    if v.startswith(FORMULA_START):
                        write_string(r, c, v, self.quoted)
                    else:
                        write(r, c, v)
        return r

    def getvalue(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def template_workbook(importer: Importer) -> bytes:
    cols = importer.get_columns()
    book = Book()
    text_columns = [i for i, c in enumerate(cols) if c.refuse_number]
    book.sheet(importer.title, [c.header for c in cols], [[c.example for c in cols]], text_columns=text_columns)
    notes = [[c.header, _("yes") if c.required else _("no"), c.help] for c in cols]
    notes += [
        [],
        [
            _(
                "Delete the example row before importing. Rows are checked first; if any row is wrong, "
                "nothing is written and an error sheet lists every problem."
            )
        ],
    ]
    book.sheet(_("Instructions"), [_("Column"), _("Required"), _("How to fill it")], notes, widths=[16, 8, 80])
    return book.getvalue()


def error_workbook(errors: Iterable) -> bytes:
    book = Book()
    rows = (
        (e["row"], e["column"], e["reason"]) if isinstance(e, dict) else (e.row, e.column, e.reason) for e in errors
    )
    book.sheet(_("Errors"), [_("Row"), _("Column"), _("Reason")], rows, widths=[8, 16, 80])
    return book.getvalue()


def _export_value(v: Any) -> Any:
    if isinstance(v, datetime.datetime):
        return timezone.localtime(v).replace(tzinfo=None) if timezone.is_aware(v) else v
    return v


def export_workbook(title: str, headers: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """One sheet of any size; rows are streamed from the iterable, not held."""
    book = Book()
    book.sheet(title, headers, rows)
    return book.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
