"""Imports of volunteers and of back-filled hours: every row is checked first and every problem reported; all rows
are written or none; the month's cap counts the sheet's own rows."""

import io

import pytest

from jinguo.core import xlsx
from jinguo.core.models import AuditEvent
from jinguo.core.testing import xlsx_file
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import services
from jinguo.volunteer.models import ServiceRecord, TeamMember, Volunteer
from jinguo.volunteer.tests.factories import last_month


def _sheet(rows) -> io.BytesIO:
    return xlsx_file(rows)


VOLUNTEER_HEADER = ["Volunteer", "Org unit code", "Teams", "Skills", "Consent given by", "How consent was given"]


def test_volunteers_import_all_or_nothing_with_every_problem(actors, tree, team):
    cadre = actors["county_cadre"]
    for name in ("其其格", "萨仁", "乌云"):
        new_person(cadre, tree["150602100200"], name=name)
    new_person(actors["sibling_cadre"], tree["150621"], name="别县人")
    rows = [
        VOLUNTEER_HEADER,
        ["其其格", "", "爱心阿姨", "护理", "本人", "书面同意书"],
        ["萨仁", "150602100200", "爱心阿姨、不存在的队", "", "本人", ""],
        ["别县人", "", "", "", "本人", "口头"],
        ["其其格", "", "", "", "本人", "口头"],
        ["乌云", "150621", "", "", "本人", "口头"],
    ]
    result = xlsx.run_import(xlsx.REGISTRY["volunteers"](cadre), _sheet(rows))
    problems = {(e.row, e.column) for e in result.errors}
    assert {
        (3, "Teams"),
        (3, "How consent was given"),
        (4, "Volunteer"),
        (5, "Volunteer"),
        (6, "Org unit code"),
    } <= problems
    assert not Volunteer.objects.exists() and not AuditEvent.objects.filter(event="import.volunteers").exists()
    # Without the wrong rows, every row is written with its teams, in one audited batch.
    ok = xlsx.run_import(
        xlsx.REGISTRY["volunteers"](cadre), _sheet([rows[0], rows[1], ["萨仁", "", "爱心阿姨", "", "本人", "口头"]])
    )
    assert ok.ok and ok.written == 2
    assert TeamMember.objects.filter(team=team).count() == 2
    assert AuditEvent.objects.filter(event="import.volunteers").count() == 1


def test_a_fault_while_writing_volunteers_writes_nothing(actors, tree, team, monkeypatch):
    cadre = actors["county_cadre"]
    for i in range(5):
        new_person(cadre, tree["150602100200"], name=f"人{i}")
    rows = [VOLUNTEER_HEADER] + [[f"人{i}", "", "爱心阿姨", "", "本人", "口头"] for i in range(5)]

    def broken(**kwargs):
        Volunteer.objects.bulk_create(kwargs["volunteers"][:2])
        raise OSError("disk full")

    monkeypatch.setattr(services, "volunteers_bulk_create", broken)
    with pytest.raises(OSError):
        xlsx.run_import(xlsx.REGISTRY["volunteers"](cadre), _sheet(rows))
    assert not Volunteer.objects.exists()


HOURS_HEADER = ["Volunteer", "Service date", "Hours", "Org unit code", "Team", "Project", "What was done"]


def test_hours_import_checks_the_cap_over_the_sheet(actors, tree, volunteer, settings):
    settings.VOLUNTEER_BACKFILL_CAP = 5
    cadre = actors["county_cadre"]
    day = last_month(10).isoformat()
    rows = [
        HOURS_HEADER,
        ["娜仁", day, "3", "150602100200", "爱心阿姨", "", "入户"],
        ["娜仁", day, "3", "150602100200", "", "", "入户"],
        ["娜仁", day, "13", "150602100200", "", "", "入户"],
        ["没这人", day, "1", "150621", "别的队", "", ""],
    ]
    result = xlsx.run_import(xlsx.REGISTRY["volunteer_hours"](cadre), _sheet(rows))
    errors = {(e.row, e.column): e.reason for e in result.errors}
    assert "capped at 5" in errors[(3, "Hours")]
    assert (4, "Hours") in errors and (5, "Volunteer") in errors and (5, "Org unit code") in errors
    assert (5, "What was done") in errors
    assert not ServiceRecord.objects.exists()
    ok = xlsx.run_import(xlsx.REGISTRY["volunteer_hours"](cadre), _sheet(rows[:2]))
    assert ok.ok and ServiceRecord.objects.get().backfilled
