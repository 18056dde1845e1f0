import pytest

from jinguo.core.actors import SYSTEM
from jinguo.orgs.models import Level, OrgUnit
from jinguo.orgs.services import orgs_init

LEAGUES = {
    "150100": "呼和浩特市",
    "150200": "包头市",
    "150300": "乌海市",
    "150400": "赤峰市",
    "150500": "通辽市",
    "150600": "鄂尔多斯市",
    "150700": "呼伦贝尔市",
    "150800": "巴彦淖尔市",
    "150900": "乌兰察布市",
    "152200": "兴安盟",
    "152500": "锡林郭勒盟",
    "152900": "阿拉善盟",
}


def test_init_builds_12_leagues_and_103_counties(no_tree):
    orgs_init(actor=SYSTEM, province_code="150000")
    assert dict(OrgUnit.objects.filter(level=Level.LEAGUE).values_list("code", "name")) == LEAGUES
    counties = OrgUnit.objects.filter(level=Level.COUNTY)
    assert counties.count() == 103
    assert counties.get(code="150602").name == "东胜区"
    assert counties.get(code="152921").name == "阿拉善左旗"
    assert not counties.filter(code="150172").exists()  # statistical-only development zone
    assert all(c.parent.code[:4] == c.code[:4] for c in counties.select_related("parent"))


def test_init_is_idempotent(no_tree):
    assert orgs_init(actor=SYSTEM, province_code="150000") == 116
    assert orgs_init(actor=SYSTEM, province_code="150000") == 0


def test_init_rejects_a_non_province_code(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        orgs_init(actor=SYSTEM, province_code="150600")


def test_subtree_is_one_prefix_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        n = OrgUnit.objects.filter(path__startswith=tree["150600"].path).count()
    assert n == 1 + 9 + 3 + 3  # league, its 9 counties, the extra towns and villages of 东胜区


def test_pinyin_initials_find_a_unit(actors, login):
    body = login(actors["region_cadre"]).get("/orgs/search/?q=eeds").content.decode()
    assert "鄂尔多斯市" in body
    body = login(actors["region_cadre"]).get("/orgs/search/?q=dsq").content.decode()
    assert "东胜区" in body


def test_search_by_name_and_code(actors, login):
    client = login(actors["region_cadre"])
    assert "阿拉善左旗" in client.get("/orgs/search/?q=阿拉善左").content.decode()
    assert "东胜区" in client.get("/orgs/search/?q=150602").content.decode()
