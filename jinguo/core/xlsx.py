"""Excel in and out: templates, all-or-nothing imports with an error sheet, and list exports.

An import reads an .xlsx workbook, a .csv file or a JSON array of objects alike (`read_rows`).

Every bulk record type registers an `Importer`; the views, the background task and the API
all run imports through `run_import`, which validates every row before writing any.
"""

import datetime
import gc
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit
from jinguo.core.timeparse import parse_date

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel keeps 15 significant digits of a number: an 18-digit ID number typed into a General cell
# becomes 1.50602198503108E+17 and its last digits are gone, though some still pass the check digit.
ID_NUMBER_AS_NUMBER = gettext_lazy(
    "Write the ID number as text: Excel turned it into a number and its last digits are lost."
)


@dataclass
class Column:
    """One column of an import and of its list's export: `parse` reads a cell, `format` writes one.

    An export opens in the import by construction when each `format` writes what `parse` reads back.
    """

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
    # The values a cell may take: the template offers them as a drop-down list. None: free text.
    choices: Callable[[], list[str]] | None = None

    def prepare(self, importer: "Importer", values: set) -> None:
        """Load, in a few queries, what parsing the column's `values` needs (units by code, people by number)."""


def ascii_text(value) -> str:
    """Full-width digits and letters as ASCII, spaces gone (core.text)."""
    from jinguo.core.text import normalize_identifier

    return normalize_identifier(value)


class DateColumn(Column):
    """A date in any of the ways parse_date reads; the export writes a date cell."""

    def __init__(self, key, header, *, earliest: int = 1900, latest: int = 2100, **kwargs):
        kwargs.setdefault("example", "2026-07-15")
        kwargs.setdefault("help", _("A date such as 2026-07-15 (2026/7/15, 2026.7.15 and 2026年7月15日 work too)."))
        super().__init__(key, header, parse=lambda v: parse_date(v, earliest=earliest, latest=latest), **kwargs)


class NumberColumn(Column):
    """A number field of a model (core.bounds.number_parser: its bounds, its decimal places, full-width digits and
    thousands separators read); the export writes the record's value of that field."""

    def __init__(self, key, header, *, model, field: str | None = None, **kwargs):
        from jinguo.core.bounds import number_parser

        name = field or key
        kwargs.setdefault("format", lambda obj: getattr(obj, name))
        super().__init__(key, header, parse=number_parser(model, name), **kwargs)


class TextColumn(Column):
    """A text field of a model (core.bounds.text_parser: stripped, refused past its length); the export writes the
    record's value of that field."""

    def __init__(self, key, header, *, model, field: str | None = None, **kwargs):
        from jinguo.core.bounds import text_parser

        name = field or key
        kwargs.setdefault("format", lambda obj: getattr(obj, name))
        super().__init__(key, header, parse=text_parser(model, name), **kwargs)


class IdNumberColumn(Column):
    """An ID number: text only (a number Excel rounded is refused with the fix), full-width digits as ASCII.
    Its check digit, birth date and gender digit are checked by the people registry's rules."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("refuse_number", ID_NUMBER_AS_NUMBER)
        super().__init__(key, header, parse=ascii_text, **kwargs)


def choice_parser(choices, aliases: dict | None = None):
    """Read one of a model's choices: its label (the vocabulary, in Chinese or English), its code, or an old
    spelling listed in `aliases` (label → code)."""
    from django.utils import translation

    known: dict[str, str] = {}

    def accepted() -> dict[str, str]:
        # Built at the first cell, then kept: a parser lives for one import (its column), and translating every
        # label in two languages for each of 100,000 cells cost a fifth of a people import.
        if not known:
            for lang in ("en", "zh-hans"):
                with translation.override(lang):
                    known.update({str(label).casefold(): code for code, label in choices})
            known.update({code.casefold(): code for code, _l in choices})
            known.update({str(a).casefold(): code for a, code in (aliases or {}).items()})
        return known

    def parse(value):
        text = " ".join(str(value).split())
        code = accepted().get(text.casefold())
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not one of: %(names)s.")
                % {"value": text, "names": "、".join(str(label) for _c, label in choices)}
            )
        return code

    return parse


class ChoiceColumn(Column):
    """One of a model's choices (`TextChoices.choices`), written as its label; `multiple` reads a list (、)."""

    def __init__(self, key, header, *, choices, aliases: dict | None = None, multiple: bool = False, **kwargs):
        one = choice_parser(choices, aliases)
        labels = dict(choices)
        if multiple:
            kwargs.setdefault("parse", lambda v: [one(p) for p in _LIST_SPLIT.split(str(v)) if p])
        else:
            kwargs.setdefault("parse", one)
            kwargs.setdefault("choices", lambda: [str(label) for _c, label in choices])
        kwargs.setdefault("help", "、".join(str(label) for _c, label in choices))
        super().__init__(key, header, **kwargs)
        self.labels = labels
        self._shown: dict = {}
        if self.format is None and multiple:  # the record's values of the column's key, as labels
            self.format = lambda obj: "、".join(self.label(code) for code in getattr(obj, key, None) or [])
        elif self.format is None:  # the record's value of the column's key, as its label
            self.format = lambda obj: self.label(getattr(obj, key, None))

    def label(self, code) -> str:
        """The label of a code in the active language. A column lives for one import or export, in one language,
        so each label is translated once, not once a row (100,000 lazy translations cost seconds)."""
        if not code:
            return ""
        try:
            return self._shown[code]
        except KeyError:
            shown = self._shown[code] = str(self.labels.get(code, code))
            return shown


_LIST_SPLIT = re.compile(r"[、,，;；/\s]+")


class LookupColumn(Column):
    """A name of an active entry of a lookup list (a model with `name` and `active`): a retired entry and an
    unknown name are refused with the messages of the form and the API (core.inputs)."""

    def __init__(self, key, header, *, model, **kwargs):
        self.model = model
        kwargs.setdefault(
            "choices",
            lambda: list(model.objects.filter(active=True).order_by("sort", "pk").values_list("name", flat=True)),
        )
        kwargs.setdefault("help", _("A name of the list."))
        super().__init__(key, header, parse=self._parse, **kwargs)
        self._by_name: dict | None = None

    def prepare(self, importer, values) -> None:
        self._by_name = {o.name: o for o in self.model.objects.filter(name__in=[str(v) for v in values])}

    def _parse(self, value):
        from jinguo.core.inputs import lookup_refusal

        name = " ".join(str(value).split())
        if self._by_name is None:
            self.prepare(None, {name})
        obj = self._by_name.get(name)
        refusal = lookup_refusal(obj, name)
        if refusal:
            raise ValidationError(refusal)
        return obj


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
    formats: tuple[str, ...] = (".xlsx",)  # file names the upload page accepts (".csv", ".json": see read_rows)

    def __init__(self, actor, *, confirm_unusual: bool = False) -> None:
        self.actor = actor
        # The upload confirmed the sheet's unusual figures (core.confirm): they are written, not refused.
        self.confirm_unusual = confirm_unusual
        self.row_number = 0  # the sheet row clean_row is checking, for messages naming another row
        self.failed: set[str] = set()  # the keys of that row whose cells were refused (their value is None)

    def get_columns(self) -> list[Column]:
        return self.columns

    def reads_text(self) -> bool:
        """Whether the import takes .csv or JSON files as well as .xlsx."""
        return any(f in (".csv", ".json") for f in self.formats)

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


def _text_sheet(data: bytes) -> list[list] | None:
    """A .csv file or a JSON array of objects as rows of cells; None when the bytes are neither (an .xlsx zip).

    CSV as Excel and the platforms' back-offices write it: UTF-8 (with or without a BOM) or GB 18030 (Excel's "CSV"
    on a Chinese Windows), comma, tab or semicolon separated, every cell text. JSON: the keys of the objects are
    the header (an object with "items" holding the array is taken too)."""
    import csv
    import json

    if data[:2] == b"PK":  # a zip: .xlsx
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("The file is not a readable .csv file (UTF-8 or GB 18030 text)."))
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            items = json.loads(stripped)
        except ValueError:
            raise ValidationError(_("The file is not valid JSON: give an array of objects.")) from None
        if isinstance(items, dict):
            items = items.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValidationError(_("The file is not valid JSON: give an array of objects."))
        header: list[str] = []
        for item in items:
            header += [str(k) for k in item if str(k) not in header]
        return [header] + [[_json_cell(item.get(k)) for k in header] for item in items]
    if "\x00" in text:
        return None
    delimiter = max(",\t;", key=text[:4096].count)  # the separator the file uses most (a title line has none)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as e:
        raise ValidationError(_("The file is not a readable .csv file (UTF-8 or GB 18030 text).")) from e


def _json_cell(value):
    if isinstance(value, dict | list):
        return str(value)
    return value


def _sheet(file, text: bool = False) -> list[list]:
    """The first sheet's rows; a file named .csv or .json, or any file with `text` (an importer that declares
    those formats in `Importer.formats`), is read as CSV or a JSON array when it is not an .xlsx workbook."""
    from python_calamine import CalamineError, CalamineWorkbook

    named = str(getattr(file, "name", "") or "").lower().endswith((".csv", ".json"))
    try:
        data = file.read()
        rows = _text_sheet(data) if text or named else None
        if rows is None and named:
            raise ValidationError(_("The file is not a readable .csv file (UTF-8 or GB 18030 text)."))
        if rows is not None:
            if not rows:
                raise ValidationError(_("The workbook is empty."))
            return rows
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as e:
        raise ValidationError(_("The file is not a readable .xlsx workbook.")) from e
    if not sheet:
        raise ValidationError(_("The workbook is empty."))
    return sheet


# The template's example row carries this in its last column; the import skips such a row.
def example_marks() -> set[str]:
    from django.utils import translation

    marks = set()
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            marks.add(str(EXAMPLE_MARK))
    return marks


EXAMPLE_MARK = gettext_lazy("Example: not imported")
EXAMPLE_HEADER = gettext_lazy("Note")
HEADER_SEARCH = 5  # rows above the header a sheet may have (a merged title, a date line)


def read_rows(file, known: set[str] | None = None, *, text: bool = False) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and (sheet row number, values) of the first sheet (or, with `text`, of a .csv or JSON file); fully
    empty rows and the template's example row skipped. The header is the first of the top rows naming a `known`
    column, so a merged title row above it is tolerated.

    python-calamine (Rust) reads a 100,000-row sheet in well under a second, where openpyxl takes ten.
    """
    sheet = _sheet(file, text)
    at = 0
    if known:
        for i, values in enumerate(sheet[:HEADER_SEARCH]):
            if any(str(_cell_text(v) or "") in known for v in values):
                at = i
                break
    header = [str(_cell_text(h) or "") for h in sheet[at]]
    marks = example_marks()
    rows = []
    for n, values in enumerate(sheet[at + 1 :], start=at + 2):
        values = [(v.strip() or None) if type(v) is str else v for v in values]  # _cell, inline: 160,000 cells
        # Every cell a reader gives is hashable (text, numbers, dates, times), so the mark test is a set's.
        if values.count(None) != len(values) and marks.isdisjoint(values):
            rows.append((n, values))
    return header, rows


def count_rows(file, *, text: bool = False) -> int:
    _header, rows = read_rows(file, text=text)
    file.seek(0)
    return len(rows)


_UNSEEN = object()
# Parsed cells kept for the rest of a run: immutable values, and refusals (their messages).
_MEMO_TYPES = (str, int, float, Decimal, datetime.date, datetime.time, bool, type(None), ValidationError)
MEMO_CAP = 20_000  # distinct cells of a column kept a run


def run_import(importer: Importer, file, *, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Validate every row, reporting every problem of every row in one pass; write all of them in one
    transaction, or none and report why.

    The cyclic garbage collector is paused for the run: its rows are hundreds of thousands of new objects, none
    of them garbage, and the collections their allocation set off took a fifth of a 20,000-row import's time.
    Whatever cycles the run leaves are collected when it ends."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run_import(importer, file, progress)
    finally:
        if paused:
            gc.enable()


def _run_import(importer, file, progress) -> ImportResult:
    columns = importer.get_columns()
    known = {c.header for c in columns} | {c.key for c in columns}
    header, raw_rows = read_rows(file, known, text=importer.reads_text())
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

    def cell(values, col, pos):
        raw = values[pos] if pos is not None and pos < len(values) else None
        return raw if isinstance(raw, str) or raw is None else (raw if col.refuse_number else _cell_text(raw))

    plan = [(col, index.get(col.key)) for col in columns]
    for col, pos in plan:
        if pos is not None and type(col).prepare is not Column.prepare:  # a column that loads what it needs
            col.prepare(importer, {v for _n, values in raw_rows if (v := cell(values, col, pos)) is not None})
    # Column by column (the errors are sorted by row at the end, each row's in column order as before). A
    # column's cells repeat (days, units, kinds): each distinct cell is parsed once a run, its value or its
    # refusal kept while it is an immutable value (a list a row might change is parsed again for each row).
    rows: list[dict] = [dict.fromkeys(headers) for _ in raw_rows]
    fails: list[set] = [set() for _ in raw_rows]
    for k, (col, pos) in enumerate(plan):
        key, header, required, refuse, parse = col.key, col.header, col.required, col.refuse_number, col.parse
        seen: dict = {}
        if pos is None:  # an optional column the file does not have: its cells stay empty
            continue
        for (n, values), row, failed in zip(raw_rows, rows, fails, strict=True):
            raw = values[pos] if pos < len(values) else None
            if raw is None:
                if required:
                    result.errors.append(RowError(n, header, _("This cell is required.")))
                    failed.add(key)
                continue
            if type(raw) is not str:
                if refuse and _is_number(raw):
                    result.errors.append(RowError(n, header, str(refuse)))
                    failed.add(key)
                    continue
                if not refuse:
                    raw = _cell_text(raw)
            # Text is keyed by itself; any other cell by its type too (1, 1.0 and True are equal keys).
            memo = raw if type(raw) is str else (type(raw), raw)
            try:
                known = seen.get(memo, _UNSEEN)
            except TypeError:  # an unhashable cell
                known = _UNSEEN
            if known is _UNSEEN:
                try:
                    known = parse(raw)
                except ValidationError as e:
                    known = e
                if isinstance(known, _MEMO_TYPES) and len(seen) < MEMO_CAP:
                    seen[memo] = known
            if isinstance(known, ValidationError):
                result.errors.append(RowError(n, header, "；".join(known.messages)))
                failed.add(key)
            else:
                row[key] = known
        if progress:
            progress(len(raw_rows) * (k + 1) // len(plan), len(raw_rows) * 2)
    parsed = [(n, row, failed) for (n, _values), row, failed in zip(raw_rows, rows, fails, strict=True)]
    importer.prepare([r for _n, r, _f in parsed])
    cleaned = []
    for i, (n, row, failed) in enumerate(parsed):
        importer.row_number = n
        importer.failed = failed
        try:
            cleaned.append(importer.clean_row(row))
        except ValidationError as e:
            # A cell already refused is not refused again for the same reason seen from the row.
            if hasattr(e, "error_dict"):
                for key, errs in e.message_dict.items():
                    if key not in failed:
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
        heading: str = "",
    ):
        """One sheet; `text_columns` are formatted as text, so what a user types there stays text. A `heading`
        (a report's title) stands above the header row, merged across it, as the forms of the level above have it;
        an import reads such a sheet all the same (core.xlsx.read_rows skips a title row)."""
        ws = self.wb.add_worksheet(str(title)[:30] or "data")
        text_columns = set(text_columns)
        for i, h in enumerate(headers):
            width = widths[i] if widths and i < len(widths) else max(12, len(str(h)) * 2 + 4)
            ws.set_column(i, i, width, self.text_column if i in text_columns else None)
        top = 0
        if heading:
            heading = str(heading)
            fmt = self.wb.add_format({"bold": True, "font_size": 14, "align": "center", "quote_prefix": True})
            if len(headers) > 1:
                ws.merge_range(0, 0, 0, len(headers) - 1, "", fmt)
            ws.write_string(0, 0, heading, fmt)
            top = 1
        for c, h in enumerate(headers):
            h = str(h)
            ws.write_string(top, c, h, self.head_quoted if h.startswith(FORMULA_START) else self.head)
        write, write_string = ws.write, ws.write_string
        r = top
        for r, row in enumerate(rows, start=top + 1):
            for c, v in enumerate(row):
                if isinstance(v, datetime.datetime):
                    write(r, c, _export_value(v), self.datetime)
                elif v is None:
                    continue
                elif isinstance(v, (int, float, datetime.date)):
                    write(r, c, v)
                elif isinstance(v, Decimal):  # an amount of money: a number cell, as Excel users sum it
                    write(r, c, float(v))
                else:
                    v = str(v)
                    if v.startswith(FORMULA_START):
                        write_string(r, c, v, self.quoted)
                    else:
                        write(r, c, v)
        return ws

    def getvalue(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


TEMPLATE_ROWS = 5000  # rows of the template that offer the drop-down lists


def template_workbook(importer: Importer) -> bytes:
    """The import's template: the header, a valid example row marked as one (the import skips it), a
    drop-down list on every column of fixed values, and the instructions."""
    cols = importer.get_columns()
    book = Book()
    text_columns = [i for i, c in enumerate(cols) if c.refuse_number]
    headers = [c.header for c in cols] + [EXAMPLE_HEADER]
    ws = book.sheet(importer.title, headers, [[c.example for c in cols] + [EXAMPLE_MARK]], text_columns=text_columns)
    lists = [(i, c.choices()) for i, c in enumerate(cols) if c.choices]
    if lists:
        values = book.wb.add_worksheet("lists")
        for j, (i, options) in enumerate(lists):
            for r, option in enumerate(options):
                values.write_string(r, j, str(option))
            if options:
                source = f"=lists!${_column_letter(j)}$1:${_column_letter(j)}${len(options)}"
                ws.data_validation(
                    1,
                    i,
                    TEMPLATE_ROWS,
                    i,
                    {
                        "validate": "list",
                        "source": source,
                        "error_type": "warning",
                        "error_message": str(_("Choose a value of the list.")),
                    },
                )
        values.hide()
    notes = [[c.header, _("yes") if c.required else _("no"), c.help] for c in cols]
    notes += [
        [],
        [
            _(
                "The row marked as an example is not imported. Rows are checked first; if any row is wrong, "
                "nothing is written and an error sheet lists every problem."
            )
        ],
    ]
    book.sheet(_("Instructions"), [_("Column"), _("Required"), _("How to fill it")], notes, widths=[16, 8, 80])
    return book.getvalue()


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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
    """One sheet of any size, as bytes (core.xlsxstream: rows streamed from the iterable, not held)."""
    buf = io.BytesIO()
    export_file(buf, title, headers, rows)
    return buf.getvalue()


def export_file(target, title: str, headers: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write the export's one sheet into `target` (a path or a writable, seekable binary file): the rows are
    streamed through and the sheet deflated as it goes, so memory stays flat whatever the row count. Returns the
    number of rows written. The rules of Book hold (no formula, the quote prefix on formula-like text)."""
    from jinguo.core.xlsxstream import write_sheet

    return write_sheet(target, str(title), [str(h) for h in headers], rows, local_time=_export_value)


def file_response(fh, filename: str):
    """A workbook file (open, binary) as a download streamed from the file, closed when the response is: memory
    stays flat however large the file (a background export of 100,000 rows)."""
    from urllib.parse import quote

    from django.http import FileResponse

    response = FileResponse(fh, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
