"""A double click or a resent form records one lecture (the form's one-time token, core.idempotency)."""

from jinguo.core.idempotency import FIELD
from jinguo.outreach.models import Lecture
from jinguo.outreach.tests.factories import form_data


def _post(client, calendar, lecturer, token, **over):
    return client.post("/outreach/lectures/new/", form_data(calendar, [lecturer.pk], **{FIELD: token, **over}))


def test_the_same_form_sent_twice_records_one_lecture(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    page = client.get("/outreach/lectures/new/").content.decode()
    assert f'name="{FIELD}"' in page
    first = _post(client, calendar, lecturer, "tok-1")
    again = _post(client, calendar, lecturer, "tok-1")
    lec = Lecture.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == f"/outreach/lectures/{lec.pk}/"
    _post(client, calendar, lecturer, "tok-2", confirm="duplicate")  # a new form is a new lecture, once confirmed
    assert Lecture.objects.count() == 2


def test_a_refused_form_can_be_corrected_and_sent_with_its_token(login, actors, calendar, lecturer):
    client = login(actors["county_cadre"])
    refused = _post(client, calendar, lecturer, "tok-3", audience_count="-1")
    assert refused.status_code == 200 and not Lecture.objects.exists()
    assert _post(client, calendar, lecturer, "tok-3").status_code == 302
    assert Lecture.objects.count() == 1


def test_tokens_are_per_user(login, actors, calendar, lecturer):
    _post(login(actors["county_cadre"]), calendar, lecturer, "tok-4")
    _post(login(actors["village_cadre"]), calendar, lecturer, "tok-4", confirm="duplicate")
    assert Lecture.objects.count() == 2
