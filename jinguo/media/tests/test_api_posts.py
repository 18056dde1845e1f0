"""The posts API: the same review through the same services; a sibling's post is 404 like an unknown one."""

from jinguo.core.actors import SYSTEM
from jinguo.core.services import api_token_create
from jinguo.media import services


def _h(user):
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=SYSTEM, user=user)}",
        "content_type": "application/json",
    }


def test_a_post_is_written_and_submitted_through_the_api(client, actors, accounts):
    h = _h(actors["county_cadre"])
    body = {
        "org": "150602",
        "title": "接口稿件",
        "body": "<p>好</p><script>x()</script>",
        "targets": [accounts["dongsheng"].pk],
    }
    r = client.post("/api/v1/media/posts", body, **h)
    assert r.status_code == 201, r.content
    post = r.json()
    assert post["body"] == "<p>好</p>" and post["state"] == "draft"
    r = client.post(f"/api/v1/media/posts/{post['id']}/submit", **h)
    assert r.status_code == 200 and r.json()["state"] == "first"
    # the author may not pass their own post
    r = client.post(f"/api/v1/media/posts/{post['id']}/review", {"decision": "pass"}, **h)
    assert r.status_code == 403
    # a target out of reach is refused like an unknown one
    for target in (accounts["dalad"].pk, 999999):
        r = client.post("/api/v1/media/posts", {**body, "targets": [target]}, **h)
        assert r.status_code == 400 and r.json()["detail"]["targets"] == ["Choose the target accounts from the list."]


def test_a_siblings_post_is_404_like_an_unknown_one(client, actors, tree, accounts):
    theirs = services.post_create(actor=actors["sibling_cadre"], org=tree["150621"], title="达旗稿", body="<p>x</p>")
    h = _h(actors["county_cadre"])
    a = client.get(f"/api/v1/media/posts/{theirs.pk}", **h)
    b = client.get(f"/api/v1/media/posts/{theirs.pk + 999}", **h)
    assert a.status_code == b.status_code == 404 and a.json() == b.json()
    a = client.post(f"/api/v1/media/posts/{theirs.pk}/submit", **h)
    b = client.post(f"/api/v1/media/posts/{theirs.pk + 999}/submit", **h)
    assert a.status_code == b.status_code == 404 and a.json() == b.json()
