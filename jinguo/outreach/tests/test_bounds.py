"""Every count, text and id of a lecture or team is bounded on the model, and the API, the form, the import
and the services refuse what lies outside with a reason and write nothing. Runs on SQLite and PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.bounds import MAX_ID, Bounds, bounds
from jinguo.core.services import api_token_create
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import Lecture, LectureTeam
from jinguo.outreach.services import lecture_create, lecture_mark_held, team_create
from jinguo.outreach.tests.factories import api_payload, data, new_lecture, today
from jinguo.stats.models import Rollup

LONG = "长" * 100_001


@pytest.fixture
def bearer(actors):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}


def _post(client, bearer, payload):
    return client.post("/api/v1/lectures", payload, content_type="application/json", **bearer)


def _refused_fields(response) -> set[str]:
    """The body fields a 422 names."""
    return {str(e["loc"][-1]) for e in response.json()["detail"] if e["loc"][0] == "body"}


def _no_lecture_figures() -> bool:
    return not Rollup.objects.filter(metric__startswith="outreach.").exists()


def _region_audience() -> int:
    return Rollup.objects.get(metric="outreach.audience", period=str(today().year), org_path="15").value


# --- the model ------------------------------------------------------------------------------------


def test_the_model_declares_the_bounds_and_full_clean_checks_them():
    assert bounds(Lecture, "audience_count") == Bounds(0, 100_000, None)
    assert bounds(Lecture, "online_views") == Bounds(0, 100_000_000, None)
    assert bounds(Lecture, "summary").max_length == 5_000
    assert bounds(LectureTeam, "description").max_length == 2_000
    # PostgreSQL's integer column is int4: every bound fits it.
    assert all(bounds(Lecture, f).max_value < 2**31 for f in ("audience_count", "online_views"))
    lec = Lecture(audience_count=100_001, online_views=100_000_001, summary="x" * 5_001)
    checked = {"audience_count", "online_views", "summary"}
    with pytest.raises(ValidationError) as e:
        lec.clean_fields(exclude=[f.name for f in Lecture._meta.fields if f.name not in checked])
    assert set(e.value.message_dict) == checked


# --- the API --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [2**63 - 1, 2**63, 2**31, 100_001, -1])
def test_the_api_refuses_an_audience_out_of_bounds(client, bearer, calendar, lecturer, value):
    r = _post(client, bearer, api_payload(calendar, lecturer, audience_count=value))
    assert r.status_code == 422
    assert _refused_fields(r) == {"audience_count"}
    assert not Lecture.objects.exists() and _no_lecture_figures()


def test_the_api_takes_the_largest_audience_and_views(client, bearer, calendar, lecturer):
    r = _post(
        client,
        bearer,
        api_payload(
            calendar,
            lecturer,
            audience_count=100_000,
            mode="online",
            online_views=100_000_000,
            confirm=["outlier:audience_count"],  # far above the usual: asked, and confirmed
        ),
    )
    assert r.status_code == 201, r.content
    assert (r.json()["audience_count"], r.json()["online_views"]) == (100_000, 100_000_000)
    assert _region_audience() == 100_000
    r = _post(client, bearer, api_payload(calendar, lecturer, mode="online", online_views=100_000_001))
    assert r.status_code == 422 and _refused_fields(r) == {"online_views"}


def test_the_api_refuses_texts_longer_than_the_model_takes(client, bearer, calendar, lecturer):
    r = _post(client, bearer, api_payload(calendar, lecturer, summary=LONG))
    assert r.status_code == 422 and _refused_fields(r) == {"summary"}
    # PostgreSQL text cannot hold NUL: refused up front, never a DataError.
    r = _post(client, bearer, api_payload(calendar, lecturer, summary="概况\x00", org="150602\x00"))
    assert r.status_code == 422 and _refused_fields(r) == {"summary", "org"}
    r = client.post(
        "/api/v1/teams",
        {"org": "150602", "name": "东胜区宣讲团", "description": LONG},
        content_type="application/json",
        **bearer,
    )
    assert r.status_code == 422 and _refused_fields(r) == {"description"}
    assert not Lecture.objects.exists() and not LectureTeam.objects.exists()


@pytest.mark.parametrize(
    "over",
    [
        {"lecturers": [2**63]},
        {"lecturers": [MAX_ID + 1]},
        {"lecturers": [0]},
        {"theme": 2**63},
        {"topic": 2**64},
        {"audience_group": 2**63},
        {"team": 2**63},
        {"campaign": 2**63},
    ],
)
def test_the_api_refuses_ids_past_the_record_id_bound(client, bearer, calendar, lecturer, over):
    r = _post(client, bearer, api_payload(calendar, lecturer, **over))
    assert r.status_code == 422
    assert _refused_fields(r) | {str(e["loc"][-2]) for e in r.json()["detail"]} >= set(over)
    assert not Lecture.objects.exists()


def test_the_api_refuses_a_list_of_lecturers_longer_than_the_model_takes(client, bearer, calendar, lecturer):
    r = _post(client, bearer, api_payload(calendar, lecturer, lecturers=list(range(1, Lecture.MAX_LECTURERS + 2))))
    assert r.status_code == 422 and _refused_fields(r) == {"lecturers"}


def test_the_openapi_document_states_the_bounds(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    lecture = schemas["LectureIn"]["properties"]
    count = next(s for s in lecture["audience_count"]["anyOf"] if s.get("type") == "integer")
    assert (count["minimum"], count["maximum"]) == (0, 100_000)
    assert lecture["summary"]["maxLength"] == 5_000
    assert lecture["lecturers"]["items"]["maximum"] == MAX_ID
    assert lecture["lecturers"]["maxItems"] == Lecture.MAX_LECTURERS
    assert schemas["TeamIn"]["properties"]["description"]["maxLength"] == 2_000


# --- the services (the form's and the import's checks) -----------------------------------------------


def test_the_services_name_the_bound_they_refuse(actors, tree, calendar, lecturer):
    cadre, village = actors["county_cadre"], tree["150602100200"]
    with pytest.raises(ValidationError) as e:
        lecture_create(actor=cadre, org=village, held=True, **data(calendar, lecturer, audience_count=100_001))
    assert e.value.message_dict == {"audience_count": ["The audience count is at most 100,000."]}
    with pytest.raises(ValidationError) as e:
        lecture_create(
            actor=cadre,
            org=village,
            held=True,
            **data(calendar, lecturer, mode="online", online_views=2**63, summary="x" * 5_001),
        )
    assert e.value.message_dict == {
        "online_views": ["Online views: at most 100,000,000."],
        "summary": ["Summary: at most 5,000 characters (5,001 given)."],
    }
    with pytest.raises(ValidationError) as e:
        lecture_create(actor=cadre, org=village, held=True, **data(calendar, lecturer, lecturer_ids=[2**63]))
    assert list(e.value.message_dict) == ["lecturers"]
    with pytest.raises(ValidationError) as e:
        team_create(actor=cadre, org=tree["150602"], name="东胜区宣讲团", description="x" * 2_001)
    assert e.value.message_dict == {"description": ["Description: at most 2,000 characters (2,001 given)."]}
    planned = new_lecture(cadre, village, calendar, lecturer, held=False, audience_count=None)
    with pytest.raises(ValidationError) as e:
        lecture_mark_held(actor=cadre, lecture=planned, audience_count=str(2**63))
    assert e.value.message_dict == {"audience_count": ["The audience count is at most 100,000."]}
    assert _no_lecture_figures()
    assert not LectureTeam.objects.exists()


# --- the form -------------------------------------------------------------------------------------


def _form(calendar, lecturer, **over) -> dict:
    d = data(calendar, lecturer)
    form = {
        "title": "数得清的宣讲",
        "kind": "lecture",
        "date": d["date"].isoformat(),
        "org_code": "150602100200",
        "lecturers": [lecturer.pk],
        "theme": d["theme"].pk,
        "topic": d["topic"].pk,
        "audience_group": d["audience_group"].pk,
        "mode": "offline",
        "language": "zh",
        "audience_count": "45",
        "held": "on",
    }
    form.update(over)
    return form


def test_the_form_refuses_a_too_large_audience_and_keeps_what_was_typed(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    r = client.post("/outreach/lectures/new/", _form(calendar, lecturer, audience_count="100001", place="村委会"))
    body = r.content.decode()
    assert r.status_code == 200 and "The audience count is at most 100,000." in body and "is-invalid" in body
    assert 'value="100001"' in body and 'value="数得清的宣讲"' in body and 'value="村委会"' in body
    assert not Lecture.objects.exists()


def test_the_form_refuses_a_too_long_summary_and_a_huge_lecturer_id(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    r = client.post("/outreach/lectures/new/", _form(calendar, lecturer, summary="x" * 5_001))
    assert r.status_code == 200 and "at most 5000 characters" in r.content.decode()
    r = client.post("/outreach/lectures/new/", _form(calendar, lecturer, lecturers=[str(2**63)]))
    assert r.status_code == 200 and "is not a record number" in r.content.decode()
    r = client.post("/outreach/teams/new/", {"org_code": "150602", "name": "东胜区宣讲团", "description": LONG})
    assert r.status_code == 200 and "at most 2000 characters" in r.content.decode()
    assert not Lecture.objects.exists() and not LectureTeam.objects.exists()


# --- the import -----------------------------------------------------------------------------------


def test_the_import_refuses_a_too_large_audience_and_writes_nothing(actors, calendar, lecturer):
    from jinguo.outreach.tests.test_lecture_import import _row, _sheet

    rows = [
        _row(calendar, lecturer, audience_count="100000"),
        _row(calendar, lecturer, audience_count="100001"),
        _row(calendar, lecturer, audience_count=str(2**63 - 1)),
    ]
    result = xlsx.run_import(LectureImporter(actors["county_cadre"], confirm_unusual=True), _sheet(rows))
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "Audience", "The audience count is at most 100,000."),
        (4, "Audience", "The audience count is at most 100,000."),
    ]
    assert result.written == 0 and not Lecture.objects.exists() and _no_lecture_figures()


def test_the_import_template_states_the_bounds_of_the_model(actors):
    helps = {c.key: c.help for c in LectureImporter(actors["county_cadre"]).get_columns()}
    assert "100,000" in helps["audience_count"] and "100,000,000" in helps["online_views"]
    assert helps["summary"] == "At most 5,000 characters."
