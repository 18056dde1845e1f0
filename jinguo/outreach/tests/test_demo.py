"""The outreach demo: deterministic, idempotent, teams at three levels, lectures with deliberate gaps."""

import datetime

import pytest
from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.core.demo import build_demo
from jinguo.core.models import AuditEvent
from jinguo.core.periods import year_period
from jinguo.orgs.models import Level, OrgUnit
from jinguo.outreach.demo import GAP_COUNTIES_ALL_YEAR
from jinguo.outreach.models import Lecture, LectureTeam
from jinguo.outreach.selectors import coverage
from jinguo.study.models import StudySession

pytestmark = pytest.mark.slow  # the demo's seeds (without generated units and people), twice per test


def _people(tree):
    from jinguo.people.tests.factories import new_person

    for county in OrgUnit.objects.filter(level=Level.COUNTY).order_by("path"):
        for i in range(3):
            new_person(SYSTEM, county, name=f"讲师{i}", birth=datetime.date(1980 + i, 1, 1))


def _fingerprint():
    return list(Lecture.objects.order_by("pk").values_list("org_path", "date", "title", "state", "checkin_code"))


def test_the_demo_builds_a_year_with_gaps_and_runs_again_as_a_no_op(tree, actors):
    _people(tree)
    root = tree["150000"]
    created = build_demo(generate_units=False, people_per_county=0, per_county=(4, 6))
    year = timezone.localdate().year
    assert created["lectures"] > 300 and created["teams"] == 116
    assert {t.org.level for t in LectureTeam.objects.select_related("org")} == {"province", "league", "county"}
    assert StudySession.objects.exists()
    c = coverage(root, year_period(year), basis="reported")
    county = next(lv for lv in c.levels if lv.level == "county")
    assert county.units - county.covered >= GAP_COUNTIES_ALL_YEAR  # some counties deliberately left with gaps
    assert {ch.covered for ch in c.children} == {True}  # every league held lectures
    batches = AuditEvent.objects.filter(event="demo.lectures").count()
    before = _fingerprint()
    again = build_demo(generate_units=False, people_per_county=0, per_county=(4, 6))
    assert again["lectures"] == 0 and again["teams"] == 0 and _fingerprint() == before
    assert AuditEvent.objects.filter(event="demo.lectures").count() == batches == 1


def test_the_demo_is_the_same_every_time(tree, actors):
    _people(tree)
    build_demo(generate_units=False, people_per_county=0, per_county=(2, 3))
    first = [(p, d, t, s) for p, d, t, s, _code in _fingerprint()]
    Lecture.lecturers.through.objects.all().delete()
    Lecture.objects.all().delete()
    build_demo(generate_units=False, people_per_county=0, per_county=(2, 3))
    assert [(p, d, t, s) for p, d, t, s, _code in _fingerprint()] == first


def test_verified_demo_lectures_name_the_league_cadre_and_never_print_none(tree, actors, login):
    _people(tree)
    build_demo(generate_units=False, people_per_county=0, per_county=(4, 6))
    verified = Lecture.objects.filter(state="verified")
    ordos = verified.filter(org_path__startswith="1506")
    assert ordos.exists()
    assert set(ordos.values_list("verified_by__username", flat=True)) == {"ordos_cadre"}
    # No demo cadre in the other leagues: nobody is named there.
    elsewhere = verified.exclude(org_path__startswith="1506")
    assert elsewhere.exists() and not elsewhere.exclude(verified_by=None).exists()

    client = login(actors["region_cadre"])
    for lecture in (ordos.first(), elsewhere.first()):
        page = client.get(f"/outreach/lectures/{lecture.pk}/").content.decode()
        start = page.index('data-testid="verified"')
        line = page[start : page.index("</span>", start)]
        assert "None" not in line
        assert (str(actors["ordos_cadre"]) in line) == (lecture.verified_by_id is not None)
