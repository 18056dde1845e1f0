import datetime
import io

from docx import Document
from openpyxl import load_workbook

from jinguo.core.models import AuditEvent
from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create


def _data(actors, tree):
    for i, unit in enumerate(["150602100200", "150621100200", "150602001001"]):
        day = datetime.date(2001, 2, 1 + i)
        person_create(
            actor=actors["region_cadre"],
            org=tree[unit],
            name="人",
            gender="F",
            ethnicity="汉族",
            birth_date=day,
            id_number=make_id_number(unit[:6], day, 50 + i),
        )


def test_xlsx_report_has_the_figures_and_is_audited(login, actors, tree, births_metric):
    _data(actors, tree)
    r = login(actors["ordos_cadre"]).get("/dashboard/report/?code=150600&period=2001Q1&format=xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    summary = [[c.value for c in row] for row in wb.worksheets[0].iter_rows()]
    assert ["births", 3, 0, None] in summary
    units = {row[1]: row[2] for row in ([c.value for c in r_] for r_ in wb.worksheets[2].iter_rows(min_row=2))}
    assert units["东胜区"] == 2 and units["达拉特旗"] == 1
    assert AuditEvent.objects.filter(event="export.report", actor_name="ordos_cadre").count() == 1


def test_docx_report_has_tables_and_a_chart(login, actors, tree, births_metric):
    _data(actors, tree)
    r = login(actors["ordos_cadre"]).get("/dashboard/report/?code=150600&period=2001Q1&format=docx")
    doc = Document(io.BytesIO(r.content))
    assert "鄂尔多斯市" in doc.paragraphs[0].text
    assert len(doc.tables) >= 3 and len(doc.inline_shapes) == 1
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "东胜区" in cells


def test_printable_page_and_permissions(login, actors, tree, births_metric):
    _data(actors, tree)
    assert "东胜区" in login(actors["ordos_cadre"]).get("/dashboard/report/?code=150600&period=2001Q1").content.decode()
    assert login(actors["county_cadre"]).get("/dashboard/report/?code=150621&period=2001Q1").status_code == 404
