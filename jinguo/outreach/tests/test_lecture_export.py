"""The lecture list exports to .xlsx with its current filters, and the export is audited."""

import io

from openpyxl import load_workbook

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.outreach.tests.factories import new_lecture


def test_the_export_keeps_the_filters_and_the_scope(login, actors, tree, calendar, lecturer):
    from jinguo.people.tests.factories import new_person

    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, title="东胜的宣讲")
    new_lecture(
        actors["county_cadre"], tree["150602"], calendar, lecturer, title="计划中的", held=False, audience_count=None
    )
    theirs = new_person(SYSTEM, tree["150621"], name="别人")
    new_lecture(actors["sibling_cadre"], tree["150621"], calendar, theirs, title="达拉特的宣讲")
    r = login(actors["county_cadre"]).get("/outreach/lectures/export.xlsx?state=held")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "东胜的宣讲" and rows[1][8] == "乌兰"
    ev = AuditEvent.objects.get(event="export.lectures")
    assert ev.detail["filters"]["state"] == "held" and ev.actor_name == "county_cadre"
    r = login(actors["region_cadre"]).get("/outreach/lectures/export.xlsx")
    assert len(list(load_workbook(io.BytesIO(r.content)).active.iter_rows())) == 4


def test_an_exported_sheet_imports_back(login, actors, tree, calendar, lecturer):
    from jinguo.core import xlsx
    from jinguo.outreach.importers import LectureImporter
    from jinguo.outreach.models import Lecture

    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, formats=["performance"])
    content = login(actors["county_cadre"]).get("/outreach/lectures/export.xlsx").content
    Lecture.objects.all().delete()
    result = xlsx.run_import(LectureImporter(actors["county_cadre"]), io.BytesIO(content))
    assert result.ok, result.errors
    assert Lecture.objects.get().formats == ["performance"]


def test_the_leader_may_export_but_the_outsider_may_not(login, actors):
    assert login(actors["leader"]).get("/outreach/lectures/export.xlsx").status_code == 200
    assert login(actors["outsider"]).get("/outreach/lectures/export.xlsx").status_code == 403
