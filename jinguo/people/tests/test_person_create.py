import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from jinguo.core.models import AuditEvent
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person
from jinguo.people.services import person_create, person_reveal
from jinguo.people.tests.factories import new_person


def test_personal_data_is_encrypted_at_rest(actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], phone="13912345678")
    number = person_reveal(actor=actors["county_cadre"], person=p, field="id_number")
    with connection.cursor() as c:
        c.execute("SELECT * FROM people_person WHERE id = %s", [p.pk])
        raw = " ".join(str(v) for v in c.fetchone())
    assert number not in raw and "13912345678" not in raw
    assert p.id_number_masked == number[:6] + "********" + number[-4:]
    assert p.phone_masked == "139****5678"


def test_the_same_person_is_never_registered_twice(actors, tree):
    number = make_id_number("150602", datetime.date(1980, 1, 2), 11)
    new_person(actors["county_cadre"], tree["150602"], id_number=number, birth=datetime.date(1980, 1, 2))
    with pytest.raises(ValidationError, match="registered again|重复登记"):
        new_person(actors["region_cadre"], tree["150621"], id_number=number.lower(), birth=datetime.date(1980, 1, 2))
    assert Person.objects.count() == 1


def test_birth_date_and_gender_must_match_the_id_number(actors, tree):
    number = make_id_number("150602", datetime.date(1980, 1, 2), 11)
    with pytest.raises(ValidationError) as e:
        person_create(
            actor=actors["county_cadre"],
            org=tree["150602"],
            name="某",
            gender="M",
            ethnicity="汉族",
            birth_date=datetime.date(1981, 1, 2),
            id_number=number,
        )
    assert set(e.value.message_dict) == {"gender", "birth_date"}


def test_reveal_needs_the_permission_and_is_audited(actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"])
    with pytest.raises(PermissionDenied):
        person_reveal(actor=actors["leader"], person=p, field="phone")
    assert person_reveal(actor=actors["ordos_cadre"], person=p, field="phone") == "13812345678"
    rows = list(AuditEvent.objects.filter(event="person.reveal").order_by("seq").values_list("actor_name", "outcome"))
    assert rows == [("leader", "denied"), ("ordos_cadre", "success")]


def test_pages_show_masked_values_only(login, actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], phone="13912345678")
    number = person_reveal(actor=actors["county_cadre"], person=p, field="id_number")
    for who in ["leader", "county_cadre"]:
        body = login(actors[who]).get(f"/people/{p.pk}/").content.decode()
        assert p.id_number_masked in body and number not in body and "13912345678" not in body
    body = login(actors["leader"]).get("/people/").content.decode()
    assert number not in body


def _png(size=(4, 4)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, "PNG")
    return buf.getvalue()


def test_a_real_photo_is_accepted(actors, tree):
    photo = SimpleUploadedFile("a.png", _png(), content_type="image/png")
    p = new_person(actors["county_cadre"], tree["150602"], photo=photo)
    assert p.photo


@pytest.mark.parametrize("content", [b"<script>alert(1)</script>", b"GIF89a" + b"\0" * 20])
def test_a_fake_photo_is_refused(actors, tree, content):
    photo = SimpleUploadedFile("a.png", content, content_type="image/png")
    with pytest.raises(ValidationError):
        new_person(actors["county_cadre"], tree["150602"], photo=photo)
    assert not Person.objects.exists()


def test_a_photo_over_the_limit_is_refused(actors, tree, settings):
    settings.PHOTO_MAX_BYTES = 100
    photo = SimpleUploadedFile("a.png", _png((64, 64)), content_type="image/png")
    with pytest.raises(ValidationError):
        new_person(actors["county_cadre"], tree["150602"], photo=photo)


def test_the_form_keeps_what_was_typed_on_error(login, actors):
    client = login(actors["county_cadre"])
    r = client.post(
        "/people/new/",
        {
            "name": "其其格",
            "gender": "F",
            "ethnicity": "蒙古族",
            "birth_date": "1985-03-08",
            "id_number": "150602198503081234",
            "phone": "12345",
            "org_code": "150602",
        },
    )
    body = r.content.decode()
    assert r.status_code == 200 and "其其格" in body and "150602198503081234" in body and "12345" in body
    assert "is-invalid" in body
    assert not Person.objects.exists()


def test_a_cadre_registers_a_person_through_the_form(login, actors):
    number = make_id_number("150602", datetime.date(1985, 3, 8), 3)
    r = login(actors["county_cadre"]).post(
        "/people/new/",
        {
            "name": "其其格",
            "gender": "F",
            "ethnicity": "蒙古族",
            "birth_date": "1985-03-08",
            "id_number": number,
            "phone": "13800001111",
            "org_code": "150602100200",
        },
    )
    assert r.status_code == 302
    p = Person.objects.get()
    assert p.org_path == "150602100200"


def test_a_person_is_built_only_while_its_positional_columns_match_the_model(monkeypatch):
    """build_person passes Person's values by position: a field added to the model without the list following it
    stops every build (the check runs once a process), rather than shifting each value into its neighbour."""
    from django.core.exceptions import ImproperlyConfigured

    from jinguo.people import services

    services._check_columns.cache_clear()
    monkeypatch.setattr(services, "_COLUMNS", [c for c in services._COLUMNS if c != "photo"])
    try:
        with pytest.raises(ImproperlyConfigured, match="_COLUMNS"):
            services.build_person(org=None, data={})
    finally:
        services._check_columns.cache_clear()
