"""In the browser: a draft written on the form, three reviews by three reviewers of the region (each following
the bell to the post), published, then cross-posted by two matrix accounts, with the inbox notice at every step;
the author is offered no review of her own post and a review she sends anyway is refused."""

import datetime

from jinguo.browser import SHOTS, needs_chromium
from jinguo.conftest import make_user
from jinguo.core.models import Notification
from jinguo.core.roles import Role
from jinguo.media.models import CrossPostTask, Post, PostState, TaskState
from jinguo.outreach.tests.test_browser_lecture import _login

pytestmark = needs_chromium


def _bell(page) -> str:
    badge = page.locator("[data-testid=unread-count]")
    return badge.inner_text() if badge.count() else "0"


def _follow_bell(page, live_server, text: str) -> None:
    page.goto(f"{live_server.url}/")
    assert _bell(page) != "0"
    page.click("[data-testid=bell]")
    page.wait_for_url(f"{live_server.url}/notifications/")
    item = page.locator("[data-testid=notification]", has_text=text).first
    item.locator("a").first.click()


def test_draft_three_reviews_publish_and_two_cross_posts_with_notices(
    transactional_db, live_server, actors, tree, accounts, browser
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    reviewers = [make_user(f"region_cadre{i}", Role.CADRE, tree["150000"]) for i in (2, 3, 4)]

    # 1. The author writes the draft on the form and sends it for review.
    author, external = _login(browser, live_server, "region_cadre")
    author.goto(f"{live_server.url}/matrix/posts/new/")
    author.fill("#id_org_code", "150000")
    author.fill("#id_title", "致敬她力量")
    author.fill("#id_body", "<p>北疆女声报道</p><script>alert(1)</script>")
    author.check(f"input[name=targets][value='{accounts['own'].pk}']")
    author.click("form.card button[type=submit]")
    author.wait_for_selector("[data-testid=submit-post]")
    post = Post.objects.get(title="致敬她力量")
    assert post.body == "<p>北疆女声报道</p>"
    author.click("[data-testid=submit-post]")
    author.wait_for_selector("[data-testid=post-state]")
    assert author.locator("[data-testid=review-form]").count() == 0  # not offered to the author
    # Sent anyway (a stale tab, a crafted form): refused, and the post stays where it was.
    token = next(c["value"] for c in author.context.cookies() if c["name"] == "csrftoken")
    r = author.request.post(
        f"{live_server.url}/matrix/posts/{post.pk}/review/",
        form={"decision": "pass", "comment": "x"},
        headers={"X-CSRFToken": token, "Referer": f"{live_server.url}/matrix/posts/{post.pk}/"},
    )
    assert r.status == 200  # back on the post, with the refusal
    assert Post.objects.get(pk=post.pk).state == PostState.FIRST

    # 2. Three reviewers, each told through the bell, each decide one tier with a comment.
    for i, (user, state) in enumerate(
        zip(reviewers, [PostState.SECOND, PostState.FINAL, PostState.APPROVED], strict=True)
    ):
        page, _ = _login(browser, live_server, user.username)
        _follow_bell(page, live_server, "致敬她力量")
        page.wait_for_url(f"{live_server.url}/matrix/posts/{post.pk}/")
        page.fill("#review_comment", f"第{i + 1}审同意")
        page.click("[data-testid=review-pass]")
        page.wait_for_selector("[data-testid=post-state]")
        assert Post.objects.get(pk=post.pk).state == state
        if i == 2:
            page.screenshot(path=str(SHOTS / "media-post-reviewed.png"), full_page=True)
        page.close()

    # 3. The author hears of the approval, publishes and pushes it to the matrix.
    _follow_bell(author, live_server, "致敬她力量")
    author.wait_for_selector("[data-testid=publish]")
    author.click("[data-testid=publish]")
    author.wait_for_selector("[data-testid=push]")
    assert Post.objects.get(pk=post.pk).state == PostState.PUBLISHED
    due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    author.fill("#id_due_on", due)
    author.click("[data-testid=push]")
    author.wait_for_selector("[data-testid=push-progress]")
    assert CrossPostTask.objects.filter(push__post=post).count() == 5  # every other active account of the region

    # 4. Two matrix accounts' units follow the bell and mark their tasks done with the repost's address.
    for username, key in (("county_cadre", "dongsheng"), ("ordos_cadre", "ordos")):
        page, _ = _login(browser, live_server, username)
        _follow_bell(page, live_server, accounts[key].name)
        page.wait_for_selector("[data-testid=task-form]")
        page.fill("#id_url", f"https://mp.weixin.qq.com/s/{key}")
        page.click("[data-testid=task-done]")
        page.wait_for_selector("[data-testid=task-url]")
        page.close()
    done = CrossPostTask.objects.filter(push__post=post, state=TaskState.DONE)
    assert {t.account_id for t in done} == {accounts["dongsheng"].pk, accounts["ordos"].pk}

    # 5. The author's bell carries both cross-posts; the post shows 2 of 5 done.
    author.goto(f"{live_server.url}/matrix/posts/{post.pk}/")
    assert "2" in author.inner_text("[data-testid=push-progress]")
    kinds = list(Notification.objects.filter(recipient=actors["region_cadre"]).values_list("kind", flat=True))
    assert kinds.count("media.task_done") == 2 and "media.decided" in kinds
    assert Notification.objects.filter(kind="media.review_request").values("recipient").distinct().count() == 3
    author.screenshot(path=str(SHOTS / "media-post.png"), full_page=True)
    assert external == []
