"""The side navigation marks the one entry the page belongs to."""

import pytest


@pytest.mark.parametrize(
    "url, label",
    [
        ("/outreach/teams/", "Lecture teams"),
        ("/outreach/teams/lists/", "Lecture teams"),
        ("/outreach/lectures/", "Lectures"),
        ("/outreach/lectures/periods/", "Lectures"),
        ("/outreach/coverage/", "Coverage"),
        ("/planning/themes/", "Theme calendar"),
        ("/study/records/", "Joint study"),
        ("/people/", "People"),
    ],
)
def test_one_entry_is_active(login, actors, url, label):
    from django.utils import translation

    with translation.override("en"):
        r = login(actors["region_cadre"]).get(url, HTTP_ACCEPT_LANGUAGE="en")
    active = [str(i["label"]) for i in r.context["nav_items"] if i["active"]]
    assert len(active) == 1 and active[0] in (label, translation.gettext(label))
