"""The volunteer demo: the article's teams and projects, a year of hours whose totals equal a recount, the demo
volunteer's coming shifts; deterministic and idempotent."""

import datetime

import pytest

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.orgs.models import Level, OrgUnit
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import demo, tally
from jinguo.volunteer.models import Project, RecordState, ServiceRecord, Team, Volunteer

pytestmark = pytest.mark.slow  # a year of activities in every league


def test_the_demo_builds_the_named_teams_and_a_year_of_hours_once(tree, actors):
    for county in OrgUnit.objects.filter(level=Level.COUNTY, path__startswith="1506").order_by("path")[:3]:
        for i in range(4):
            new_person(SYSTEM, county, name=f"志愿{i}", birth=datetime.date(1980 + i, 1, 1))
    for i in range(3):
        new_person(SYSTEM, tree["150602100200"], name=f"村{i}")
    user = make_user("village_volunteer", Role.VOLUNTEER, tree["150602100200"])
    demo.seed_categories(out=print, options={})
    created = demo.seed_service(out=print, options={"seed": 2026})
    assert {"爱心阿姨", "周末妈妈", "蒲公英"} <= set(Team.objects.values_list("name", flat=True))
    assert {"幸福敲门", "拉话话 爱心妈妈"} <= set(Project.objects.values_list("name", flat=True))
    assert created["service records"] > 0 and ServiceRecord.objects.filter(state=RecordState.APPROVED).exists()
    assert tally.stored() == tally.recount()
    totals = {(t[1]): v for t, v in tally.recount().items() if t[0] == "volunteer" and t[2] == "all"}
    assert {v.pk: v.hours_total * 10 for v in Volunteer.objects.filter(pk__in=totals)} == totals
    assert any(v % 10 for v in totals.values())  # tenths survive (no integer division)
    assert Volunteer.objects.get(user=user).org.code == "150602100200"
    before = list(ServiceRecord.objects.order_by("pk").values_list("volunteer_id", "date", "hours", "state"))
    assert demo.seed_service(out=print, options={"seed": 2026}) == {}
    assert list(ServiceRecord.objects.order_by("pk").values_list("volunteer_id", "date", "hours", "state")) == before
