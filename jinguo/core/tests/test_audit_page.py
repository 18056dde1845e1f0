"""The audit log names the records (not `people.person#6`) and links to each one's history; a failed login
shows the user name that was typed, not "system"."""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from jinguo.people.tests.factories import new_person


@pytest.fixture(autouse=True)
def _english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _cells(html: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">(.*?)</td>', html, re.S)


def test_records_are_named_and_link_to_their_history_in_a_query_per_kind_of_record(login, actors, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(actors["auditor"])
    person = new_person(actors["county_cadre"], tree["150602100200"], name="乌兰")
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    for i in range(30):
        new_person(actors["county_cadre"], tree["150602100200"], name=f"人{i}")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/audit/").content.decode()
    assert len(many) == len(few)  # not one per event
    html = client.get("/audit/", {"event": "person.create"}).content.decode()
    assert len(_cells(html, "audit-object")) == 31
    objects = _cells(html, "audit-object")
    key = quote(f"people.person#{person.pk}", safe="")
    assert any(f'href="?object={key}"' in c and ">乌兰</a>" in c for c in objects), objects
    assert "people.person#" not in html and "core.user#" not in html
    assert any('href="?actor=county_cadre"' in c for c in _cells(html, "audit-user"))


def test_a_records_history_lists_only_its_events(login, actors, tree):
    person = new_person(actors["county_cadre"], tree["150602100200"], name="乌兰")
    other = new_person(actors["county_cadre"], tree["150602100200"], name="其其格")
    client = login(actors["auditor"])
    html = client.get("/audit/", {"object": f"people.person#{person.pk}"}).content.decode()
    assert 'data-testid="object-filter"' in html
    objects = _cells(html, "audit-object")
    assert objects and all("乌兰" in c for c in objects) and not any(str(other) in c for c in objects)


def test_a_failed_login_shows_the_user_name_typed_not_the_system(login, actors, db):
    Client().post("/login/", {"username": "wang.xiaoming", "password": "wrong-password"})
    html = login(actors["auditor"]).get("/audit/", {"event": "login", "outcome": "failure"}).content.decode()
    users = _cells(html, "audit-user")
    assert users and "wang.xiaoming" in users[0] and "system" not in users[0]
