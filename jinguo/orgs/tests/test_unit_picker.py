"""The unit picker finds units in the user's scope by name, pinyin initials or code, and drills down."""

from jinguo.core.actors import SYSTEM
from jinguo.orgs.services import org_bulk_create


def _options(client, **params):
    return client.get("/orgs/pick/", params).content.decode()


def test_it_finds_by_name_initials_and_code_within_scope(login, actors, tree):
    org_bulk_create(actor=SYSTEM, rows=[("150602001002", "敖包社区")])
    county = login(actors["county_cadre"])
    found = _options(county, org_code__q="敖包", perm="write")
    assert 'data-pick-code="150602001002"' in found and "东胜区 › 交通街道 › 敖包社区" in found
    assert 'data-pick-code="150602100200"' in _options(county, org_code__q="1506021002", perm="write")
    assert "林原村" not in _options(county, org_code__q="林原", perm="write")  # the sibling county's village
    assert "150621" not in _options(county, org_code__q="150621", perm="write")


def test_it_drills_down_and_starts_from_the_users_units(login, actors, tree):
    county = login(actors["county_cadre"])
    start = _options(county, perm="write")
    assert 'data-pick-code="150602"' in start and "?parent=150602" in start
    below = _options(county, parent="150602", perm="write")
    assert 'data-pick-code="150602001"' in below and 'data-pick-code="150602100"' in below
    assert login(actors["county_cadre"]).get("/orgs/pick/", {"parent": "150621"}).status_code == 404


def test_the_forms_use_the_picker(login, actors):
    page = login(actors["county_cadre"]).get("/outreach/lectures/new/").content.decode()
    assert "data-unit-picker" in page and 'name="org_code"' in page
