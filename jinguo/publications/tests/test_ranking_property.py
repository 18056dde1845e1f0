"""The distribution figures equal a recount after random edits (hypothesis): subscriptions recorded, changed,
moved and removed, targets set and cleared; then the maintained roll-ups equal their recount from the records,
and every ranking and summary equals a plain Python recount over the subscription and target rows."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.core.testing import property_settings
from jinguo.orgs.models import OrgUnit
from jinguo.publications import selectors as sel
from jinguo.publications import services
from jinguo.publications.models import Subscription, Target
from jinguo.publications.tests.factories import new_publication
from jinguo.stats import rollups

PLACES = ["150602", "150602100200", "150602001001", "150621", "150621100200", "150600", "150102", "152900", "150000"]
TARGETED = ["150000", "150600", "150100", "152900", "150602", "150621", "150102"]
UNDER = ["150000", "150600", "150602"]

op = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(PLACES), st.integers(1, 500), st.integers(0, 1), st.integers(0, 364)),
    st.tuples(st.just("change"), st.integers(0, 30), st.sampled_from(PLACES), st.integers(1, 500)),
    st.tuples(st.just("remove"), st.integers(0, 30)),
    st.tuples(
        st.just("target"), st.integers(0, 1), st.sampled_from(TARGETED), st.one_of(st.none(), st.integers(0, 900))
    ),
)


@pytest.fixture
def world(tree):
    year = 2025
    pubs = [new_publication(tree, year=year), new_publication(tree, title="习近平走进百姓家", kind="book", year=year)]
    return {"year": year, "pubs": pubs, "units": {o.code: o for o in OrgUnit.objects.all()}}


def _recount(under, level, year, pub=None) -> list[tuple[str, int, int]]:
    """(code, target, copies) of every unit at `level` below `under`, from the rows."""
    units = OrgUnit.objects.filter(path__startswith=under.path, level=level).order_by("path")
    subs = [s for s in Subscription.objects.select_related("publication") if pub is None or s.publication_id == pub.pk]
    tgts = [t for t in Target.objects.select_related("publication") if pub is None or t.publication_id == pub.pk]
    return [
        (
            u.code,
            sum(t.copies for t in tgts if t.org_path == u.path and t.publication.year == year),
            sum(s.copies for s in subs if s.org_path.startswith(u.path) and s.date.year == year),
        )
        for u in units
    ]


EDITS = st.lists(op, min_size=1, max_size=25)


@property_settings(6)
@given(ops=EDITS, under_code=st.sampled_from(UNDER))
def test_rankings_and_figures_equal_a_recount(world, ops, under_code):
    _check(world, ops, under_code)


@pytest.mark.slow  # 60 examples, about a minute
@property_settings(60)
@given(ops=st.lists(op, min_size=10, max_size=40), under_code=st.sampled_from(UNDER))
def test_rankings_and_figures_equal_a_recount_at_length(world, ops, under_code):
    _check(world, ops, under_code)


def _check(world, ops, under_code):
    from jinguo.stats.models import Rollup

    Subscription.objects.all().delete()
    Target.objects.all().delete()
    Rollup.objects.filter(metric__startswith="publications.").delete()
    year, pubs, units = world["year"], world["pubs"], world["units"]
    made: list[Subscription] = []
    for o in ops:
        if o[0] == "add":
            _, code, copies, p, day = o
            made.append(
                services.subscription_create(
                    actor=SYSTEM,
                    org=units[code],
                    publication=pubs[p],
                    copies=copies,
                    payer="村",
                    date=datetime.date(year, 1, 1) + datetime.timedelta(days=day),
                )
            )
        elif o[0] == "change" and made:
            _, i, code, copies = o
            sub = made[i % len(made)]
            if Subscription.objects.filter(pk=sub.pk).exists():
                services.subscription_update(
                    actor=SYSTEM,
                    subscription=sub,
                    org=units[code],
                    publication=sub.publication,
                    copies=copies,
                    payer=sub.payer,
                    date=sub.date,
                )
        elif o[0] == "remove" and made:
            sub = made.pop(o[1] % len(made))
            services.subscription_delete(actor=SYSTEM, subscription=sub)
        elif o[0] == "target":
            _, p, code, copies = o
            services.targets_set(actor=SYSTEM, publication=pubs[p], targets=[(units[code], copies)])

    keys = ["publications.copies", "publications.amount"]
    assert rollups.stored(keys) == {k: v for k, v in _recount_rollups(keys).items() if v}
    under = units[under_code]
    for pub in (None, *pubs):
        for level in sel.rank_levels(under):
            got = sel.ranking(under, year, level, pub)
            expected = _recount(under, level, year, pub)
            assert sorted((r.org.code, r.target, r.copies) for r in got) == sorted(expected)
            percents = [r.percent if r.percent is not None else -1 for r in got]
            assert percents == sorted(percents, reverse=True)
            assert got[0].rank == 1 if got else True
        summary = sel.summary(under, year, pub)
        expected_own = _recount(under.parent, under.level, year, pub) if under.parent else None
        if expected_own:
            own = next(e for e in expected_own if e[0] == under.code)
            assert (summary.target, summary.copies) == own[1:]


def _recount_rollups(keys):
    from jinguo.stats.registry import METRICS

    out = {}
    for k in keys:
        out.update(rollups.recount(METRICS[k]))
    return out
