"""Every page of the module answers for a cadre of the region and of a county."""

import pytest

from jinguo.media.tests.conftest import publish

PAGES = [
    "/matrix/",
    "/matrix/accounts/",
    "/matrix/accounts/new/",
    "/matrix/posts/",
    "/matrix/posts/new/",
    "/matrix/tasks/",
    "/matrix/rankings/",
    "/matrix/metrics/import/",
    "/matrix/words/",
    "/matrix/commentators/",
    "/matrix/commentators/new/",
    "/matrix/guidance/",
    "/matrix/report/",
    "/m/feed.xml",
]


@pytest.mark.parametrize("username", ["region_cadre", "county_cadre", "leader"])
def test_every_page_answers(username, login, actors, accounts, draft, reviewers):
    publish(draft, reviewers, actors["region_cadre"])
    web = login(actors[username])
    for url in PAGES:
        r = web.get(url)
        expected = 403 if username == "leader" and url.endswith(("/new/", "/import/")) else 200
        assert r.status_code == expected, (url, r.status_code)
    assert web.get(f"/m/p/{draft.pk}/").status_code == 200
    if username == "region_cadre":
        for url in (
            f"/matrix/posts/{draft.pk}/",
            f"/matrix/accounts/{accounts['own'].pk}/",
            "/matrix/report/?format=xlsx",
            "/matrix/report/?format=docx",
        ):
            assert web.get(url).status_code == 200, url
