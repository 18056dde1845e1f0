"""The demo of micro-governance: 五原县's villages with the five lines; nothing the second time."""

from jinguo.governance.demo import seed_wuyuan
from jinguo.governance.lines import LINES
from jinguo.orgs.demo import seed_article_places


def test_the_demo_runs_the_five_lines_in_wuyuan(tree, login, actors):
    seed_article_places(out=print, options={})
    first = seed_wuyuan(out=print, options={})
    assert first["micro-governance records"] > 10
    assert seed_wuyuan(out=print, options={}) == {}
    for line in LINES:
        assert line.model.objects.filter(org_path__startswith="150821").exists(), line.key
    page = login(actors["region_cadre"]).get("/governance/?code=150821")
    assert page.status_code == 200 and len(page.context["data"].rows) == 8
