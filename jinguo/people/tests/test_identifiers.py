"""An ID number or phone is one value however it is typed: full-width or Mongolian digits, spaces, Excel."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.core import crypto, xlsx
from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.people.idcard import make_id_number, parse_id_number
from jinguo.people.importers import PersonImporter
from jinguo.people.models import Person
from jinguo.people.selectors import person_list
from jinguo.people.services import already_registered
from jinguo.people.tests.factories import new_person
from jinguo.people.tests.test_import import _row, _sheet

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
MONGOLIAN = str.maketrans("0123456789", "᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙")  # NFKC leaves these alone
BIRTH = datetime.date(1985, 3, 10)
KEYS = ["name", "gender", "ethnicity", "birth_date", "id_number", "phone", "org_code"]  # headers in any language


@pytest.fixture
def number():
    return make_id_number("150602", BIRTH, 405)


@pytest.fixture
def importer(actors):
    with translation.override("en"):
        yield PersonImporter(actors["county_cadre"])


def _api(client, actors, id_number, phone=""):
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    payload = {
        "name": "其其格",
        "gender": "F",
        "ethnicity": "蒙古族",
        "birth_date": BIRTH.isoformat(),
        "id_number": id_number,
        "phone": phone,
        "org": "150602",
    }
    return client.post("/api/v1/people", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize("digits", [FULL_WIDTH, MONGOLIAN])
def test_other_digits_are_checked_as_the_ascii_number(number, digits):
    assert parse_id_number(number.translate(digits)) == (number, BIRTH, "F")
    # With only the check digit in ASCII, `\d` and int() used to pass the number as typed.
    assert parse_id_number(number[:17].translate(digits) + number[17])[0] == number


@pytest.mark.parametrize("digits", [FULL_WIDTH, MONGOLIAN])
def test_the_same_person_in_other_digits_is_refused_as_a_duplicate(actors, tree, number, digits):
    new_person(actors["county_cadre"], tree["150602"], id_number=number, birth=BIRTH)
    again = number[:17].translate(digits) + number[17]  # an ASCII check digit passed, and hashed differently
    with pytest.raises(ValidationError) as e:
        new_person(actors["county_cadre"], tree["150602"], id_number=again, birth=BIRTH)
    assert list(e.value.message_dict) == ["id_number"]
    assert Person.objects.count() == 1


def test_the_api_stores_the_ascii_number_and_refuses_the_second_registration(client, actors, number):
    r = _api(client, actors, number[:17].translate(MONGOLIAN) + number[17], phone="13８0000001１")
    assert r.status_code == 201 and r.json()["id_number"] == number[:6] + "********" + number[-4:]
    p = Person.objects.get()
    assert crypto.decrypt(p.id_number_enc) == number and crypto.decrypt(p.phone_enc) == "13800000011"
    r = _api(client, actors, number)
    assert r.status_code == 400 and list(r.json()["detail"]) == ["id_number"]
    assert Person.objects.count() == 1


def test_the_import_refuses_a_person_registered_in_other_digits(importer, actors, tree, number):
    new_person(actors["county_cadre"], tree["150602"], id_number=number, birth=BIRTH)
    other = make_id_number("150602", BIRTH, 406)
    rows = [
        _row(1, id=number.translate(FULL_WIDTH), birth=BIRTH.isoformat()),
        _row(2, id=other, birth=BIRTH.isoformat()),
        _row(3, id=other.translate(MONGOLIAN), birth=BIRTH.isoformat()),
    ]
    result = xlsx.run_import(importer, _sheet(rows, headers=KEYS))
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "ID number", already_registered()),
        (4, "ID number", "This ID number appears twice in the sheet."),
    ]
    assert Person.objects.count() == 1


def test_a_full_width_phone_is_stored_in_ascii(actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], phone="13８ 0000-001１")
    assert crypto.decrypt(p.phone_enc) == "13800000011" and p.phone_masked == "138****0011"
    assert p.phone_hash == crypto.lookup_hash("phone", "13800000011")


def test_the_form_takes_a_spaced_full_width_number(login, actors, number):
    r = login(actors["county_cadre"]).post(
        "/people/new/",
        {
            "name": "其其格",
            "gender": "F",
            "ethnicity": "蒙古族",
            "birth_date": BIRTH.isoformat(),
            "id_number": f"{number[:6]}\u3000{number[6:14]} {number[14:]}".translate(FULL_WIDTH),
            "phone": "１３８００００１１１１",
            "org_code": "150602",
        },
    )
    assert r.status_code == 302
    p = Person.objects.get()
    assert crypto.decrypt(p.id_number_enc) == number and crypto.decrypt(p.phone_enc) == "13800001111"


def test_a_search_by_id_number_or_phone_in_full_width_finds_the_person(login, actors, tree, number):
    p = new_person(actors["county_cadre"], tree["150602"], id_number=number, birth=BIRTH, phone="13912345678")
    new_person(actors["county_cadre"], tree["150602"], name="萨仁", phone="13900000000")
    cadre = actors["county_cadre"]
    assert list(person_list(cadre, q=number.translate(FULL_WIDTH))) == [p]
    assert list(person_list(cadre, q=number.lower().translate(MONGOLIAN))) == [p]
    assert list(person_list(cadre, q="１３９ １２３４ ５６７８")) == [p]
    assert list(person_list(actors["sibling_cadre"], q=number)) == []
    body = login(cadre).get("/people/", {"q": number.translate(FULL_WIDTH)}).content.decode()
    assert p.id_number_masked in body and "萨仁" not in body


def test_an_id_number_excel_stored_as_a_number_is_refused_whatever_its_value(importer):
    # 150602198503108107 typed into a General cell: Excel keeps 1.50602198503108E+17, whose digits
    # 150602198503108000 pass the check digit (about 1 in 11 would), so only the cell type tells.
    assert parse_id_number("150602198503108000")
    rows = [
        _row(1, id=1.50602198503108e17, birth="1985-03-10"),
        _row(2, id=150602198503108107, birth="1985-03-10"),
        _row(3, phone=13800000011.0),  # 11 digits are exact in a number: nothing is lost
    ]
    result = xlsx.run_import(importer, _sheet(rows, headers=KEYS))
    message = "Write the ID number as text: Excel turned it into a number and its last digits are lost."
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "ID number", message),
        (3, "ID number", message),
    ]
    assert Person.objects.count() == 0
    assert xlsx.run_import(importer, _sheet([rows[2]], headers=KEYS)).ok
    assert crypto.decrypt(Person.objects.get().phone_enc) == "13800000011"


def test_the_template_formats_the_id_number_column_as_text(login, actors):
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(login(actors["county_cadre"]).get("/imports/people/template.xlsx").content)).active
    assert ws.column_dimensions["E"].number_format == "@"
    assert ws.column_dimensions["A"].number_format == "General"
