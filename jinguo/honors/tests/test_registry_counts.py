"""Honour counts on the dashboard (roll-ups) equal a recount after random approvals and revocations."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.honors import services
from jinguo.honors.models import Honour
from jinguo.stats import rollups
from jinguo.stats.registry import METRICS

UNITS = ["150602", "150621", "150600", "150200"]


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(UNITS), st.sampled_from(["hongqishou", "biaobing", "jiti"]), st.integers(2015, 2024)),
        min_size=1,
        max_size=12,
    ),
    revoke=st.lists(st.integers(0, 11), max_size=5),
)
def test_honour_counts_equal_a_recount(titles, tree, rows, revoke):
    Honour.objects.all().delete()
    rollups.rebuild([k for k in METRICS if k.startswith("honors.")])
    start = Honour.objects.count()
    made = [
        Honour(
            org=tree[code],
            org_path=tree[code].path,
            title=titles[t],
            level="province",
            year=y,
            awarded_on=datetime.date(y, 3, 8),
            holder_name=f"持有人{i}",
            certificate_no=services.certificate_number(y, titles[t], f"T{i:07d}"),
        )
        for i, (code, t, y) in enumerate(rows)
    ]
    services.honours_bulk_create(actor=SYSTEM, honours=made)
    for i in set(revoke):
        if i < len(made):
            services.honour_revoke(
                actor=SYSTEM, honour=Honour.objects.get(certificate_no=made[i].certificate_no), reason="撤销"
            )
    keys = [k for k in METRICS if k.startswith("honors.")]
    stored = {k: v for k, v in rollups.stored(keys).items() if v}
    recount = {}
    for key in keys:
        recount.update({k: v for k, v in rollups.recount(METRICS[key]).items() if v})
    assert stored == recount
    assert start == 0
    held = sum(1 for i in range(len(made)) if i not in set(revoke))
    assert Honour.objects.filter(revoked_at__isnull=True).count() == held


def test_the_honours_map_on_the_dashboard_shows_the_leagues(login, actors, titles, tree):
    rows = [
        Honour(
            org=tree[code],
            org_path=tree[code].path,
            title=titles["hongqishou"],
            level=level,
            year=2024,
            awarded_on=datetime.date(2024, 3, 8),
            holder_name=f"地图{i}",
            certificate_no=f"MAP-{i}",
        )
        for i, (code, level) in enumerate(
            [("150602", "province"), ("150621", "national"), ("150600", "province"), ("150200", "league")]
        )
    ]
    services.honours_bulk_create(actor=SYSTEM, honours=rows)
    client = login(actors["region_cadre"])
    registry = client.get("/honors/registry/").content.decode()
    assert "metric=honors.title.hongqishou" in registry  # the registry links to its map
    r = client.get("/dashboard/?code=150000&metric=honors.title.hongqishou&period=2024")
    values = {d["code"]: d["value"] for d in r.context["chart"]["map"]["data"]}
    assert values["150600"] == 3 and values.get("150200", 0) == 0  # a league-level honour is not counted


@pytest.mark.slow
@pytest.mark.django_db
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(st.tuples(st.sampled_from(["approve", "revoke"]), st.integers(0, 3)), min_size=1, max_size=6))
def test_counts_equal_a_recount_after_approvals_through_the_chain_and_revocations(titles, tree, steps):
    """Honours entered by approvals at the end of the review chain (not in bulk), then revoked at random."""
    from jinguo.honors.models import Nomination
    from jinguo.honors.tests.factories import nominate

    Honour.objects.all().delete()
    Nomination.objects.all().delete()
    keys = [k for k in METRICS if k.startswith("honors.")]
    rollups.rebuild(keys)
    today = datetime.date.today()
    programme = services.programme_create(
        actor=SYSTEM,
        org=tree["150000"],
        title=titles["hongqishou"],
        year=today.year,
        nominate_until=today + datetime.timedelta(days=5),
        review_until=today + datetime.timedelta(days=9),
        places=100,
        criteria=[("事迹", 100)],
    )
    units = [tree["150602"], tree["150621"], tree["150200"], tree["150600"]]
    for action, i in steps:
        if action == "approve":
            n = nominate(SYSTEM, programme, units[i], name=f"候选{i}")
            while n.state != "approved":
                services.nomination_advance(actor=SYSTEM, nomination=n)
        else:
            held = list(Honour.objects.filter(revoked_at__isnull=True).order_by("pk"))
            if held:
                services.honour_revoke(actor=SYSTEM, honour=held[i % len(held)], reason="撤销")
    stored = {k: v for k, v in rollups.stored(keys).items() if v}
    recount = {}
    for key in keys:
        recount.update({k: v for k, v in rollups.recount(METRICS[key]).items() if v})
    assert stored == recount
