"""Rich text is sanitised (no script survives) and checked against the region's word list before review."""

import pytest

from jinguo.core.actors import SYSTEM
from jinguo.media import services
from jinguo.media.text import found_words, sanitize


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>好</p><script>alert(1)</script>",
        '<p onclick="alert(1)">好</p>',
        '<a href="javascript:alert(1)">好</a>',
        '<img src="x" onerror="alert(1)">',
        "<svg><script>alert(1)</script></svg>",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{}</style><p>好</p>",
        '<p style="background:url(javascript:alert(1))">好</p>',
    ],
)
def test_no_script_survives_the_sanitiser(dirty):
    clean = sanitize(dirty).lower()
    for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<style", "style="):
        assert bad not in clean


def test_the_sanitiser_keeps_the_formatting():
    html = '<h2>标题</h2><p><strong>粗</strong><em>斜</em></p><ul><li>一</li></ul><a href="https://a.cn/x">链接</a>'
    clean = sanitize(html)
    assert "<h2>标题</h2>" in clean and "<strong>粗</strong>" in clean and "<li>一</li>" in clean
    assert 'href="https://a.cn/x"' in clean and 'rel="noopener noreferrer"' in clean


def test_a_post_is_stored_sanitised(tree, actors, accounts):
    post = services.post_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title="t",
        body="<p>好</p><script>steal()</script>",
        targets=[accounts["own"].pk],
    )
    post.refresh_from_db()
    assert post.body == "<p>好</p>"


def test_words_are_found_through_spaces_tags_and_full_width():
    words = ["赌博", "ABC"]
    assert found_words("<p>网络赌<b>博</b></p>", words) == ["赌博"]
    assert found_words("网络 赌 博", words) == ["赌博"]
    assert found_words("ａｂｃ", words) == ["ABC"]
    assert found_words("清清白白", words) == []


def test_a_draft_is_flagged_with_the_words_of_its_unit_and_the_units_above(tree, actors, accounts, login):
    services.word_add(actor=SYSTEM, org=tree["150000"], word="博彩")
    services.word_add(actor=actors["ordos_cadre"], org=tree["150600"], word="传销")
    services.word_add(actor=actors["sibling_cadre"], org=tree["150621"], word="达旗词")
    post = services.post_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        title="博彩与传销的危害",
        body="<p>达旗词不算</p>",
        targets=[accounts["dongsheng"].pk],
    )
    assert post.flagged_words == "博彩、传销"
    services.post_submit(actor=actors["county_cadre"], post=post)
    assert post.flagged_words == "博彩、传销"
    page = login(actors["county_cadre"]).get(f"/matrix/posts/{post.pk}/").content.decode()
    assert 'data-testid="flagged"' in page and "博彩、传销" in page
    clean = services.post_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        title="好消息",
        body="<p>x</p>",
        targets=[accounts["dongsheng"].pk],
    )
    assert clean.flagged_words == ""


def test_only_a_units_cadre_changes_its_word_list(tree, actors):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.word_add(actor=actors["county_cadre"], org=tree["150000"], word="x")
    with pytest.raises(PermissionDenied):
        services.word_add(actor=actors["leader"], org=tree["150000"], word="x")
