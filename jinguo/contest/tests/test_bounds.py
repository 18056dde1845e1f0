"""A contest's year, weights, full marks, rounds and texts are bounded on the model, and the service refuses
what lies outside with a reason (a full mark of 1,000 could never be stored as a score)."""

import pytest
from django.core.exceptions import ValidationError

from jinguo.contest.models import Contest, Criterion, Round
from jinguo.contest.services import contest_create, entry_submit
from jinguo.core.actors import SYSTEM
from jinguo.core.bounds import bounds
from jinguo.people.tests.factories import new_person

CRITERIA = [("内容", 50, 100), ("表达", 50, 100)]


def _create(actors, tree, **over):
    kw = {"title": "理论宣讲大赛", "year": 2026, "criteria": CRITERIA}
    kw.update(over)
    return contest_create(actor=actors["region_cadre"], org=tree["150000"], **kw)


def test_the_model_declares_the_bounds():
    assert (bounds(Criterion, "weight").min_value, bounds(Criterion, "weight").max_value) == (1, 100)
    # A score is a DecimalField(5, 2): full marks must stay below 1,000.
    assert bounds(Criterion, "max_score").max_value < 1_000
    assert bounds(Round, "order").max_value == 10
    assert bounds(Contest, "description").max_length == 2_000


@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"criteria": [("内容", 50, 1_000), ("表达", 50, 100)]}, "criteria", "A weight is 1–100 and full marks 1–999."),
        ({"criteria": [("内容", 50, 2**63), ("表达", 50, 100)]}, "criteria", "A weight is 1–100 and full marks 1–999."),
        ({"description": "x" * 2_001}, "description", "Description: at most 2,000 characters (2,001 given)."),
        ({"rounds": [f"第{i}轮" for i in range(11)]}, "rounds", "A contest has at most 10 rounds."),
        ({"rounds": ["轮" * 41]}, "rounds", "Name: at most 40 characters (41 given)."),
    ],
)
def test_a_contest_out_of_bounds_is_refused(actors, tree, over, field, message):
    with pytest.raises(ValidationError) as e:
        _create(actors, tree, **over)
    assert e.value.message_dict == {field: [message]}
    assert not Contest.objects.exists()


def test_a_video_link_longer_than_the_model_takes_is_refused(actors, tree):
    first = _create(actors, tree).rounds.get(order=1)
    person = new_person(SYSTEM, tree["150602100200"], name="东胜讲师")
    kw = {"actor": actors["county_cadre"], "round": first, "org": tree["150602"], "title": "我家的变化"}
    with pytest.raises(ValidationError) as e:
        entry_submit(lecturer=person, video_url="https://v.example.cn/" + "x" * 200, **kw)
    assert e.value.message_dict == {"video_url": ["Video link: at most 200 characters (221 given)."]}
    with pytest.raises(ValidationError) as e:
        entry_submit(lecturer=2**63, video_url="https://v.example.cn/1", **kw)
    assert list(e.value.message_dict) == ["lecturer"]
