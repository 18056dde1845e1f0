"""The commentator team (网宣、网评员): people of the registry in a unit's team; guidance tasks with completion per
person and per unit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import Notification
from jinguo.media import selectors as sel
from jinguo.media import services
from jinguo.media.tests.conftest import today
from jinguo.people.tests.factories import new_person


@pytest.fixture
def team(tree, actors):
    county, sibling = actors["county_cadre"], actors["sibling_cadre"]
    people = [new_person(county, tree["150602100200"], name=n) for n in ("萨仁", "其其格")]
    stranger = new_person(sibling, tree["150621"], name="达旗人")
    return {
        "saren": services.commentator_add(
            actor=county, org=tree["150602100200"], person=people[0].pk, role="commentator"
        ),
        "qiqige": services.commentator_add(actor=county, org=tree["150602"], person=people[1].pk, role="publicity"),
        "dalad": services.commentator_add(actor=sibling, org=tree["150621"], person=stranger.pk, role="commentator"),
        "stranger": stranger,
    }


def test_a_unit_cannot_enrol_a_person_it_cannot_name(team, tree, actors):
    with pytest.raises(ValidationError):
        services.commentator_add(
            actor=actors["county_cadre"], org=tree["150602"], person=team["stranger"].pk, role="commentator"
        )
    with pytest.raises(ValidationError):
        services.commentator_add(actor=actors["county_cadre"], org=tree["150602"], person=999999, role="commentator")


def test_guidance_completion_per_person_and_unit(team, tree, actors):
    task = services.guidance_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title="转发：致敬她力量",
        kind="share",
        target_url="https://mp.weixin.qq.com/s/x",
        due_on=today() + datetime.timedelta(days=2),
    )
    told = {n.org_path for n in Notification.objects.filter(kind="media.guidance")}
    assert told == {"150602", "150602100200", "150621"}  # each unit with commentators, told once
    services.guidance_done(
        actor=actors["county_cadre"], task=task, commentator=team["saren"], url="https://weibo.com/1"
    )
    with pytest.raises(ValidationError):
        services.guidance_done(actor=actors["county_cadre"], task=task, commentator=team["saren"])
    with pytest.raises(PermissionDenied):
        services.guidance_done(actor=actors["county_cadre"], task=task, commentator=team["dalad"])
    progress = sel.guidance_progress(actors["county_cadre"], task)
    assert (progress["done"], progress["total"]) == (1, 2)
    assert [(u["org"].code, u["done"], u["total"]) for u in progress["units"]] == [
        ("150602", 0, 1),
        ("150602100200", 1, 1),
    ]
    region = sel.guidance_progress(actors["region_cadre"], task)
    assert (region["done"], region["total"]) == (1, 3)


def test_the_guidance_page_is_404_for_a_siblings_task_like_an_unknown_one(team, tree, actors, login):
    theirs = services.guidance_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        title="达旗任务",
        kind="comment",
        target_url="https://weibo.com/x",
        due_on=today(),
    )
    web = login(actors["county_cadre"])
    assert web.get(f"/matrix/guidance/{theirs.pk}/").status_code == 404
    assert web.get(f"/matrix/guidance/{theirs.pk + 99}/").status_code == 404
