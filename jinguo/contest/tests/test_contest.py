"""The lecture contest: weighted criteria, judges excluded from their own unit, ranking and its tie rule,
results on a public page."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.conftest import make_user
from jinguo.contest.models import Entry, RoundState
from jinguo.contest.selectors import round_ranking
from jinguo.contest.services import (
    contest_create,
    entry_submit,
    judge_add,
    round_advance,
    round_close,
    round_open,
    round_publish,
    score_submit,
)
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.people.tests.factories import new_person

CRITERIA = [("内容", 50, 100), ("表达", 30, 100), ("形象", 20, 10)]


@pytest.fixture
def contest(actors, tree):
    return contest_create(
        actor=actors["region_cadre"], org=tree["150000"], title="理论宣讲大赛", year=2026, criteria=CRITERIA
    )


@pytest.fixture
def first(contest):
    return contest.rounds.get(order=1)


@pytest.fixture
def entrants(tree):
    return {
        "dongsheng": new_person(SYSTEM, tree["150602100200"], name="东胜讲师"),
        "dalad": new_person(SYSTEM, tree["150621"], name="达旗讲师"),
        "ordos": new_person(SYSTEM, tree["150600"], name="鄂市讲师"),
    }


@pytest.fixture
def entries(actors, tree, first, entrants):
    return {
        "dongsheng": entry_submit(
            actor=actors["county_cadre"],
            round=first,
            org=tree["150602"],
            lecturer=entrants["dongsheng"],
            title="我家的变化",
            video_url="https://v.example.cn/1",
        ),
        "dalad": entry_submit(
            actor=actors["sibling_cadre"],
            round=first,
            org=tree["150621"],
            lecturer=entrants["dalad"],
            title="草原新风",
            video_url="https://v.example.cn/2",
        ),
        "ordos": entry_submit(
            actor=actors["ordos_cadre"],
            round=first,
            org=tree["150600"],
            lecturer=entrants["ordos"],
            title="幸福敲门",
            video_url="https://v.example.cn/3",
        ),
    }


def _scores(contest, a, b, c):
    crit = list(contest.criteria.all())
    return {crit[0].pk: a, crit[1].pk: b, crit[2].pk: c}


def test_weights_must_add_up_to_100(actors, tree):
    with pytest.raises(ValidationError, match="add up to 90"):
        contest_create(
            actor=actors["region_cadre"],
            org=tree["150000"],
            title="x",
            year=2026,
            criteria=[("内容", 60), ("表达", 30)],
        )


def test_entries_need_a_registered_lecturer_and_a_video(actors, tree, first, entrants):
    with pytest.raises(ValidationError, match="registry"):
        entry_submit(
            actor=actors["county_cadre"],
            round=first,
            org=tree["150602"],
            lecturer=999999,
            title="t",
            video_url="https://a.cn",
        )
    with pytest.raises(ValidationError, match="video"):
        entry_submit(
            actor=actors["county_cadre"], round=first, org=tree["150602"], lecturer=entrants["dongsheng"], title="t"
        )
    with pytest.raises(ValidationError, match="http"):
        entry_submit(
            actor=actors["county_cadre"],
            round=first,
            org=tree["150602"],
            lecturer=entrants["dongsheng"],
            title="t",
            video_url="ftp://x",
        )
    with pytest.raises(PermissionDenied):
        entry_submit(
            actor=actors["county_cadre"],
            round=first,
            org=tree["150621"],
            lecturer=entrants["dalad"],
            title="t",
            video_url="https://a.cn",
        )
    assert not Entry.objects.exists()


def test_a_video_file_is_accepted_by_type(actors, tree, first, entrants):
    from django.core.files.uploadedfile import SimpleUploadedFile

    e = entry_submit(
        actor=actors["county_cadre"],
        round=first,
        org=tree["150602"],
        lecturer=entrants["dongsheng"],
        title="t",
        video=SimpleUploadedFile("speech.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4"),
    )
    assert e.video.name.endswith(".mp4")
    with pytest.raises(ValidationError, match="MP4"):
        entry_submit(
            actor=actors["county_cadre"],
            round=first,
            org=tree["150602"],
            lecturer=entrants["dongsheng"],
            title="t2",
            video=SimpleUploadedFile("speech.exe", b"MZ", content_type="video/mp4"),
        )


def test_a_judge_from_the_entrants_own_unit_is_excluded(actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["county_cadre"])
    round_open(actor=actors["region_cadre"], round=first)
    with pytest.raises(PermissionDenied, match="own unit"):
        score_submit(actor=actors["county_cadre"], entry=entries["dongsheng"], values=_scores(contest, 90, 90, 9))
    score_submit(actor=actors["county_cadre"], entry=entries["dalad"], values=_scores(contest, 90, 90, 9))


def test_only_judges_score_and_only_while_judging_is_open(actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["leader"])
    with pytest.raises(ValidationError, match="not open"):
        score_submit(actor=actors["leader"], entry=entries["dalad"], values=_scores(contest, 1, 1, 1))
    round_open(actor=actors["region_cadre"], round=first)
    with pytest.raises(PermissionDenied, match="not a judge"):
        score_submit(actor=actors["ordos_cadre"], entry=entries["dalad"], values=_scores(contest, 1, 1, 1))
    with pytest.raises(ValidationError) as e:
        score_submit(actor=actors["leader"], entry=entries["dalad"], values=_scores(contest, 101, 50, 11))
    assert len(e.value.message_dict) == 2


def test_ranking_weighs_the_criteria_and_follows_the_tie_rule(actors, tree, contest, first, entries):
    judges = [actors["leader"], make_user("judge_b", Role.LEADER, tree["150000"])]
    for j in judges:
        judge_add(actor=actors["region_cadre"], round=first, user=j)
    round_open(actor=actors["region_cadre"], round=first)
    # 东胜: 0.5*80 + 0.3*90 + 20*8/10 = 40 + 27 + 16 = 83; the same from both judges.
    # 达旗: 0.5*90 + 0.3*70 + 20*8.5/10 = 45 + 21 + 17 = 83 → tied at 83.00; 达旗 leads on 内容 (the heaviest).
    # 鄂市: 0.5*70 + ... lower.
    for j in judges:
        score_submit(actor=j, entry=entries["dongsheng"], values=_scores(contest, 80, 90, 8))
        score_submit(actor=j, entry=entries["dalad"], values=_scores(contest, 90, 70, "8.5"))
        score_submit(actor=j, entry=entries["ordos"], values=_scores(contest, 70, 70, 7))
    ranked = round_ranking(first)
    assert [(r.entry.title, r.rank, r.final) for r in ranked] == [
        ("草原新风", 1, Decimal("83.00")),
        ("我家的变化", 2, Decimal("83.00")),
        ("幸福敲门", 3, Decimal("70.00")),
    ]


def test_entries_still_equal_share_the_rank(actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["leader"])
    round_open(actor=actors["region_cadre"], round=first)
    score_submit(actor=actors["leader"], entry=entries["dongsheng"], values=_scores(contest, 80, 80, 8))
    score_submit(actor=actors["leader"], entry=entries["dalad"], values=_scores(contest, 80, 80, 8))
    score_submit(actor=actors["leader"], entry=entries["ordos"], values=_scores(contest, 60, 60, 6))
    assert [r.rank for r in round_ranking(first)] == [1, 1, 3]


def test_with_five_judges_the_highest_and_lowest_totals_are_dropped(actors, tree, contest, first, entries):
    judges = [make_user(f"judge{i}", Role.LEADER, tree["150000"]) for i in range(5)]
    for j in judges:
        judge_add(actor=actors["region_cadre"], round=first, user=j)
    round_open(actor=actors["region_cadre"], round=first)
    for j, content in zip(judges, [100, 80, 80, 80, 0], strict=True):
        score_submit(actor=j, entry=entries["dalad"], values=_scores(contest, content, content, content / 10))
    r = next(x for x in round_ranking(first) if x.entry == entries["dalad"])
    assert r.final == Decimal("80.00") and r.judges == 5


def test_an_excluded_judge_does_not_count_in_the_average(actors, tree, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["county_cadre"])
    judge_add(actor=actors["region_cadre"], round=first, user=actors["leader"])
    round_open(actor=actors["region_cadre"], round=first)
    score_submit(actor=actors["leader"], entry=entries["dongsheng"], values=_scores(contest, 60, 60, 6))
    r = next(x for x in round_ranking(first) if x.entry == entries["dongsheng"])
    assert (r.final, r.judges) == (Decimal("60.00"), 1)


def test_publication_and_the_public_page(client, actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["leader"])
    round_open(actor=actors["region_cadre"], round=first)
    for key, s in (("dongsheng", 90), ("dalad", 80)):
        score_submit(actor=actors["leader"], entry=entries[key], values=_scores(contest, s, s, s / 10))
    assert client.get(f"/contest/results/{contest.pk}/").status_code == 404  # nothing published yet
    with pytest.raises(ValidationError, match="Close judging"):
        round_publish(actor=actors["region_cadre"], round=first)
    round_close(actor=actors["region_cadre"], round=first)
    with pytest.raises(ValidationError, match="幸福敲门"):
        round_publish(actor=actors["region_cadre"], round=first)  # one entry has no score yet
    entries["ordos"].delete()
    with pytest.raises(PermissionDenied):
        round_publish(actor=actors["county_cadre"], round=first)
    round_publish(actor=actors["region_cadre"], round=first)
    first.refresh_from_db()
    assert first.state == RoundState.PUBLISHED and first.published_at
    body = client.get(f"/contest/results/{contest.pk}/").content.decode()  # no login
    assert body.index("东胜讲师") < body.index("达旗讲师") and "90.00" in body and "150602100200" not in body
    assert "理论宣讲大赛" in client.get("/contest/results/").content.decode()


def test_the_top_entries_advance_to_the_next_round(actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["leader"])
    round_open(actor=actors["region_cadre"], round=first)
    for key, s in (("dongsheng", 90), ("dalad", 80), ("ordos", 70)):
        score_submit(actor=actors["leader"], entry=entries[key], values=_scores(contest, s, s, s / 10))
    round_close(actor=actors["region_cadre"], round=first)
    assert round_advance(actor=actors["region_cadre"], round=first, top=2) == 2
    final = contest.rounds.get(order=2)
    assert set(final.entries.values_list("title", flat=True)) == {"我家的变化", "草原新风"}


def test_the_judging_page_leaves_out_the_judges_own_unit(login, actors, contest, first, entries):
    judge_add(actor=actors["region_cadre"], round=first, user=actors["county_cadre"])
    round_open(actor=actors["region_cadre"], round=first)
    client = login(actors["county_cadre"])
    page = client.get(f"/contest/rounds/{first.pk}/judge/")
    items = {i.entry.pk: i.excluded for i in page.context["items"]}
    assert items == {entries["dongsheng"].pk: True, entries["dalad"].pk: False, entries["ordos"].pk: False}
    crit = list(contest.criteria.all())
    post = {"entry": entries["dalad"].pk} | {f"c{c.pk}": "8" for c in crit}
    assert client.post(f"/contest/rounds/{first.pk}/judge/", post).status_code == 302
    assert login(actors["sibling_cadre"]).get(f"/contest/rounds/{first.pk}/judge/").status_code == 404


def test_the_round_page_shows_entries_in_scope(login, actors, contest, first, entries):
    body = login(actors["county_cadre"]).get(f"/contest/rounds/{first.pk}/").content.decode()
    assert "我家的变化" in body and "草原新风" not in body
    body = login(actors["region_cadre"]).get(f"/contest/rounds/{first.pk}/").content.decode()
    assert "我家的变化" in body and "草原新风" in body
