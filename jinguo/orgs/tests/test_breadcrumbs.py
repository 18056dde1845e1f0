"""Breadcrumbs of the pages that show one unit (dashboard, org tree, coverage): a unit above the user's scope is
plain text, a unit within it links to the same page for that unit, keeping the page's other parameters."""

import html as htmllib
import re

import pytest


def crumbs(page: str) -> list[tuple[str, str | None]]:
    """(name, href or None) of each unit above the current one."""
    start = page.index('data-testid="breadcrumbs"')
    block = page[start : page.index("</ol>", start)]
    out = []
    for item in re.findall(r'<li class="breadcrumb-item">(.*?)</li>', block, re.S):
        link = re.search(r'<a href="([^"]*)">([^<]*)</a>', item)
        if link:
            out.append((link.group(2), htmllib.unescape(link.group(1))))
        else:
            out.append((re.sub(r"<[^>]+>", "", item).strip(), None))
    return out


@pytest.mark.parametrize(
    "path, param",
    [
        ("/dashboard/?code=150602100&period=2026Q3", "code"),
        ("/orgs/?code=150602100", "code"),
        ("/outreach/coverage/?under=150602100&period=2026Q3&basis=reported", "under"),
    ],
)
def test_units_above_a_county_cadre_are_plain_text_and_their_own_county_a_link(login, actors, path, param):
    client = login(actors["county_cadre"])
    base, query = path.split("?")
    page = client.get(path).content.decode()
    assert crumbs(page) == [
        ("内蒙古自治区", None),
        ("鄂尔多斯市", None),
        ("东胜区", "?" + query.replace(f"{param}=150602100", f"{param}=150602")),
    ]
    assert client.get(base + crumbs(page)[-1][1]).status_code == 200


def test_a_league_cadre_links_to_the_league_and_keeps_the_pages_parameters(login, actors):
    page = login(actors["ordos_cadre"]).get("/dashboard/?code=150602&period=2026Q3&metric=people.registered&page=2")
    assert crumbs(page.content.decode()) == [
        ("内蒙古自治区", None),
        ("鄂尔多斯市", "?code=150600&period=2026Q3&metric=people.registered"),
    ]


def test_the_region_cadre_links_every_unit_above(login, actors):
    page = login(actors["region_cadre"]).get("/orgs/?code=150602")
    assert crumbs(page.content.decode()) == [("内蒙古自治区", "?code=150000"), ("鄂尔多斯市", "?code=150600")]
