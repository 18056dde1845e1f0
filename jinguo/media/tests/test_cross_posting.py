"""Cross-posting (联动): a published post pushed to the matrix or a subset as one task per account; each account
marks its task done with an address on its own platform; completion rolls up per unit; overdue tasks remind and
escalate through the inbox."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jinguo.core import notify
from jinguo.core.actors import SYSTEM
from jinguo.core.models import Notification
from jinguo.core.services import api_token_create
from jinguo.media import services
from jinguo.media.models import CrossPostTask, TaskState
from jinguo.media.tests.conftest import publish, today
from jinguo.stats.models import Rollup


@pytest.fixture
def published(draft, reviewers, actors):
    return publish(draft, reviewers, actors["region_cadre"])


def _push(actors, tree, post, **kw):
    return services.push_create(
        actor=actors["region_cadre"], post=post, org=tree["150000"], due_on=today() + datetime.timedelta(days=2), **kw
    )


def test_a_push_gives_every_matrix_account_a_task_and_tells_its_unit(published, accounts, actors, tree):
    push = _push(actors, tree, published)
    tasks = {t.account_id for t in push.tasks.all()}
    # every active account of the region except the post's own targets
    assert tasks == {accounts[k].pk for k in ("ordos", "dongsheng", "dongsheng_dy", "dalad")}
    told = Notification.objects.filter(kind="media.task")
    assert {(n.recipient.username, n.org_path) for n in told} == {
        ("ordos_cadre", "1506"),
        ("county_cadre", "150602"),
        ("sibling_cadre", "150621"),
    }
    assert all(n.due_at is not None for n in told)


def test_a_push_to_a_subset_by_level_platform_and_brand(published, accounts, actors, tree, platforms):
    assert {t.account_id for t in _push(actors, tree, published, levels=["county"]).tasks.all()} == {
        accounts[k].pk for k in ("dongsheng", "dongsheng_dy", "dalad")
    }
    assert {t.account_id for t in _push(actors, tree, published, platforms=[platforms["douyin"]]).tasks.all()} == {
        accounts["dongsheng_dy"].pk
    }
    assert {t.account_id for t in _push(actors, tree, published, brand="北疆女声").tasks.all()} == {
        accounts["ordos"].pk
    }


def test_only_a_published_post_is_pushed(draft, actors, tree, accounts):
    with pytest.raises(ValidationError):
        _push(actors, tree, draft)


def test_a_task_is_done_with_an_address_on_its_platform(published, accounts, actors, tree):
    push = _push(actors, tree, published)
    task = push.tasks.get(account=accounts["dongsheng"])
    county = actors["county_cadre"]
    for bad in (
        "not a url",
        "ftp://mp.weixin.qq.com/s/1",
        "https://mp.weixin.qq.com.evil.cn/s/1",
        "https://douyin.com/v/1",
    ):
        with pytest.raises(ValidationError):
            services.task_complete(actor=county, task=task, url=bad)
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=actors["sibling_cadre"], task=task, url="https://mp.weixin.qq.com/s/1")
    services.task_complete(actor=county, task=task, url="https://mp.weixin.qq.com/s/abc")
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.done_by == county and task.url == "https://mp.weixin.qq.com/s/abc"
    # the unit's request is resolved, the pusher is told
    assert not Notification.objects.filter(kind="media.task", object_id=str(task.pk), resolved_at__isnull=True).exists()
    told = Notification.objects.get(kind="media.task_done")
    assert told.recipient == actors["region_cadre"] and "abc" in told.body
    with pytest.raises(ValidationError):
        services.task_complete(actor=county, task=task, url="https://mp.weixin.qq.com/s/again")


def test_completion_per_unit_is_a_rollup(published, accounts, actors, tree):
    push = _push(actors, tree, published)
    for key in ("dongsheng", "dongsheng_dy"):
        t = push.tasks.get(account=accounts[key])
        url = "https://mp.weixin.qq.com/s/1" if key == "dongsheng" else "https://www.douyin.com/video/1"
        services.task_complete(actor=actors["county_cadre"], task=t, url=url)
    month = f"{today():%Y-%m}"
    values = dict(
        Rollup.objects.filter(
            period=month, metric__in=["media.tasks", "media.tasks_done"], org_path="150602"
        ).values_list("metric", "value")
    )
    assert values == {"media.tasks": 2, "media.tasks_done": 2}
    region = dict(
        Rollup.objects.filter(period=month, org_path="15", metric__startswith="media.tasks").values_list(
            "metric", "value"
        )
    )
    assert region == {"media.tasks": 4, "media.tasks_done": 2}
    from jinguo.stats import rollups

    keys = ["media.tasks", "media.tasks_done", "media.posts"]
    stored = rollups.stored(keys)
    recount = {}
    for k in keys:
        recount.update(rollups.recount(rollups.METRICS[k]))
    assert stored == recount


def test_overdue_tasks_remind_then_escalate(published, accounts, actors, tree):
    push = _push(actors, tree, published)
    task = push.tasks.get(account=accounts["dongsheng"])
    due = Notification.objects.get(kind="media.task", object_id=str(task.pk)).due_at
    notify.sweep(now=due - datetime.timedelta(hours=2))
    assert Notification.objects.filter(kind=notify.REMINDER, recipient=actors["county_cadre"]).exists()
    notify.sweep(now=due + datetime.timedelta(hours=1))
    up = Notification.objects.filter(kind=notify.ESCALATION, object_id=str(task.pk))
    assert {n.recipient.username for n in up} == {"ordos_cadre"}


def test_task_pages_and_api(published, accounts, actors, tree, login, client):
    push = _push(actors, tree, published)
    task = push.tasks.get(account=accounts["dongsheng"])
    theirs = push.tasks.get(account=accounts["dalad"])
    web = login(actors["county_cadre"])
    assert web.get(f"/matrix/tasks/{theirs.pk}/").status_code == web.get("/matrix/tasks/99999/").status_code == 404
    r = web.post(f"/matrix/tasks/{task.pk}/", {"url": "https://weibo.com/x"})
    assert r.status_code == 200 and "not on" in r.content.decode()
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    r = client.post(f"/api/v1/media/tasks/{theirs.pk}/complete", {"url": "https://mp.weixin.qq.com/s/1"}, **h)
    assert r.status_code == 404
    r = client.post(f"/api/v1/media/tasks/{task.pk}/complete", {"url": "https://mp.weixin.qq.com/s/1"}, **h)
    assert r.status_code == 200 and r.json()["state"] == "done"
    assert CrossPostTask.objects.get(pk=task.pk).done_at <= timezone.now()
