"""三审: a draft passes the first, second and final review by three different reviewers of the tier's unit;
nobody approves their own post; every decision is audited with its comment; each step tells the next tier
through the inbox and the author hears of the outcome."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.conftest import make_user
from jinguo.core.models import AuditEvent, Notification
from jinguo.core.roles import Role
from jinguo.media import services
from jinguo.media.models import PostState, Review


def _inbox(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def test_three_reviews_move_a_post_to_approved_with_notices_at_each_step(draft, reviewers, actors):
    author = actors["region_cadre"]
    services.post_submit(actor=author, post=draft)
    assert draft.state == PostState.FIRST
    assert {
        n.recipient_id for n in Notification.objects.filter(kind="media.review_request", resolved_at__isnull=True)
    } == {
        reviewers["r1"].pk,
        reviewers["r2"].pk,
        reviewers["r3"].pk,
    }
    for who, state in (("r1", PostState.SECOND), ("r2", PostState.FINAL), ("r3", PostState.APPROVED)):
        services.post_review(actor=reviewers[who], post=draft, decision="pass", comment=f"{who} 同意")
        draft.refresh_from_db()
        assert draft.state == state
    events = AuditEvent.objects.filter(event="media.post_review", object_id=str(draft.pk)).order_by("seq")
    assert [(e.detail["tier"], e.detail["comment"], e.actor_name) for e in events] == [
        ("first", "r1 同意", "region_reviewer1"),
        ("second", "r2 同意", "region_reviewer2"),
        ("final", "r3 同意", "region_reviewer3"),
    ]
    assert list(Review.objects.filter(post=draft).values_list("tier", "decision")) == [
        ("first", "pass"),
        ("second", "pass"),
        ("final", "pass"),
    ]
    # Each review request was asked of the tier's reviewers; the approval ends them and tells the author.
    assert not Notification.objects.filter(kind="media.review_request", resolved_at__isnull=True).exists()
    assert [n.title for n in _inbox(author, "media.decided")] == ["巾帼心向党: Approved"]


def test_nobody_approves_their_own_post(draft, accounts, tree, actors):
    author = actors["region_cadre"]  # a cadre holds media.review and media.approve too
    services.post_submit(actor=author, post=draft)
    with pytest.raises(PermissionDenied):
        services.post_review(actor=author, post=draft, decision="pass", comment="")
    draft.refresh_from_db()
    assert draft.state == PostState.FIRST
    assert not AuditEvent.objects.filter(event="media.post_review").exists()


def test_one_reviewer_decides_one_tier_only(draft, reviewers, actors):
    services.post_submit(actor=actors["region_cadre"], post=draft)
    services.post_review(actor=reviewers["r1"], post=draft, decision="pass")
    with pytest.raises(PermissionDenied, match="earlier tier"):
        services.post_review(actor=reviewers["r1"], post=draft, decision="pass")
    assert draft.state == PostState.SECOND


def test_a_reviewer_of_another_unit_cannot_decide(draft, reviewers, actors):
    services.post_submit(actor=actors["region_cadre"], post=draft)
    with pytest.raises(PermissionDenied):
        services.post_review(actor=reviewers["league"], post=draft, decision="pass")
    with pytest.raises(PermissionDenied):
        services.post_review(actor=actors["leader"], post=draft, decision="pass")


def test_a_return_needs_its_comment_and_tells_the_author(draft, reviewers, actors):
    author = actors["region_cadre"]
    services.post_submit(actor=author, post=draft)
    with pytest.raises(ValidationError):
        services.post_review(actor=reviewers["r1"], post=draft, decision="return", comment=" ")
    services.post_review(actor=reviewers["r1"], post=draft, decision="return", comment="标题再改改")
    assert draft.state == PostState.RETURNED
    note = _inbox(author, "media.decided")[-1]
    assert note.body == "标题再改改"
    ev = AuditEvent.objects.get(event="media.post_review")
    assert ev.detail["comment"] == "标题再改改" and ev.detail["to"] == "returned"
    # The author changes it and sends it again; the new round starts at the first review with anyone.
    services.post_update(
        actor=author, post=draft, title="巾帼心向党（改）", body=draft.body, targets=[t.pk for t in draft.targets.all()]
    )
    services.post_submit(actor=author, post=draft)
    services.post_review(actor=reviewers["r1"], post=draft, decision="pass")
    assert draft.state == PostState.SECOND


def test_a_county_post_is_finally_reviewed_by_its_league(accounts, tree, actors, reviewers):
    county_reviewers = [make_user(f"ds_rev{i}", Role.REVIEWER, tree["150602"]) for i in (1, 2)]
    post = services.post_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        title="东胜区稿件",
        body="<p>正文</p>",
        targets=[accounts["dongsheng"].pk],
    )
    services.post_submit(actor=actors["county_cadre"], post=post)
    services.post_review(actor=county_reviewers[0], post=post, decision="pass")
    services.post_review(actor=county_reviewers[1], post=post, decision="pass")
    assert services.tier_path(post, "final") == "1506"
    with pytest.raises(PermissionDenied):
        services.post_review(actor=make_user("ds_rev3", Role.REVIEWER, tree["150602"]), post=post, decision="pass")
    assert Notification.objects.filter(
        kind="media.review_request", recipient=reviewers["league"], resolved_at__isnull=True
    ).exists()
    services.post_review(actor=reviewers["league"], post=post, decision="pass", comment="盟市终审同意")
    assert post.state == PostState.APPROVED


def test_a_post_without_target_accounts_is_not_submitted(tree, actors, platforms):
    post = services.post_create(actor=actors["region_cadre"], org=tree["150000"], title="无账号", body="<p>x</p>")
    with pytest.raises(ValidationError, match="target account"):
        services.post_submit(actor=actors["region_cadre"], post=post)


def test_review_pages_take_the_decision_and_refuse_self_approval(draft, reviewers, actors, login):
    author = actors["region_cadre"]
    web = login(author)
    assert web.post(f"/matrix/posts/{draft.pk}/submit/").status_code == 302
    page = web.get(f"/matrix/posts/{draft.pk}/").content.decode()
    assert 'data-testid="review-form"' not in page  # not offered to the author
    web.post(f"/matrix/posts/{draft.pk}/review/", {"decision": "pass", "comment": "自己同意"})
    draft.refresh_from_db()
    assert draft.state == PostState.FIRST
    web = login(reviewers["r1"])
    assert 'data-testid="review-form"' in web.get(f"/matrix/posts/{draft.pk}/").content.decode()
    web.post(f"/matrix/posts/{draft.pk}/review/", {"decision": "pass", "comment": "同意"})
    draft.refresh_from_db()
    assert draft.state == PostState.SECOND


def test_the_posts_history_tells_each_step_in_words(draft, reviewers, actors, login):
    services.post_submit(actor=actors["region_cadre"], post=draft)
    services.post_review(actor=reviewers["r1"], post=draft, decision="pass", comment="同意")
    page = login(actors["region_cadre"]).get(f"/matrix/posts/{draft.pk}/").content.decode()
    assert "Post written" in page and "Post sent for review" in page and "Post reviewed" in page
    assert "media.post_review" not in page
