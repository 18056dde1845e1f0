"""Every declared workflow, driven by random deciders: no illegal transition, no decision without its audit event.

Hypothesis draws sequences of (who, transition) on a fresh record; after each step the record's state either
stayed (the attempt was refused, and nothing was audited) or moved along a declared edge with exactly one audit
event of that transition.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.core.models import AuditEvent

ACTORS = ["region_cadre", "ordos_cadre", "county_cadre", "sibling_cadre", "village_cadre", "leader", "outsider"]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _drive(flow, make, actors, steps, extra=lambda name: {}):
    obj = make()
    for who, name in steps:
        t = flow.by_name[name]
        before = getattr(obj, flow.field)
        audited = AuditEvent.objects.filter(event=t.event, object_id=str(obj.pk)).count()
        try:
            flow.apply(actors[who], obj, name, **extra(name))
        except (PermissionDenied, ValidationError):
            obj.refresh_from_db()
            assert getattr(obj, flow.field) == before
            assert AuditEvent.objects.filter(event=t.event, object_id=str(obj.pk)).count() == audited
            continue
        obj.refresh_from_db()
        after = getattr(obj, flow.field)
        assert after == t.target and before in t.sources
        assert after in flow.targets().get(before, set())
        assert AuditEvent.objects.filter(event=t.event, object_id=str(obj.pk)).count() == audited + 1


@pytest.mark.slow
@FAST
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.sampled_from(["held", "verify"])), max_size=6))
def test_lectures_move_only_along_their_declared_edges(actors, tree, calendar, lecturer, steps):
    import datetime

    from jinguo.outreach.services import LECTURE_FLOW
    from jinguo.outreach.tests.factories import new_lecture, today

    def make():
        return new_lecture(
            actors["county_cadre"],
            tree["150602100200"],
            calendar,
            lecturer,
            held=False,
            day=today() - datetime.timedelta(days=1),
        )

    _drive(LECTURE_FLOW, make, actors, steps, extra=lambda name: {"audience_count": 20} if name == "held" else {})


@pytest.mark.slow
@FAST
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.sampled_from(["open", "close", "publish"])), max_size=6))
def test_contest_rounds_move_only_along_their_declared_edges(actors, tree, steps):
    from jinguo.contest.services import ROUND_FLOW, contest_create, entry_submit, judge_add
    from jinguo.outreach.tests.factories import today
    from jinguo.people.tests.factories import new_person

    def make():
        c = contest_create(
            actor=actors["region_cadre"],
            org=tree["150000"],
            title="大赛",
            year=today().year,
            criteria=[("内容", 100, 100)],
        )
        r = c.rounds.get(order=1)
        entry_submit(
            actor=actors["county_cadre"],
            round=r,
            org=tree["150602"],
            lecturer=new_person(actors["county_cadre"], tree["150602"]),
            title="参赛",
            video_url="https://v.example.cn/1",
        )
        judge_add(actor=actors["region_cadre"], round=r, user=actors["sibling_cadre"])
        return r

    _drive(ROUND_FLOW, make, actors, steps)


@pytest.mark.slow
@FAST
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.sampled_from(["close", "reopen"])), max_size=6))
def test_supervision_items_move_only_along_their_declared_edges(actors, tree, steps):
    from jinguo.governance.services import SUPERVISION_FLOW
    from jinguo.governance.tests.factories import new_record

    def make():
        return new_record(actors["village_cadre"], "supervision", tree["150602100200"])

    _drive(SUPERVISION_FLOW, make, actors, steps, extra=lambda name: {"outcome": "已办结"} if name == "close" else {})


@pytest.mark.slow
@FAST
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.sampled_from(["complete", "reopen"])), max_size=6))
def test_household_agreements_move_only_along_their_declared_edges(actors, tree, steps):
    from jinguo.governance.services import AGREEMENT_FLOW
    from jinguo.governance.tests.factories import new_record

    def make():
        return new_record(actors["village_cadre"], "agreements", tree["150602100200"])

    _drive(AGREEMENT_FLOW, make, actors, steps)
