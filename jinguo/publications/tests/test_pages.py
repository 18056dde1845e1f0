"""The pages of publication distribution: the list's query count, setting targets and publications from the
pages, and a league's publication out of a sibling's reach."""

from jinguo.core.actors import SYSTEM
from jinguo.publications.models import Publication, Target
from jinguo.publications.tests.factories import new_publication, subscribe


def test_the_subscriptions_list_costs_a_fixed_number_of_queries(login, actors, tree, pub, assert_queries):
    for code in ("150602", "150602100200", "150602001001"):
        subscribe(actors["county_cadre"], tree[code], pub, 3)
    web = login(actors["county_cadre"])
    web.get("/publications/subscriptions/")
    with assert_queries(7):  # session, user, roles, count, page, bell, the publication filter's list, session save
        page = web.get("/publications/subscriptions/")
    assert page.status_code == 200 and page.context["page"].paginator.count == 3
    for code in ("150602", "150602100200"):
        subscribe(actors["county_cadre"], tree[code], pub, 1)
    with assert_queries(7):  # … whatever the number of rows
        assert web.get("/publications/subscriptions/").context["page"].paginator.count == 5


def test_a_cadre_adds_a_publication_and_the_league_sets_its_counties_targets(login, actors, tree):
    region = login(actors["region_cadre"])
    r = region.post(
        "/publications/new/",
        {
            "org_code": "150000",
            "title": "《中国妇女报》",
            "kind": "newspaper",
            "unit_price": "288",
            "year": "2026",
            "active": "on",
        },
    )
    pub = Publication.objects.get()
    assert r.status_code == 302 and pub.title == "中国妇女报"
    r = region.post(f"/publications/{pub.pk}/?code=150000", {"t_150000": "1000", "t_150600": "200", "t_150200": ""})
    assert r.status_code == 302
    assert dict(Target.objects.values_list("org__code", "copies")) == {"150000": 1000, "150600": 200}
    league = login(actors["ordos_cadre"])
    league.post(f"/publications/{pub.pk}/?code=150600", {"t_150602": "120", "t_150621": "110"})
    page = league.get(f"/publications/{pub.pk}/?code=150600")
    assert page.context["own"].over_allocated == 30
    assert Target.objects.get(org__code="150602").copies == 120


def test_a_leagues_publication_is_out_of_a_siblings_reach(login, actors, tree):
    local = new_publication(tree, title="鄂尔多斯妇女", org="150600")
    other = new_publication(tree, title="包头妇女", org="150200")
    web = login(actors["county_cadre"])
    assert web.get(f"/publications/{local.pk}/").status_code == 200  # its league's: read with the lineage
    assert web.get(f"/publications/{other.pk}/").status_code == 404
    assert web.get(f"/publications/{other.pk + 100}/").status_code == 404
    assert web.get(f"/publications/{local.pk}/edit/").status_code == 403  # read, but not set, by a county


def test_the_progress_page_of_a_sibling_county_is_404(login, actors, tree, pub):
    subscribe(SYSTEM, tree["150621"], pub, 3)
    web = login(actors["county_cadre"])
    assert web.get("/publications/?code=150621").status_code == 404
    assert web.get("/publications/?code=150699").status_code == 404
    assert web.get("/publications/").status_code == 200
