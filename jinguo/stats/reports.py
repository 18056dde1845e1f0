"""The quarterly statistics report of a unit: .xlsx, .docx (tables and a chart image), printable page."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core.xlsx import Book
from jinguo.stats.charts import bar_chart
from jinguo.stats.selectors import Dashboard


def _figure_rows(d: Dashboard) -> list[list]:
    return [[str(f.metric.label), f.value, f.previous, "" if f.change is None else f"{f.change}%"] for f in d.figures]


def _figure_headers(d: Dashboard) -> list[str]:
    previous = _("Same days of the previous period") if d.same_days else _("Previous period")
    return [_("Figure"), _("This period"), previous, _("Change on the previous period")]


def _compared_note(d: Dashboard) -> str:
    """Said under the title while the period runs (see Period.comparison)."""
    if not d.same_days:
        return ""
    return _(
        "The period is running: its figures so far are compared with the same days of the previous period, "
        "%(start)s to %(end)s."
    ) % {"start": d.compared_with.start.isoformat(), "end": d.compared_with.end.isoformat()}


def _child_rows(d: Dashboard) -> list[list]:
    return [[r["org"].code, r["org"].name, *[r["values"][f.metric.key] for f in d.figures]] for r in d.children]


def report_xlsx(d: Dashboard) -> bytes:
    book = Book()
    book.sheet(
        _("Summary"),
        _figure_headers(d),
        [[f"{d.org.name} {d.period.label()}"], *([[_compared_note(d)]] if d.same_days else []), *_figure_rows(d)],
    )
    book.sheet(
        _("Coverage"),
        [_("Level"), _("Covered"), _("Total"), _("Percent")],
        [[str(c["label"]), c["covered"], c["total"], c["percent"]] for c in d.coverage],
    )
    book.sheet(
        _("Units below"), [_("Division code"), _("Unit"), *[str(f.metric.label) for f in d.figures]], _child_rows(d)
    )
    book.sheet(_("Gaps"), [_("Division code"), _("Unit")], [[g.code, g.name] for g in d.gaps])
    return book.getvalue()


def report_docx(d: Dashboard) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Microsoft YaHei"
    )
    doc.add_heading(_("%(org)s statistics report, %(period)s") % {"org": d.org.name, "period": d.period.label()}, 0)
    doc.add_paragraph(
        _("Made %(time)s from the platform's roll-ups.") % {"time": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    )

    doc.add_heading(_("Key figures"), 1)
    if d.same_days:
        doc.add_paragraph(_compared_note(d))
    _table(doc, _figure_headers(d), _figure_rows(d))
    if d.coverage:
        doc.add_heading(_("Coverage"), 1)
        _table(
            doc,
            [_("Level"), _("Covered"), _("Total"), _("Percent")],
            [[str(c["label"]), c["covered"], c["total"], f"{c['percent']}%"] for c in d.coverage],
        )
    if d.children and d.ranked_metric:
        doc.add_heading(_("Units below"), 1)
        key = d.ranked_metric.key
        png = bar_chart(
            [(r["org"].name, r["org"].code, r["values"][key]) for r in d.children], str(d.ranked_metric.label)
        )
        doc.add_picture(io.BytesIO(png), width=Cm(16))
        _table(doc, [_("Division code"), _("Unit"), *[str(f.metric.label) for f in d.figures]], _child_rows(d))
    if d.gaps:
        doc.add_heading(_("Gaps"), 1)
        doc.add_paragraph("、".join(g.name for g in d.gaps))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc, headers: list, rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = f"{value:,}" if isinstance(value, int) else str(value)
