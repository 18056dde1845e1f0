"""People import: every row validated first, all written or none, errors by row."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from jinguo.core import xlsx
from jinguo.core.models import AuditEvent, ImportJob
from jinguo.core.testing import xlsx_file
from jinguo.people.idcard import make_id_number
from jinguo.people.importers import PersonImporter
from jinguo.people.models import Person
from jinguo.people.tests.factories import new_person

HEADERS = ["姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "单位代码"]


def _sheet(rows, headers=HEADERS) -> io.BytesIO:
    return xlsx_file(rows, headers, name="people.xlsx")


def _row(i, org="150602", **over):
    birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=i)
    row = {
        "name": f"人{i}",
        "gender": "女",
        "ethnicity": "蒙古族",
        "birth": birth.isoformat(),
        "id": make_id_number("150602", birth, i),
        "phone": "13800000000",
        "org": org,
    }
    row.update(over)
    return [row["name"], row["gender"], row["ethnicity"], row["birth"], row["id"], row["phone"], row["org"]]


@pytest.fixture
def importer(actors):
    from django.utils import translation

    translation.activate("zh-hans")
    yield PersonImporter(actors["county_cadre"])
    translation.deactivate()


def test_a_good_sheet_is_written_whole_and_audited(importer):
    result = xlsx.run_import(importer, _sheet([_row(i) for i in range(1, 21)]))
    assert result.ok and result.written == 20 and Person.objects.count() == 20
    assert AuditEvent.objects.get(event="import.people").detail == {"rows": 20}


def test_each_bad_row_is_reported_and_nothing_is_written(importer, actors, tree):
    existing = new_person(actors["county_cadre"], tree["150602"], birth=datetime.date(1990, 1, 1))
    from jinguo.core import crypto

    dup = crypto.decrypt(existing.id_number_enc)
    good = _row(1)
    bad_check = _row(2)
    bad_check[4] = bad_check[4][:17] + ("0" if bad_check[4][17] != "0" else "1")
    unknown_org = _row(3, org="150699")
    duplicate = _row(4, id=dup, birth="1990-01-01")
    empty_name = _row(5, name=None)
    bad_date = _row(6, birth="1985-02-30")
    rows = [good, bad_check, unknown_org, duplicate, empty_name, bad_date]
    result = xlsx.run_import(importer, _sheet(rows))
    assert not result.ok
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append((e.column, e.reason))
    assert set(by_row) == {3, 4, 5, 6, 7}
    assert by_row[3][0][0] == "身份证号" and "校验" in by_row[3][0][1]
    assert by_row[4][0][0] == "单位代码"
    assert by_row[5][0][0] == "身份证号" and "重复登记" in by_row[5][0][1]
    assert by_row[6][0] == ("姓名", "此项必填。")
    assert by_row[7][0][0] == "出生日期"
    assert Person.objects.count() == 1
    assert not AuditEvent.objects.filter(event="import.people").exists()


def test_an_out_of_scope_unit_is_refused(importer):
    result = xlsx.run_import(importer, _sheet([_row(1, org="150621")]))
    assert not result.ok and result.errors[0].column == "单位代码"
    assert Person.objects.count() == 0


def test_a_duplicate_within_the_sheet_is_refused(importer):
    row = _row(1)
    result = xlsx.run_import(importer, _sheet([row, list(row)]))
    assert [e.row for e in result.errors] == [3]


def test_a_missing_column_is_refused(importer):
    result = xlsx.run_import(importer, _sheet([_row(1)[:6]], headers=HEADERS[:6]))
    assert not result.ok and result.errors[0].column == "单位代码"


def test_a_file_that_is_not_xlsx_is_refused(login, actors):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = login(actors["county_cadre"]).post(
        "/imports/people/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}, follow=True
    )
    assert r.status_code == 200 and not ImportJob.objects.exists()


def test_the_template_has_the_columns(login, actors):
    r = login(actors["county_cadre"]).get("/imports/people/template.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:-1] == HEADERS  # then the note marking the example row


def test_upload_page_runs_the_import_and_shows_errors(login, actors):
    client = login(actors["county_cadre"])
    bad = _row(2, birth="1985-02-30")
    r = client.post("/imports/people/", {"file": _sheet([_row(1), bad])}, follow=True)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED and job.written == 0
    assert "出生日期" in r.content.decode()
    errors = load_workbook(io.BytesIO(client.get(f"/imports/jobs/{job.pk}/errors.xlsx").content)).active
    assert [c.value for c in errors[2]][:2] == [3, "出生日期"]
    assert Person.objects.count() == 0


def test_a_large_import_runs_as_a_background_task(login, actors, settings):
    settings.IMPORT_BACKGROUND_ROWS = 5
    client = login(actors["county_cadre"])
    r = client.post("/imports/people/", {"file": _sheet([_row(i) for i in range(1, 11)])})
    job = ImportJob.objects.get()
    assert r.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.written == 10 and job.percent == 100
    assert Person.objects.count() == 10
    other = login(actors["sibling_cadre"]).get(f"/imports/jobs/{job.pk}/")
    assert other.status_code == 404


def test_a_failure_mid_write_writes_nothing(importer, monkeypatch):
    from jinguo.people import importers

    calls = []

    def exploding(*, actor, people, paths=None):
        people = list(people)
        calls.append(len(people))
        Person.objects.bulk_create(people[:5])
        raise RuntimeError("disk full")

    monkeypatch.setattr(importers, "person_bulk_create", exploding)
    with pytest.raises(RuntimeError):
        xlsx.run_import(importer, _sheet([_row(i) for i in range(1, 11)]))
    assert calls == [10] and Person.objects.count() == 0


def test_towns_and_villages_import(login, actors):
    from jinguo.orgs.models import OrgUnit

    buf = _sheet([["150602101", "新镇"], ["150602101200", "新村"]], headers=["区划代码", "名称"])
    client = login(actors["county_cadre"])
    client.post("/imports/orgs/", {"file": buf})
    assert OrgUnit.objects.get(code="150602101200").parent.code == "150602101"
    buf = _sheet([["150621101", "别人的镇"]], headers=["区划代码", "名称"])
    client.post("/imports/orgs/", {"file": buf})
    assert not OrgUnit.objects.filter(code="150621101").exists()


def test_people_built_as_they_are_stored_stay_within_the_units_named_beforehand(actors, tree):
    """A lazy write names its units first (each checked before anything is written); a person built for another
    unit is refused when it comes, and the caller's transaction writes none of them."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from jinguo.people.services import build_person, person_bulk_create

    def data(i):
        birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=i)
        number = make_id_number("150602", birth, i)
        return {"name": f"人{i}", "gender": "F", "ethnicity": "汉族", "birth_date": birth, "id_number": number}

    cadre = actors["county_cadre"]
    with pytest.raises(PermissionDenied):
        person_bulk_create(actor=cadre, people=iter(()), paths={tree["150621"].path})  # another county
    people = (build_person(org=tree[code], data=data(i)) for i, code in enumerate(["150602", "150602100", "150621"]))
    with pytest.raises(PermissionDenied), transaction.atomic():
        person_bulk_create(actor=cadre, people=people, paths={tree["150602"].path, tree["150602100"].path})
    assert not Person.objects.exists()
    people = (build_person(org=tree["150602"], data=data(i)) for i in range(3))
    assert person_bulk_create(actor=cadre, people=people, paths={tree["150602"].path}) == 3
    assert Person.objects.count() == 3
