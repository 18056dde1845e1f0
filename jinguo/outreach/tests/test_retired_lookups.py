"""A retired topic (or campaign, audience group) stays on the lectures that name it, but a new lecture cannot
name it: the form, the API and the import refuse it with the same message (issue: the API took retired topics,
which the form and the import refused)."""

import io
import json

import pytest
from django.utils import translation
from openpyxl import Workbook

from jinguo.core import xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.inputs import retired
from jinguo.core.services import api_token_create
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import AudienceGroup, Lecture, Topic
from jinguo.outreach.tests.factories import today


@pytest.fixture
def topic(calendar):
    t = Topic.objects.get(name="家庭教育")
    t.active = False
    t.save()
    return t


def _theme(calendar):
    d = today()
    return calendar["month"][(d.year, d.month)]


def test_the_form_refuses_a_retired_topic(login, actors, calendar, lecturer, topic):
    d = today()
    r = login(actors["county_cadre"]).post(
        "/outreach/lectures/new/",
        {
            "org_code": "150602100200",
            "title": "表单录入",
            "kind": "lecture",
            "date": d.isoformat(),
            "theme": _theme(calendar).pk,
            "topic": topic.pk,
            "audience_group": AudienceGroup.objects.first().pk,
            "lecturers": [lecturer.pk],
            "audience_count": "30",
            "mode": "offline",
            "language": "zh",
            "held": "on",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    with translation.override("en"):
        assert r.context["form"].errors["topic"] == [retired("家庭教育")]
    assert not Lecture.objects.exists()


def test_the_api_refuses_a_retired_topic(client, actors, calendar, lecturer, topic):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    payload = {
        "org": "150602100200",
        "title": "接口录入",
        "date": today().isoformat(),
        "theme": _theme(calendar).pk,
        "topic": topic.pk,
        "audience_group": AudienceGroup.objects.first().pk,
        "lecturers": [lecturer.pk],
        "audience_count": 30,
        "held": True,
    }
    r = client.post(
        "/api/v1/lectures", json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert r.status_code == 400
    with translation.override("en"):
        assert r.json()["detail"]["topic"] == [retired("家庭教育")]
    assert not Lecture.objects.exists()


def test_the_import_refuses_a_retired_topic(actors, calendar, lecturer, topic):
    wb = Workbook()
    ws = wb.active
    ws.append(["title", "kind", "date", "org_code", "lecturers", "theme", "topic", "audience_group", "audience_count"])
    ws.append(
        [
            "导入",
            "宣讲",
            today().isoformat(),
            "150602100200",
            lecturer.name,
            _theme(calendar).title,
            topic.name,
            "农牧民",
            30,
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    with translation.override("zh-hans"):
        result = xlsx.run_import(LectureImporter(actors["county_cadre"]), buf)
        assert [e.reason for e in result.errors] == [retired("家庭教育")]
    assert not Lecture.objects.exists()


def test_lectures_that_name_a_retired_topic_keep_it(actors, tree, calendar, lecturer):
    from jinguo.outreach.tests.factories import new_lecture

    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lec.topic.active = False
    lec.topic.save()
    lec.refresh_from_db()
    assert lec.topic.active is False and Lecture.objects.filter(topic=lec.topic).count() == 1
