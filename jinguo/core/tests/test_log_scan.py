"""The suite-wide log scan (conftest.py at the root) really catches personal data."""

import logging

from conftest import _collector, find_leaks


def test_the_scanner_finds_an_id_number_a_phone_and_a_password():
    lines = ["x 150602198503081234 y", "call 13912345678", "pw Test-Passw0rd!long", "count 1234567"]
    assert [w for w, _ in find_leaks(lines)] == ["ID number", "phone number", "password"]


def test_the_collector_sees_every_logger():
    logging.getLogger("jinguo.some.module").warning("hello %s", "world")
    assert any("hello world" in line for line in _collector.lines)


def test_a_person_page_view_logs_no_personal_data(login, actors, tree, caplog):
    from jinguo.people.tests.factories import new_person

    p = new_person(actors["county_cadre"], tree["150602"], phone="13912345678")
    client = login(actors["county_cadre"])
    with caplog.at_level(logging.DEBUG):
        client.post(f"/people/{p.pk}/reveal/id_number/")
        client.get("/people/?q=13912345678")
    assert not find_leaks([r.getMessage() for r in caplog.records])
