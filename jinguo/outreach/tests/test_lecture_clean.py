"""clean_lecture keeps the rules between fields; each field is checked by the model (core.bounds.check), so the
service, the form and the import word a bound the same way."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.outreach.services import clean_lecture
from jinguo.outreach.tests.factories import data


def _errors(actor, org, calendar, lecturer, **over) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as e:
        clean_lecture(actor=actor, org=org, data=data(calendar, lecturer, **over), held=True)
    return e.value.message_dict


def test_field_checks_come_from_the_model_with_the_bound_in_the_message(actors, tree, calendar, lecturer):
    errors = _errors(
        actors["county_cadre"], tree["150602100200"], calendar, lecturer, title="长" * 101, place="地" * 101, kind="x"
    )
    assert errors["title"] == ["Title: at most 100 characters (101 given)."]
    assert errors["place"] == ["Place: at most 100 characters (101 given)."]
    assert errors["kind"] == ["Value 'x' is not a valid choice."]


def test_the_rules_between_fields_stay_in_the_service(actors, tree, calendar, lecturer):
    errors = _errors(
        actors["county_cadre"], tree["150602100200"], calendar, lecturer, mode="offline", online_views=5,
        start_time="16:00", end_time="14:00",
    )  # fmt: skip
    assert errors == {
        "online_views": ["An offline lecture has no online views: choose online or both."],
        "end_time": errors["end_time"],
    }
    assert errors["end_time"]
