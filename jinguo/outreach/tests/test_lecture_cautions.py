"""A lecture that repeats a recorded one, or whose audience is far above the county's usual, asks before it is
saved (core.confirm) — in the form, the API and the import alike — and the form shows every error in one round."""

import json
import re

import pytest
from django.utils import translation

from jinguo.core import xlsx
from jinguo.core.audit import AuditEvent
from jinguo.core.confirm import NeedsConfirmation
from jinguo.orgs.models import OrgUnit
from jinguo.outreach import services
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import Lecture
from jinguo.outreach.tests.factories import data, new_lecture, today
from jinguo.outreach.tests.test_lecture_import import _errors, _row, _sheet
from jinguo.outreach.tests.test_submit_once import _post

VILLAGE = "150602100200"


@pytest.fixture
def history(actors, calendar, lecturer):
    """Ten held lectures of 30 listeners in the county: its usual audience is 30."""
    org = OrgUnit.objects.get(code=VILLAGE)
    for i in range(services.USUAL_MINIMUM):
        new_lecture(actors["county_cadre"], org, calendar, lecturer, title=f"往期宣讲{i}", audience_count=30)
    return org


def _cautions(html: str) -> list[str]:
    return re.findall(r'name="confirm" value="([^"]+)"', html)


def test_the_form_asks_before_saving_a_repeat_and_saves_it_once_confirmed(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    assert _post(client, calendar, lecturer, "a").status_code == 302
    again = _post(client, calendar, lecturer, "b")
    assert again.status_code == 200 and Lecture.objects.count() == 1
    page = again.content.decode()
    assert _cautions(page) == ["duplicate"] and 'data-testid="form-cautions"' in page
    assert 'value="家风家教故事会"' in page  # what the user typed is kept
    assert _post(client, calendar, lecturer, "b", confirm=["duplicate"]).status_code == 302
    assert Lecture.objects.count() == 2
    event = AuditEvent.objects.filter(event="lecture.create").order_by("-pk").first()
    assert event.detail["confirmed"] == ["duplicate"]


def test_the_form_asks_about_an_audience_far_above_the_usual(login, actors, calendar, lecturer, history):
    client = login(actors["county_cadre"])
    assert _post(client, calendar, lecturer, "c", audience_count="300").status_code == 302  # 10 × 30: not yet
    asked = _post(client, calendar, lecturer, "d", audience_count="5000", title="千人宣讲")
    assert _cautions(asked.content.decode()) == ["outlier:audience_count"]
    assert "30" in asked.content.decode() and not Lecture.objects.filter(title="千人宣讲").exists()
    saved = _post(
        client, calendar, lecturer, "d", audience_count="5000", title="千人宣讲", confirm="outlier:audience_count"
    )
    assert saved.status_code == 302 and Lecture.objects.get(title="千人宣讲").audience_count == 5000


def test_without_history_only_the_floor_counts(actors, calendar, lecturer):
    org = OrgUnit.objects.get(code=VILLAGE)
    new_lecture(actors["county_cadre"], org, calendar, lecturer, audience_count=services.AUDIENCE_FLOOR)
    with pytest.raises(NeedsConfirmation) as e:
        new_lecture(
            actors["county_cadre"],
            org,
            calendar,
            lecturer,
            title="大会",
            audience_count=services.AUDIENCE_FLOOR + 1,
            confirm=(),
        )
    assert [c.code for c in e.value.cautions] == ["outlier:audience_count"]


def test_the_api_answers_409_with_the_cautions_and_saves_once_confirmed(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    d = data(calendar, lecturer)
    body = {
        "org": VILLAGE,
        "title": d["title"],
        "date": today().isoformat(),
        "theme": d["theme"].pk,
        "topic": d["topic"].pk,
        "audience_group": d["audience_group"].pk,
        "lecturers": [lecturer.pk],
        "audience_count": 40,
        "held": True,
    }

    def post(**over):
        return client.post("/api/v1/lectures", json.dumps(body | over), content_type="application/json")

    assert post().status_code == 201
    asked = post()
    assert asked.status_code == 409
    assert [c["code"] for c in asked.json()["confirm"]] == ["duplicate"]
    assert Lecture.objects.count() == 1
    assert post(confirm=["duplicate"]).status_code == 201
    assert Lecture.objects.count() == 2
    assert post(confirm=["x" * 41]).status_code == 422  # the codes are bounded like every input


def test_the_import_refuses_an_unusual_audience_unless_the_upload_confirms_it(actors, calendar, lecturer, history):
    rows = [_row(calendar, lecturer, title="千人宣讲", audience_count=5000), _row(calendar, lecturer, title="小会")]
    with translation.override("en"):
        result = xlsx.run_import(LectureImporter(actors["county_cadre"]), _sheet(rows))
        assert list(_errors(result)) == [2] and "far above this unit's usual 30" in _errors(result)[2][0][1]
        assert not Lecture.objects.filter(title__in=["千人宣讲", "小会"]).exists()
        confirmed = LectureImporter(actors["county_cadre"], confirm_unusual=True)
        assert xlsx.run_import(confirmed, _sheet(rows)).written == 2


def test_every_error_of_the_form_shows_in_one_round_with_a_summary(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    page = _post(
        client, calendar, lecturer, "e", title="", date="1990-01-01", lecturers=[], audience_count="999999"
    ).content.decode()
    shown = re.findall(r'class="invalid-feedback d-block">([^<]+)<', page)
    assert "This field is required." in shown  # the title: the form's own check
    assert "Name at least one lecturer." in shown  # the service's checks, in the same round
    assert "The audience count is at most 100,000." in shown
    assert "1990-01-01 is outside the years this field takes (2000–2100)." in shown
    links = re.findall(r'<a href="#(id_[a-z_]+)" class="alert-link"', page)
    assert {"id_title", "id_date", "id_lecturers", "id_audience_count"} <= set(links)
    assert "Please correct 4 problems." in page
    assert not Lecture.objects.exists()
