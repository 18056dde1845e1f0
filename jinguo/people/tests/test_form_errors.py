"""The person form shows its own errors and the registry's checks in one round."""

import re


def test_every_error_of_the_person_form_shows_at_once(login, actors):
    page = (
        login(actors["county_cadre"])
        .post(
            "/people/new/",
            {
                "name": "",
                "gender": "F",
                "ethnicity": "汉族",
                "birth_date": "1990-01-01",
                "id_number": "12345",
                "phone": "123",
                "org_code": "150602100200",
            },
        )
        .content.decode()
    )
    fields = set(re.findall(r'<a href="#id_([a-z_]+)" class="alert-link"', page))
    assert {"name", "id_number", "phone"} <= fields, fields
