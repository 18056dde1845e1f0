"""Coverage equals a recount from the lecture records, over random data (hypothesis)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinguo.core.periods import parse_period
from jinguo.orgs.models import LEVEL_ORDER, OrgUnit
from jinguo.outreach.models import AudienceGroup, Campaign, Lecture, LectureState, Topic
from jinguo.outreach.selectors import coverage, coverage_gaps

YEAR = 2025
# Weighted so that most examples count some lectures: wide periods and units come up more often.
PERIODS = [str(YEAR)] * 3 + [f"{YEAR}Q{q}" for q in range(1, 5)] + [f"{YEAR}-01", f"{YEAR}-07", f"{YEAR}-12"]
UNDER = ["150000", "150000", "150600", "150600", "150602", "150602100", "150621"]
# Where lectures are held: every level of the two counties the tree goes down to villages in, and a few more.
PLACES = [
    "150000",
    "150600",
    "150602",
    "150602001",
    "150602001001",
    "150602100",
    "150602100200",
    "150621",
    "150621100",
    "150621100200",
    "150100",
    "150102",
    "152900",
]

# The first and last day of every month (and the days around the year), where off-by-one errors live.
_EDGES = sorted(
    {(datetime.date(YEAR, m, 1) - datetime.date(YEAR, 1, 1)).days + k for m in range(1, 13) for k in (-1, 0)}
    | {-1, 0, 364, 365}
)
lecture_st = st.tuples(
    st.sampled_from(PLACES),  # where it was held
    st.one_of(st.sampled_from(_EDGES), st.integers(min_value=-20, max_value=385)),  # day of the year
    st.sampled_from([LectureState.PLANNED, LectureState.HELD, LectureState.VERIFIED, LectureState.VERIFIED]),
    st.integers(min_value=-1, max_value=2),  # campaign index, -1 for none
    st.sampled_from(["month", "quarter", "annual"]),  # which theme of the day it links to
)


@pytest.fixture
def world(tree, calendar):
    units = list(OrgUnit.objects.order_by("path"))
    return {
        "units": units,
        "by_code": {u.code: u for u in units},
        "campaigns": list(Campaign.objects.order_by("pk")[:3]),
        "topic": Topic.objects.first(),
        "audience": AudienceGroup.objects.first(),
        "calendar": calendar,
    }


def _theme_for(calendar, day, which):
    if day.year != YEAR:
        return calendar["annual"][day.year] if day.year in calendar["annual"] else calendar["annual"][YEAR]
    if which == "month":
        return calendar["month"][(day.year, day.month)]
    if which == "quarter":
        return calendar["quarter"][(day.year, (day.month - 1) // 3 + 1)]
    return calendar["annual"][day.year]


def _subtree(calendar, theme):
    """The theme and every theme under it, computed from the fixture (not the selector under test)."""
    ids = {theme.pk}
    changed = True
    everything = list(calendar["quarter"].values()) + list(calendar["month"].values())
    while changed:
        changed = False
        for t in everything:
            if t.parent_id in ids and t.pk not in ids:
                ids.add(t.pk)
                changed = True
    return ids


@pytest.mark.slow  # 150 examples, 3-4 s
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lectures=st.lists(lecture_st, min_size=5, max_size=60),
    under_code=st.sampled_from(UNDER),
    period_code=st.sampled_from(PERIODS),
    basis=st.sampled_from(["verified", "reported"]),
    campaign_filter=st.sampled_from([-1, -1, -1, 0, 1, 2]),  # mostly unfiltered, so most lectures count
    theme_filter=st.sampled_from([None, None, None, "quarter3", "month7", "annual"]),
)
def test_coverage_equals_a_recount(world, lectures, under_code, period_code, basis, campaign_filter, theme_filter):
    from jinguo.stats.models import Rollup

    Lecture.objects.all().delete()
    Rollup.objects.filter(metric__contains="outreach.").delete()  # the figures of the deleted lectures
    units, cal = world["units"], world["calendar"]
    first = datetime.date(YEAR, 1, 1)
    objs = []
    for i, (code, offset, state, camp, which) in enumerate(lectures):
        org = world["by_code"][code]
        day = first + datetime.timedelta(days=offset)
        objs.append(
            Lecture(
                org=org,
                org_path=org.path,
                title=f"讲座{i}",
                date=day,
                theme=_theme_for(cal, day, which),
                topic=world["topic"],
                audience_group=world["audience"],
                campaign=world["campaigns"][camp] if camp >= 0 else None,
                state=state,
                audience_count=None if state == LectureState.PLANNED else 10,
                checkin_code=f"{i:06d}",
            )
        )
    Lecture.objects.bulk_create(objs)
    from jinguo.stats import rollups

    rollups.changed_many("outreach.Lecture", afters=objs)  # as lecture_bulk_create does

    under = OrgUnit.objects.get(code=under_code)
    period = parse_period(period_code)
    campaign = world["campaigns"][campaign_filter] if campaign_filter >= 0 else None
    theme = {
        None: None,
        "quarter3": cal["quarter"][(YEAR, 3)],
        "month7": cal["month"][(YEAR, 7)],
        "annual": cal["annual"][YEAR],
    }[theme_filter]
    result = coverage(under, period, theme=theme, campaign=campaign, basis=basis)
    # Unfiltered coverage of a stored period is the platform's engine (stats.coverage, roll-up rows only); the
    # filtered kind is outreach's own count of the records. Both must equal the recount.
    assert result.engine == (theme is None and campaign is None and period.stored)

    # The recount: plain Python over every lecture record.
    states = {LectureState.VERIFIED} if basis == "verified" else {LectureState.HELD, LectureState.VERIFIED}
    theme_ids = _subtree(cal, theme) if theme else None
    counted = [
        lec
        for lec in Lecture.objects.all()
        if lec.org_path.startswith(under.path)
        and period.start <= lec.date <= period.end
        and lec.state in states
        and (theme_ids is None or lec.theme_id in theme_ids)
        and (campaign is None or lec.campaign_id == campaign.pk)
    ]
    assert result.lectures == len(counted)
    children = list(OrgUnit.objects.filter(parent=under).order_by("path"))
    expected_children = [(c.code, sum(1 for lec in counted if lec.org_path.startswith(c.path))) for c in children]
    assert [(ch.org.code, ch.count) for ch in result.children] == expected_children
    deeper = LEVEL_ORDER[LEVEL_ORDER.index(under.level) + 1 :]
    for level in deeper:
        level_units = [u for u in units if u.level == level and u.path.startswith(under.path)]
        if not level_units:
            continue
        covered = [u for u in level_units if any(lec.org_path.startswith(u.path) for lec in counted)]
        lv = next(x for x in result.levels if x.level == level)
        assert (lv.units, lv.covered) == (len(level_units), len(covered))
        assert lv.percent == round(100.0 * len(covered) / len(level_units), 1)
        listed = coverage_gaps(result, level)
        gaps = {u.code for u in listed}
        assert gaps == {u.code for u in level_units} - {u.code for u in covered}
        assert len(listed) == len(gaps)  # the counters' count, which pages are told instead of a COUNT
