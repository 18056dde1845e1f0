"""The demo's matrix: the 北疆女声 brand's 18 own accounts of the region and 478 matrix accounts over the leagues
and counties, 496 in all, shown on the matrix dashboard."""

from jinguo.media import demo
from jinguo.media.models import Account


def test_the_demo_matrix_is_18_own_and_478_member_accounts(tree, actors, login):
    demo.seed_platforms(out=print, options={})
    assert demo.seed_accounts(out=print, options={})["media accounts"] == 496
    assert Account.objects.filter(own=True, org__code="150000", brand="北疆女声").count() == 18
    assert Account.objects.filter(own=False).count() == 478
    assert set(Account.objects.filter(own=False).values_list("org__level", flat=True)) == {"league", "county"}
    assert demo.seed_accounts(out=print, options={}) == {}  # idempotent
    page = login(actors["region_cadre"]).get("/matrix/").content.decode()
    for testid, n in (("own-accounts", "18"), ("matrix-accounts", "478"), ("all-accounts", "496")):
        assert f'data-testid="{testid}">{n}<' in page
