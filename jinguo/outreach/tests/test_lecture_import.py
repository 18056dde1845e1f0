"""Lecture import: every row checked first, all rows written or none, errors by row and column."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.core.testing import xlsx_file
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import period_close
from jinguo.outreach.tests.factories import last_month_day, today

KEYS = [
    "title",
    "kind",
    "date",
    "org_code",
    "team",
    "lecturers",
    "theme",
    "topic",
    "campaign",
    "formats",
    "audience_group",
    "audience_count",
    "held",
]


def _sheet(rows, headers=KEYS) -> io.BytesIO:
    return xlsx_file(rows, headers, name="lectures.xlsx")


def _row(calendar, lecturer, day=None, **over):
    day = day or today()
    row = {
        "title": "家风家教故事会",
        "kind": "妇女恳谈会",
        "date": day.isoformat(),
        "org_code": "150602100200",
        "team": None,
        "lecturers": lecturer.name,
        "theme": calendar["month"][(day.year, day.month)].title,
        "topic": "家庭教育",
        "campaign": "百千万巾帼大宣讲",
        "formats": "微电影、现场互动",
        "audience_group": "农牧民",
        "audience_count": "35",
        "held": "是",
    }
    row.update(over)
    return [row[k] for k in KEYS]


@pytest.fixture
def importer(actors):
    with translation.override("en"):
        yield LectureImporter(actors["county_cadre"])


def _errors(result):
    out = {}
    for e in result.errors:
        out.setdefault(e.row, []).append((e.column, e.reason))
    return out


def test_a_good_sheet_is_written_whole_with_one_audit_event(importer, calendar, lecturer):
    rows = [_row(calendar, lecturer, title=f"宣讲{i}") for i in range(12)]
    result = xlsx.run_import(importer, _sheet(rows))
    assert result.ok and result.written == 12
    lec = Lecture.objects.order_by("pk").first()
    assert (lec.kind, lec.formats, lec.state, lec.campaign.name) == (
        "talk",
        ["micro_film", "interaction"],
        LectureState.HELD,
        "百千万巾帼大宣讲",
    )
    assert list(lec.lecturers.all()) == [lecturer]
    codes = list(Lecture.objects.values_list("checkin_code", flat=True))
    assert len(set(codes)) == 12
    assert AuditEvent.objects.get(event="import.lectures").detail == {"rows": 12}


def test_an_unknown_theme_is_refused_and_nothing_written(importer, calendar, lecturer):
    rows = [_row(calendar, lecturer), _row(calendar, lecturer, theme="不存在的主题")]
    result = xlsx.run_import(importer, _sheet(rows))
    assert not result.ok and not Lecture.objects.exists()
    assert _errors(result) == {3: [("Theme", "There is no theme “不存在的主题” in the theme calendar.")]}
    assert not AuditEvent.objects.filter(event="import.lectures").exists()


def test_every_bad_row_is_reported(importer, calendar, lecturer, actors, tree):
    period_close(actor=actors["ordos_cadre"], org=tree["150602"], month=last_month_day())
    rows = [
        _row(calendar, lecturer),
        _row(calendar, lecturer, org_code="150621100200"),  # a sibling county's village
        _row(calendar, lecturer, audience_count="-2"),
        _row(calendar, lecturer, lecturers="不在名册的人"),
        _row(calendar, lecturer, day=last_month_day()),  # a closed month
        _row(calendar, lecturer, kind="演唱会"),
        _row(calendar, lecturer, topic="天文"),
        _row(calendar, lecturer, date="2026-02-30"),
    ]
    result = xlsx.run_import(importer, _sheet(rows))
    errors = _errors(result)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert errors[3][0] == ("Org unit code", "There is no unit with code 150621100200 among your units.")
    assert errors[4][0] == ("Audience", "The audience count cannot be below zero.")
    assert errors[5][0] == (
        "Lecturers",
        "Lecturer “不在名册的人” is neither in the people registry of your units "
        "nor in a lecture team serving this unit.",
    )
    assert errors[6][0][0] == "Date" and "closed" in errors[6][0][1]
    assert errors[7][0][0] == "Kind"
    assert errors[8][0] == ("Topic", "“天文” is not in the list.")
    assert errors[9][0][0] == "Date"
    assert not Lecture.objects.exists()


def test_lecturers_may_be_given_by_id_number(importer, calendar, lecturer):
    from jinguo.core import crypto

    number = crypto.decrypt(lecturer.id_number_enc)
    result = xlsx.run_import(importer, _sheet([_row(calendar, lecturer, lecturers=number)]))
    assert result.ok and list(Lecture.objects.get().lecturers.all()) == [lecturer]


def test_a_name_shared_by_two_people_needs_the_id_number(importer, calendar, lecturer, tree):
    from jinguo.people.tests.factories import new_person

    new_person(SYSTEM, tree["150602"], name=lecturer.name)
    result = xlsx.run_import(importer, _sheet([_row(calendar, lecturer)]))
    assert "ID number" in result.errors[0].reason and not Lecture.objects.exists()


def test_a_failure_mid_write_writes_nothing(importer, calendar, lecturer, monkeypatch):
    from jinguo.outreach import services

    def exploding(*, actor, lectures, lecturer_ids, paths=None):
        lectures = list(lectures)
        Lecture.objects.bulk_create(lectures[:2])
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "lecture_bulk_create", exploding)
    with pytest.raises(RuntimeError):
        xlsx.run_import(importer, _sheet([_row(calendar, lecturer, title=f"t{i}") for i in range(5)]))
    assert not Lecture.objects.exists()


def test_the_template_and_the_upload_page(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    ws = load_workbook(io.BytesIO(client.get("/imports/lectures/template.xlsx").content)).active
    assert len([c.value for c in ws[1]]) == 22  # 21 columns and the note that marks the example row
    r = client.post("/imports/lectures/", {"file": _sheet([_row(calendar, lecturer)])}, follow=True)
    assert r.status_code == 200 and Lecture.objects.count() == 1
    assert login(actors["leader"]).get("/imports/lectures/").status_code == 403


def test_a_title_given_at_two_levels_is_the_narrowest_theme_serving_each_row(actors, tree, calendar, lecturer):
    """Rows of one theme title and day at units served by different themes of that title each get their own (the
    county's where it serves, the region's elsewhere), whichever row asks first: what the import remembers between
    rows must not carry one unit's theme to another."""
    import datetime

    from jinguo.planning.models import ThemeKind
    from jinguo.planning.services import theme_create

    day = today()
    region_theme = calendar["month"][(day.year, day.month)]
    county_theme = theme_create(
        actor=SYSTEM,
        org=tree["150602"],
        kind=ThemeKind.MONTH,
        year=day.year,
        month=day.month,
        title=region_theme.title,
        parent=region_theme.parent,
    )
    rows = [
        _row(calendar, lecturer, title="东胜一", org_code="150602100200"),
        _row(calendar, lecturer, title="达旗一", org_code="150621100200"),
        _row(calendar, lecturer, title="东胜二", org_code="150602100200"),
        _row(calendar, lecturer, title="达旗二", org_code="150621100"),
    ]
    outside = day - datetime.timedelta(days=40)
    late = _row(calendar, lecturer, day=outside, title="达旗三", org_code="150621100200", theme=region_theme.title)
    with translation.override("en"):
        cadre = LectureImporter(actors["region_cadre"])
        refused = xlsx.run_import(cadre, _sheet([*rows, late]))
        assert list(_errors(refused)) == [6]
        assert _errors(refused)[6][0][0] == "Theme" and "the date is outside it" in _errors(refused)[6][0][1]
        assert not Lecture.objects.exists()
        result = xlsx.run_import(LectureImporter(actors["region_cadre"]), _sheet(rows))
    assert result.ok, result.errors
    assert dict(Lecture.objects.values_list("title", "theme_id")) == {
        "东胜一": county_theme.pk,
        "达旗一": region_theme.pk,
        "东胜二": county_theme.pk,
        "达旗二": region_theme.pk,
    }
