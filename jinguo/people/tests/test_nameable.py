"""The one rule for "the actor may name this person", as writes use it (people.selectors.require_nameable)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.core.actors import SYSTEM
from jinguo.people.models import Person
from jinguo.people.selectors import not_in_registry, require_nameable, require_one_nameable
from jinguo.people.tests.factories import new_person


def test_each_person_not_nameable_gets_the_one_refusal_on_the_field(actors, tree):
    mine = new_person(SYSTEM, tree["150602100200"], name="乌兰")
    stranger = new_person(SYSTEM, tree["150621100200"], name="达旗陌生人")
    cadre = actors["county_cadre"]
    assert require_nameable(cadre, [mine.pk, str(mine.pk)], field="leader") == {mine.pk: mine}
    with translation.override("en"):
        with pytest.raises(ValidationError) as e:
            require_nameable(cadre, [mine.pk, stranger.pk, "x"], field="attendance")
        assert e.value.message_dict == {"attendance": [not_in_registry(stranger.pk), not_in_registry("x")]}
    assert "达旗陌生人" not in str(e.value)


def test_a_person_allowed_by_the_caller_may_be_named_too(actors, tree):
    stranger = new_person(SYSTEM, tree["150621100200"], name="达旗陌生人")
    also = Person.objects.filter(pk=stranger.pk).values("pk")
    assert require_one_nameable(actors["county_cadre"], stranger.pk, field="person", also=also) == stranger
