"""Hours totals (the leaderboards' tallies, each volunteer's total and the dashboard's roll-ups) equal a recount
from the records after any sequence of back-fills, approvals and declines (hypothesis)."""

import datetime

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from jinguo.core.actors import SYSTEM
from jinguo.people.tests.factories import new_person
from jinguo.stats import rollups
from jinguo.stats.registry import METRICS
from jinguo.volunteer import services, tally
from jinguo.volunteer.models import RecordState, ServiceRecord, Volunteer

ops = st.lists(
    st.tuples(
        st.sampled_from(["backfill", "backfill", "approve", "approve", "decline"]),
        st.integers(min_value=0, max_value=100),
        st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2024, 12, 31)),
        st.sampled_from(["0.5", "1", "2.5", "4"]),
    ),
    min_size=1,
    max_size=15,
)


@pytest.mark.slow  # 15 examples, about 13 s
@hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(ops=ops)
def test_totals_equal_a_recount_after_random_edits(tree, actors, league_approver, ops, settings):
    settings.VOLUNTEER_BACKFILL_CAP = 1000
    cadre = actors["county_cadre"]
    units = [tree["150602100200"], tree["150602001001"], tree["150602100"]]
    if not Volunteer.objects.exists():
        teams = [services.team_create(actor=cadre, org=tree["150602"], name=n) for n in ("甲队", "乙队")]
        services.categories_seed(actor=SYSTEM)
        projects = [
            services.project_create(
                actor=cadre, org=tree["150602"], name=f"项目{i}", action="health", summary="…", team=t
            )
            for i, t in enumerate(teams)
        ]
        for i, unit in enumerate(units):
            p = new_person(cadre, unit, name=f"志愿者{i}")
            services.volunteer_register(
                actor=cadre, person=p, consent_by="本人", consent_method="书面", teams=teams[: 1 + i % 2]
            )
        services.project_create(actor=cadre, org=tree["150602"], name="无队项目", action="rural", summary="…")
        _ = projects
    volunteers = list(Volunteer.objects.order_by("pk"))
    from jinguo.volunteer.models import Project

    projects = list(Project.objects.order_by("pk"))
    for op, pick, day, hours in ops:
        pending = list(ServiceRecord.objects.filter(state=RecordState.PENDING).order_by("pk"))
        if op == "backfill" or not pending:
            v = volunteers[pick % len(volunteers)]
            project = projects[pick % len(projects)]
            services.backfill_create(
                actor=cadre,
                volunteer=v,
                org=units[pick % len(units)],
                date=day,
                hours=hours,
                note="补录",
                project=project if pick % 3 else None,
            )
        elif op == "approve":
            services.record_approve(actor=league_approver, record=pending[pick % len(pending)])
        else:
            services.record_decline(actor=league_approver, record=pending[pick % len(pending)], reason="不符")
    assert tally.stored() == tally.recount()
    totals = {v.pk: v.hours_total for v in Volunteer.objects.all()}
    for v in volunteers:
        expected = sum(r.hours for r in ServiceRecord.objects.filter(volunteer=v, state=RecordState.APPROVED))
        assert totals[v.pk] == expected
    # A rebuild from scratch (the bulk loads' way, summed in SQL) gives the same rows and totals.
    kept = tally.stored()
    tally.rebuild()
    assert tally.stored() == kept
    assert {v.pk: v.hours_total for v in Volunteer.objects.all()} == totals
    keys = ["volunteer.hours", "volunteer.services"]
    expected = {}
    for key in keys:
        expected.update(rollups.recount(METRICS[key]))
    assert rollups.stored(keys) == expected
