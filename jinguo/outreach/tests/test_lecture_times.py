"""A lecture's start and end time: one parser in the service, the form, the API and the import."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.core.testing import xlsx_file
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import Lecture
from jinguo.outreach.services import lecture_update
from jinguo.outreach.tests.factories import api_payload, new_lecture
from jinguo.outreach.tests.test_lecture_import import KEYS, _row

T = datetime.time


def test_a_range_as_the_start_time_fills_start_and_end(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="14:30-16:00")
    lec.refresh_from_db()
    assert (lec.start_time, lec.end_time) == (T(14, 30), T(16, 0))


def test_a_dotted_time_is_read_as_hours_and_minutes(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="14.30")
    lec.refresh_from_db()
    assert lec.start_time == T(14, 30) and lec.end_time is None


def test_the_end_must_come_after_the_start(actors, tree, calendar, lecturer):
    with pytest.raises(ValidationError) as e:
        new_lecture(
            actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="16:00", end_time="14:30"
        )
    assert set(e.value.message_dict) == {"end_time"}
    with pytest.raises(ValidationError) as e:
        new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, end_time="14:30")
    assert set(e.value.message_dict) == {"start_time"}
    assert not Lecture.objects.exists()


def test_an_update_keeps_the_end_and_checks_it(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="14:30-16:00")
    with pytest.raises(ValidationError) as e:
        lecture_update(actor=actors["county_cadre"], lecture=lec, start_time="17:00")
    assert set(e.value.message_dict) == {"end_time"}
    lecture_update(actor=actors["county_cadre"], lecture=lec, start_time="15:00")
    lec.refresh_from_db()
    assert (lec.start_time, lec.end_time) == (T(15, 0), T(16, 0))


# --- API -----------------------------------------------------------------------------------------


@pytest.fixture
def auth(actors):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}


@pytest.mark.parametrize("value", ["00:00:00Z", "14:30+08:00", 12345, 1.5])
def test_the_api_refuses_a_bad_start_time_with_a_reason(client, auth, calendar, lecturer, value):
    r = client.post(
        "/api/v1/lectures", api_payload(calendar, lecturer, start_time=value), content_type="application/json", **auth
    )
    assert r.status_code in (400, 422), r.content
    assert "start_time" in str(r.json()["detail"])
    assert not Lecture.objects.exists()


def test_the_api_answers_times_as_hours_and_minutes(client, auth, calendar, lecturer):
    r = client.post(
        "/api/v1/lectures",
        api_payload(calendar, lecturer, start_time="14:30-16:00"),
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201, r.content
    assert (r.json()["start_time"], r.json()["end_time"]) == ("14:30", "16:00")
    got = client.get(f"/api/v1/lectures/{r.json()['id']}", **auth).json()
    assert (got["start_time"], got["end_time"]) == ("14:30", "16:00")


def test_the_openapi_schema_says_what_the_api_returns(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("start_time", "end_time"):
        text = next(s for s in schemas["LectureOut"]["properties"][name]["anyOf"] if s["type"] == "string")
        assert text["pattern"] == r"^\d{2}:\d{2}$" and "format" not in text
    assert "format" not in str(schemas["LectureIn"]["properties"]["start_time"])


# --- page, import and export ---------------------------------------------------------------------


def test_the_lecture_page_shows_the_time_range(login, actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="14:30-16:00")
    page = login(actors["county_cadre"]).get(f"/outreach/lectures/{lec.pk}/").content.decode()
    assert "14:30–16:00" in page


def _sheet(rows, headers) -> io.BytesIO:
    return xlsx_file(rows, headers)


@pytest.fixture
def importer(actors):
    with translation.override("en"):
        yield LectureImporter(actors["county_cadre"])


def test_the_import_reads_ranges_dots_and_excel_times(importer, calendar, lecturer):
    rows = [
        _row(calendar, lecturer, title="区间") + ["14:30-16:00", None],
        _row(calendar, lecturer, title="点号") + ["14.30", None],
        _row(calendar, lecturer, title="结束") + ["9:00", "11:30"],
        _row(calendar, lecturer, title="表格时间") + [T(14, 30), None],
    ]
    result = xlsx.run_import(importer, _sheet(rows, KEYS + ["start_time", "end_time"]))
    assert result.ok, result.errors
    got = {lec.title: (lec.start_time, lec.end_time) for lec in Lecture.objects.all()}
    assert got == {
        "区间": (T(14, 30), T(16, 0)),
        "点号": (T(14, 30), None),
        "结束": (T(9, 0), T(11, 30)),
        "表格时间": (T(14, 30), None),
    }


def test_the_import_refuses_zones_and_numbers_by_row_and_column(importer, calendar, lecturer):
    rows = [
        _row(calendar, lecturer) + ["14:30+08:00", None],
        _row(calendar, lecturer) + [12345, None],
        _row(calendar, lecturer) + ["16:00", "14:00"],
    ]
    result = xlsx.run_import(importer, _sheet(rows, KEYS + ["start_time", "end_time"]))
    errors = [(e.row, e.column) for e in result.errors]
    assert errors == [(2, "Start time"), (3, "Start time"), (4, "End time")]
    assert "time zone" in result.errors[0].reason and "number" in result.errors[1].reason
    assert not Lecture.objects.exists()


def test_the_export_has_the_end_time(login, actors, tree, calendar, lecturer):
    new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, start_time="14:30-16:00")
    with translation.override("en"):
        r = login(actors["county_cadre"]).get("/outreach/lectures/export.xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    i = rows[0].index("End time")
    assert rows[0][i - 1] == "Start time" and (rows[1][i - 1], rows[1][i]) == ("14:30", "16:00")
