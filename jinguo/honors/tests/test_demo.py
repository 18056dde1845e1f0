"""The honours demo: last year's cycle to its end, this year's in progress, and a registry whose counts at region
level and above reproduce the article's figures (4,505 / 190 / 1,194) on the dashboard; idempotent."""

import pytest

from jinguo.honors import demo
from jinguo.honors.models import Honour, Nomination, NominationState, Notice, Objection, Programme
from jinguo.orgs.demo import seed_users
from jinguo.people.demo import seed_people
from jinguo.stats import rollups

pytestmark = pytest.mark.slow  # the registry of 6,000 honours, built through the services


def _seed(options):
    out = lambda msg: None  # noqa: E731
    with rollups.deferred():
        made = {}
        for seed in (seed_users, seed_people, demo.seed_titles, demo.seed_cycle, demo.seed_registry):
            made.update(seed(out=out, options=options) or {})
    return made


def test_the_demo_cycles_registry_figures_and_a_second_run(tree, actors):
    """One test (the registry's 6,000 rows are built once): the cycles, the figures, then a second run."""
    _seed({"people_per_county": 4})
    _cycles()
    _figures()
    _second_run_is_a_no_op()


def _cycles():
    last, current = Programme.objects.order_by("year")
    assert {n.org_path[:4] for n in last.nominations.all()} == {n.org_path[:4] for n in current.nominations.all()}
    assert len({n.org_path[:4] for n in current.nominations.all()}) == 12
    assert set(last.nominations.values_list("state", flat=True)) == {NominationState.APPROVED}
    assert Honour.objects.filter(nomination__programme=last).count() == last.nominations.count() == 12
    states = set(current.nominations.values_list("state", flat=True))
    assert {"submitted", "league", "region_pre", "region_final"} <= states
    assert Notice.objects.filter(programme=last, state="closed").exists()
    concluded = Objection.objects.get(notice__programme=last)
    assert concluded.state == "concluded" and concluded.outcome
    assert Nomination.objects.filter(scores__isnull=False).exists()


def _figures():
    for code, target in demo.TARGETS.items():
        held = Honour.objects.filter(title__code=code, level__in=["province", "national"], revoked_at__isnull=True)
        assert held.count() == target
        # the region's yearly figures of the dashboard, summed over the demo years
        yearly = {
            period: value
            for (metric, period, path), value in rollups.stored([f"honors.title.{code}"]).items()
            if path == "15" and len(period) == 4
        }
        assert sum(yearly.values()) == target


def _second_run_is_a_no_op():
    before = (Honour.objects.count(), Nomination.objects.count(), Programme.objects.count())
    again = _seed({"people_per_county": 4})
    assert not again.get("honours") and not again.get("nominations")
    assert (Honour.objects.count(), Nomination.objects.count(), Programme.objects.count()) == before
