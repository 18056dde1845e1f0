"""The opinion pages: exact query counts on the lists, scope of the record pages, the brief and its .docx."""

from jinguo.opinion import services
from jinguo.opinion.models import Mention
from jinguo.opinion.tests.conftest import item


def _mentions(actor, source, n):
    services.mentions_ingest(
        actor=actor, source=source, items=[item(i, text=f"东胜区第{i}条：家庭教育讲座") for i in range(n)]
    )


def test_the_mention_list_costs_the_same_for_5_and_40_mentions(login, actors, county_source, assert_queries):
    web = login(actors["county_cadre"])
    _mentions(actors["county_cadre"], county_source, 5)
    web.get("/opinion/")
    with assert_queries(6):
        assert web.get("/opinion/").status_code == 200
    _mentions(actors["county_cadre"], county_source, 40)
    with assert_queries(6):
        assert web.get("/opinion/").status_code == 200


def test_the_alert_list_query_count_is_pinned(login, actors, region_source, red_rule, assert_queries):
    services.mentions_ingest(
        actor=actors["region_cadre"],
        source=region_source,
        items=[item(i, text=f"东胜区第{i}起家暴，网友愤怒，报警无人处理", reach=90000) for i in range(6)],
    )
    web = login(actors["region_cadre"])
    web.get("/opinion/alerts/")
    with assert_queries(6):
        assert web.get("/opinion/alerts/").status_code == 200


def test_a_sibling_mention_is_404_like_an_unknown_one(login, actors, sibling_source):
    services.mentions_ingest(actor=actors["sibling_cadre"], source=sibling_source, items=[item(1)])
    web = login(actors["county_cadre"])
    pk = Mention.objects.get().pk
    assert web.get(f"/opinion/mentions/{pk}/").status_code == 404
    assert web.get("/opinion/mentions/99999999/").status_code == 404


def test_the_brief_page_and_docx(login, actors, county_source):
    _mentions(actors["county_cadre"], county_source, 3)
    web = login(actors["county_cadre"])
    page = web.get("/opinion/brief/?under=150602")
    assert page.status_code == 200 and page.context["total"] == 3
    doc = web.get("/opinion/brief.docx?under=150602&period=weekly")
    assert doc.status_code == 200 and doc.content[:2] == b"PK"
    assert web.get("/opinion/brief/?under=150621").status_code == 404


def test_subscribers_are_told_once_a_day(login, actors, county_source):
    from jinguo.core.actors import SYSTEM
    from jinguo.core.models import Notification

    web = login(actors["county_cadre"])
    web.post("/opinion/brief/?under=150602&period=daily", {"on": "1"})
    assert services.briefs_send(actor=SYSTEM) == 1
    assert services.briefs_send(actor=SYSTEM) == 0
    assert Notification.objects.filter(kind="opinion.brief", recipient=actors["county_cadre"]).count() == 1


def test_training_a_model_with_labelled_mentions(login, actors, region_source):
    services.mentions_ingest(
        actor=actors["region_cadre"], source=region_source, items=[item(1, text="东胜区一件暖心事")]
    )
    services.mention_label(actor=actors["region_cadre"], mention=Mention.objects.get(), label="pos")
    row = services.sentiment_train(actor=actors["region_cadre"])
    assert row.active and row.own_examples == 1 and row.accuracy > 0.7
