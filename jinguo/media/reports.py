"""The monthly matrix report of a unit: the matrix, the month's figures, rankings by index (all, by platform, by
brand), cross-posting completion per unit and the top posts; as .xlsx, as .docx (tables and bar charts) and as a
printable page."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core.periods import Period
from jinguo.core.xlsx import Book
from jinguo.media import selectors as sel
from jinguo.orgs.models import Level


def report_data(user, org, period: Period) -> dict:
    rows = sel.ranking(user, period.start, period.end, under=org)
    by_platform: dict[str, list] = {}
    by_brand: dict[str, list] = {}
    for r in rows:
        by_platform.setdefault(r["account"].platform.name, []).append(r)
        if r["account"].brand:
            by_brand.setdefault(r["account"].brand, []).append(r)
    m = sel.matrix(user, org)
    completion = sel.completion_by_unit(user, org, period)
    labels = dict(Level.choices)
    return {
        "org": org,
        "period": period,
        "matrix": m,
        "level_rows": [[str(labels.get(lv["level"], lv["level"])), lv["own"], lv["matrix"]] for lv in m["levels"]],
        "ranking": rows[:30],
        "platform_leaders": [(name, rs[:5]) for name, rs in sorted(by_platform.items())],
        "brand_leaders": [(name, rs[:5]) for name, rs in sorted(by_brand.items())],
        "completion": completion,
        "top_posts": sel.top_posts(user, period.start, period.end),
        "reads": sum(r["inputs"].reads for r in rows),
        "chart": _chart(rows, by_platform, completion),
    }


def _chart(rows, by_platform: dict, completion) -> dict:
    """The printable page's charts (media_report.js): the ten leading accounts by communication index, the
    month's reads by platform, and each unit's cross-posting completion."""
    return {
        "leaders": [{"name": r["account"].name, "value": float(r["wci"])} for r in rows[:10]],
        "platforms": [
            {"name": name, "value": sum(r["inputs"].reads for r in rs)} for name, rs in sorted(by_platform.items())
        ],
        "completion": [{"name": c["org"].name, "value": c["percent"]} for c in completion if c["percent"] is not None][
            :20
        ],
        "labels": {
            "leaders": str(_("Leading accounts by communication index")),
            "platforms": str(_("Reads by platform")),
            "completion": str(_("Cross-posting completion (%)")),
        },
    }


def _rank_rows(rows) -> list[list]:
    return [
        [
            r["rank"],
            r["account"].name,
            r["account"].platform.name,
            r["account"].org.name,
            float(r["wci"]),
            r["inputs"].reads,
        ]
        for r in rows
    ]


def _headers():
    return [_("Rank"), _("Account"), _("Platform"), _("Org unit"), _("Index"), _("Reads")]


def _completion_rows(d) -> list[list]:
    return [
        [c["org"].code, c["org"].name, c["total"], c["done"], "" if c["percent"] is None else c["percent"]]
        for c in d["completion"]
    ]


def report_xlsx(d: dict) -> bytes:
    book = Book()
    m = d["matrix"]
    book.sheet(
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            [f"{d['org'].name} {d['period'].label()}"],
            [_("Own accounts"), m["own"]],
            [_("Matrix accounts"), m["matrix"]],
            [_("Accounts in all"), m["total"]],
            [_("Dormant accounts"), m["dormant"]],
            [_("Reads of the month"), d["reads"]],
        ],
    )
    book.sheet(_("By level"), [_("Level"), _("Own"), _("Matrix")], d["level_rows"])
    book.sheet(_("Ranking"), _headers(), _rank_rows(d["ranking"]))
    book.sheet(
        _("Cross-posting"), [_("Division code"), _("Unit"), _("Tasks"), _("Done"), _("Percent")], _completion_rows(d)
    )
    book.sheet(
        _("Top posts"),
        [_("Post"), _("Org unit"), _("Accounts carrying it")],
        [[t["post"].title, t["post"].org.name, t["carried"]] for t in d["top_posts"]],
    )
    return book.getvalue()


def report_docx(d: dict) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    from jinguo.stats.charts import bar_chart

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.font.size = Pt(10.5)
    doc.add_heading(
        _("%(org)s new-media matrix report, %(period)s") % {"org": d["org"].name, "period": d["period"].label()}, 0
    )
    doc.add_paragraph(_("Made %(time)s.") % {"time": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
    m = d["matrix"]
    doc.add_heading(_("The matrix"), 1)
    doc.add_paragraph(
        _("%(own)s own accounts and %(matrix)s matrix accounts, %(total)s in all; %(dormant)s dormant.")
        % {"own": m["own"], "matrix": m["matrix"], "total": m["total"], "dormant": m["dormant"]}
    )
    _table(doc, [_("Level"), _("Own"), _("Matrix")], d["level_rows"])
    if d["ranking"]:
        doc.add_heading(_("Ranking by communication index"), 1)
        png = bar_chart(
            [(r["account"].name, str(r["account"].pk), int(r["wci"])) for r in d["ranking"][:15]], _("Index")
        )
        doc.add_picture(io.BytesIO(png), width=Cm(16))
        _table(doc, _headers(), _rank_rows(d["ranking"]))
    if d["completion"]:
        doc.add_heading(_("Cross-posting completion"), 1)
        png = bar_chart(
            [(c["org"].name, c["org"].code, int(c["percent"] or 0)) for c in d["completion"][1:]], _("Percent")
        )
        doc.add_picture(io.BytesIO(png), width=Cm(16))
        _table(doc, [_("Division code"), _("Unit"), _("Tasks"), _("Done"), _("Percent")], _completion_rows(d))
    if d["top_posts"]:
        doc.add_heading(_("Top posts"), 1)
        _table(
            doc,
            [_("Post"), _("Org unit"), _("Accounts carrying it")],
            [[t["post"].title, t["post"].org.name, t["carried"]] for t in d["top_posts"]],
        )
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
