"""Each cadre's learning record for a year (sessions, hours), on a page and exported to .xlsx."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.people.tests.factories import new_person
from jinguo.study.selectors import learning_records
from jinguo.study.services import study_session_create


@pytest.fixture
def year_of_study(actors, tree, calendar):
    year = min(calendar["annual"])
    a = new_person(SYSTEM, tree["150602"], name="甲", birth=datetime.date(1980, 1, 1))
    b = new_person(SYSTEM, tree["150602"], name="乙", birth=datetime.date(1981, 1, 1))
    c = new_person(SYSTEM, tree["150621"], name="丙", birth=datetime.date(1982, 1, 1))
    for month, form, hours, attendance in [
        (3, "led", "2", {a.pk: "present", b.pk: "present"}),
        (6, "discussion", "1.5", {a.pk: "present", b.pk: "absent"}),
        (9, "self", "3", {a.pk: "present", b.pk: "leave"}),
    ]:
        day = datetime.date(year, month, 12)
        study_session_create(
            actor=actors["county_cadre"],
            org=tree["150602"],
            title=f"{month}月联学",
            form=form,
            date=day,
            hours=hours,
            theme=calendar["month"][(year, month)],
            attendance=attendance,
        )
    study_session_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        title="达旗联学",
        form="tutorial",
        date=datetime.date(year, 5, 5),
        hours="2",
        theme=calendar["month"][(year, 5)],
        attendance={c.pk: "present"},
    )
    # Last year's session is not this year's record.
    study_session_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        title="去年",
        form="led",
        date=datetime.date(year + 1, 1, 5),
        hours="2",
        theme=calendar["month"][(year + 1, 1)],
        attendance={a.pk: "present"},
    )
    return year


def test_the_record_counts_sessions_attended_and_hours(actors, year_of_study):
    rows = {r["person__name"]: r for r in learning_records(actors["county_cadre"], year=year_of_study)}
    assert set(rows) == {"甲", "乙"}  # the sibling county's cadre is not in scope
    assert (rows["甲"]["sessions"], rows["甲"]["hours"]) == (3, Decimal("6.5"))
    assert (rows["乙"]["sessions"], rows["乙"]["hours"]) == (1, Decimal("2.0"))
    assert (rows["甲"]["n_led"], rows["甲"]["n_discussion"], rows["甲"]["n_self"]) == (1, 1, 1)
    region = {r["person__name"] for r in learning_records(actors["region_cadre"], year=year_of_study)}
    assert region == {"甲", "乙", "丙"}


def test_the_record_exports_to_xlsx_and_the_export_is_audited(login, actors, year_of_study):
    r = login(actors["county_cadre"]).get(f"/study/records/export.xlsx?year={year_of_study}")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("甲", "150602", "东胜区", 3, 6.5)
    assert len(rows) == 3
    assert AuditEvent.objects.get(event="export.learning_records").detail["filters"]["year"] == year_of_study
    assert login(actors["outsider"]).get("/study/records/export.xlsx").status_code == 403


def test_the_records_page(login, actors, year_of_study, assert_queries):
    client = login(actors["county_cadre"])
    with assert_queries(6):
        body = client.get(f"/study/records/?year={year_of_study}").content.decode()
    assert "甲" in body and "6.5" in body
    with assert_queries(6):
        assert client.get(f"/study/?year={year_of_study}").status_code == 200
