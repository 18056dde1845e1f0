"""The lecture list opens on work held and due (up to today, newest first), not on next month's plans; every
date shows its year."""

import datetime

from jinguo.orgs.models import OrgUnit
from jinguo.outreach.tests.factories import new_lecture, today


def test_the_list_opens_on_held_and_due_lectures(login, actors, calendar, lecturer):
    org = OrgUnit.objects.get(code="150602100200")
    ahead = today() + datetime.timedelta(days=40)
    new_lecture(actors["county_cadre"], org, calendar, lecturer, title="已开展的宣讲")
    new_lecture(actors["county_cadre"], org, calendar, lecturer, title="下月计划", held=False, day=ahead)
    client = login(actors["county_cadre"])
    opening = client.get("/outreach/lectures/").content.decode()
    assert "已开展的宣讲" in opening and "下月计划" not in opening
    assert today().isoformat() in opening  # the year is on the date
    planned = client.get("/outreach/lectures/?when=planned").content.decode()
    assert "下月计划" in planned and "已开展的宣讲" not in planned
    every = client.get("/outreach/lectures/?when=all").content.decode()
    assert "下月计划" in every and "已开展的宣讲" in every
    month = client.get(f"/outreach/lectures/?period={ahead:%Y-%m}").content.decode()
    assert "下月计划" in month  # a chosen period shows all of it
