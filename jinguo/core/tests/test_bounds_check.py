"""core.bounds.check_values: the model's own field checks without an instance, worded as check words them."""

import datetime

from django.utils import translation

from jinguo.core import bulk
from jinguo.core.bounds import check, check_values
from jinguo.outreach.models import Lecture

FIELDS = ["title", "kind", "date", "place", "summary", "mode", "language"]


def _both(**values):
    by_values = check_values(Lecture, values)
    by_instance = {k: v for k, v in check(bulk.build(Lecture, **values)).items() if k in values}
    return by_values, by_instance


def test_it_refuses_what_full_clean_refuses_in_the_same_words():
    good = {"title": "宣讲", "kind": "lecture", "date": datetime.date(2026, 5, 1), "place": "", "summary": ""}
    assert _both(**good) == ({}, {})
    for bad in (
        {"title": "长" * 201},  # past max_length: worded by too_long
        {"kind": "dance"},  # not a choice
        {"title": ""},  # required
        {"date": None},  # required
        {"summary": "x" * 100_001},  # a TextField's MaxLengthValidator
    ):
        by_values, by_instance = _both(**{**good, **bad})
        assert by_values == by_instance and set(by_values) == set(bad), bad


def test_a_value_that_passed_is_remembered_and_a_refusal_is_worded_anew_in_each_language():
    assert check_values(Lecture, {"kind": "lecture"}) == check_values(Lecture, {"kind": "lecture"}) == {}
    with translation.override("en"):
        english = check_values(Lecture, {"kind": "dance"})
    with translation.override("zh-hans"):
        chinese = check_values(Lecture, {"kind": "dance"})
    assert english.keys() == chinese.keys() == {"kind"} and english != chinese


def test_a_long_text_is_checked_but_not_kept():
    from jinguo.core import bounds

    title = "学习贯彻党的二十大精神宣讲·乌兰察布市集宁区第三十七场入户宣讲（巾帼志愿服务队）"
    assert len(title) > bounds._MEMO_TEXT
    before = bounds._checked.cache_info().currsize
    assert check_values(Lecture, {"title": title}) == {}
    assert bounds._checked.cache_info().currsize == before
