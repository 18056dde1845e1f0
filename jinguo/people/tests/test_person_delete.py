"""Deleting a person removes their data from the database file itself, not only from the tables."""

from pathlib import Path

import pytest
from django.db import connection

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.people.services import person_delete
from jinguo.people.tests.factories import new_person

MARK = "乌日娜塔希尔玛"  # a name that appears nowhere else


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file's bytes")
def test_delete_leaves_no_plaintext_in_the_sqlite_file(transactional_db, actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], name=MARK, phone="13987654321")
    path = Path(connection.settings_dict["NAME"])
    with connection.cursor() as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def file_bytes() -> bytes:
        wal = Path(f"{path}-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    needle = MARK.encode()
    assert needle in file_bytes()
    person_delete(actor=actors["county_cadre"], person=p)
    assert needle not in file_bytes()


def test_audit_rows_hold_no_personal_values(actors, tree):
    from jinguo.people.services import person_update

    p = new_person(actors["county_cadre"], tree["150602"], name=MARK)
    person_update(actor=actors["county_cadre"], person=p, name="萨仁", phone="13911112222")
    person_delete(actor=actors["county_cadre"], person=p)
    details = str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert MARK not in details and "萨仁" not in details and "13911112222" not in details
    assert AuditEvent.objects.get(event="person.update").detail == {"changed": ["name", "phone"]}


# --- a person other records name; files removed on commit ------------------------------------------


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


def _with_photo(actors, org, **kw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return new_person(actors["county_cadre"], org, photo=SimpleUploadedFile("p.png", _png()), **kw)


@pytest.fixture
def named(actors, tree, calendar):
    """A person with a photo who lectures in 3 lectures, sits in a lecture team and attends 2 study sessions."""
    import datetime

    from jinguo.outreach.services import lecturer_add, team_create
    from jinguo.outreach.tests.factories import new_lecture
    from jinguo.study.services import study_session_create

    cadre = actors["county_cadre"]
    p = _with_photo(actors, tree["150602100200"], name="乌兰")
    for i in range(3):
        new_lecture(cadre, tree["150602100200"], calendar, p, title=f"宣讲{i}")
    lecturer_add(actor=cadre, team=team_create(actor=cadre, org=tree["150602"], name="东胜宣讲团"), person=p)
    day = datetime.date.today()
    for i in range(2):
        study_session_create(
            actor=cadre,
            org=tree["150602"],
            title=f"联学{i}",
            form="led",
            date=day,
            hours="2",
            theme=calendar["month"][(day.year, day.month)],
            attendance={p.pk: "present"},
        )
    return p


def test_a_named_person_is_refused_with_what_names_her(actors, named):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from jinguo.people.models import Person

    with translation.override("en"), pytest.raises(ValidationError) as e:
        person_delete(actor=actors["county_cadre"], person=named)
    message = e.value.messages[0]
    assert "lecture, as lecturers: 3" in message
    assert "attendance, as person: 2" in message and "lecturer, as person: 1" in message
    assert Person.objects.filter(pk=named.pk).exists() and named.photo.storage.exists(named.photo.name)
    assert not AuditEvent.objects.filter(event="person.delete").exists()


def test_the_api_answers_400_and_the_photo_is_still_served(client, login, actors, named, settings):
    from jinguo.core.services import api_token_create

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=actors['county_cadre'])}"}
    r = client.delete(f"/api/v1/people/{named.pk}", **auth)
    assert r.status_code == 400 and "lecture, as lecturers: 3" in r.json()["detail"]["__all__"][0]
    assert login(actors["county_cadre"]).get(f"/people/{named.pk}/photo/").status_code == 200


def test_the_page_shows_the_refusal_and_keeps_the_photo(login, actors, named, settings):
    client = login(actors["county_cadre"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.post(f"/people/{named.pk}/delete/", follow=True)
    assert r.status_code == 200 and r.redirect_chain[-1][0] == f"/people/{named.pk}/"
    assert "lecture, as lecturers: 3" in r.content.decode()
    assert client.get(f"/people/{named.pk}/photo/").status_code == 200


def _run_file_removals(callbacks) -> None:
    # Only the file removals: the SQLite checkpoint cannot run inside the test's transaction.
    removals = [c for c in callbacks if c.__qualname__.startswith("remove_file_on_commit")]
    assert removals
    for callback in removals:
        callback()


def test_the_photo_of_a_deleted_person_goes_only_on_commit(actors, tree, django_capture_on_commit_callbacks):
    p = _with_photo(actors, tree["150602"])
    storage, name = p.photo.storage, p.photo.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        person_delete(actor=actors["county_cadre"], person=p)
    assert storage.exists(name)
    _run_file_removals(callbacks)
    assert not storage.exists(name)


def test_a_replaced_photo_goes_only_on_commit(actors, tree, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jinguo.people.services import person_update

    p = _with_photo(actors, tree["150602"])
    storage, old = p.photo.storage, p.photo.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        person_update(actor=actors["county_cadre"], person=p, photo=SimpleUploadedFile("q.png", _png()))
    assert storage.exists(old) and p.photo.name != old
    _run_file_removals(callbacks)
    assert not storage.exists(old) and storage.exists(p.photo.name)


def test_a_photo_whose_file_is_gone_is_404_not_500(login, actors, tree):
    p = _with_photo(actors, tree["150602"])
    p.photo.storage.delete(p.photo.name)
    assert login(actors["county_cadre"]).get(f"/people/{p.pk}/photo/").status_code == 404
