"""The home page: each module's cards (its manifest's `home`), then the user's roles; core names no module."""

from django.utils.html import format_html

from jinguo.core import modules


def _card(request) -> str:
    return format_html('<div class="col-12" data-testid="homecard">{}</div>', request.user.username)


def test_the_tree_and_the_registry_put_their_figures_on_the_home_page(login, actors):
    html = login(actors["region_cadre"]).get("/").content.decode()
    assert html.index('data-testid="count-league"') < html.index('data-testid="count-people"')
    r = login(actors["outsider"]).get("/")  # no unit: no figures, only their (empty) roles
    assert r.status_code == 200 and 'data-testid="count-' not in r.content.decode()


def test_a_module_puts_a_card_on_the_home_page_through_its_manifest(login, actors):
    modules.register(modules.Module(label="homecard", home="jinguo.core.tests.test_home:_card"))
    try:
        html = login(actors["county_cadre"]).get("/").content.decode()
    finally:
        modules.unregister("homecard")
    assert '<div class="col-12" data-testid="homecard">county_cadre</div>' in html
