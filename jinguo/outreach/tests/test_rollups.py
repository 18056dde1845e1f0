"""Dashboard roll-ups of lectures equal a recount after any sequence of what cadres do to lectures."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.outreach.models import Lecture, LectureState
from jinguo.outreach.services import (
    lecture_correct,
    lecture_delete,
    lecture_mark_held,
    lecture_update,
    lecture_verify,
)
from jinguo.outreach.tests.factories import new_lecture, today
from jinguo.stats import rollups
from jinguo.stats.registry import METRICS

UNITS = ["150602", "150602100", "150602100200", "150602001001"]
KEYS = ["outreach.lectures", "outreach.lectures_verified", "outreach.audience", "outreach.online_views"]

steps = st.lists(
    st.tuples(
        st.sampled_from(["create", "create_planned", "hold", "verify", "move", "redate", "correct", "delete"]),
        st.sampled_from(UNITS),
        st.integers(min_value=0, max_value=60),  # days back
        st.integers(min_value=0, max_value=500),  # audience / pick
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(steps=steps)
def test_lecture_rollups_equal_a_recount(actors, tree, calendar, lecturer, steps):
    cadre, league = actors["county_cadre"], actors["ordos_cadre"]
    for op, unit, back, n in steps:
        day = today() - datetime.timedelta(days=back)
        lectures = list(Lecture.objects.order_by("pk"))
        pick = lectures[n % len(lectures)] if lectures else None
        try:
            if op.startswith("create") or pick is None:
                new_lecture(
                    cadre,
                    tree[unit],
                    calendar,
                    lecturer,
                    held=op != "create_planned",
                    day=day,
                    audience_count=n if op != "create_planned" else None,
                )
            elif op == "hold" and pick.state == LectureState.PLANNED:
                lecture_mark_held(actor=cadre, lecture=pick, audience_count=n)
            elif op == "verify" and pick.state == LectureState.HELD:
                lecture_verify(actor=league, lecture=pick)
            elif op in ("move", "redate") and pick.state != LectureState.VERIFIED:
                change = (
                    {"org": tree[unit]}
                    if op == "move"
                    else {"date": day, "theme": calendar["month"][(day.year, day.month)]}
                )
                lecture_update(actor=cadre, lecture=pick, **change)
            elif op == "correct" and pick.state == LectureState.VERIFIED:
                lecture_correct(actor=league, lecture=pick, reason="人数统计有误", audience_count=n + 1)
            elif op == "delete" and pick.state != LectureState.VERIFIED:
                lecture_delete(actor=cadre, lecture=pick)
        except Exception as e:  # a refused step (e.g. a date the form would refuse) changes nothing
            from django.core.exceptions import ValidationError

            assert isinstance(e, ValidationError), e
    expected = {}
    for key in KEYS:
        expected.update(rollups.recount(METRICS[key]))
    assert rollups.stored(KEYS) == expected
