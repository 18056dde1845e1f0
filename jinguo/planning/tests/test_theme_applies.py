"""One rule for "this theme serves this unit on this date" (planning.selectors.theme_applies), which a
lecture form, a lecture import and a study session all apply and answer with the same words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jinguo.core import xlsx
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.tests.factories import new_lecture
from jinguo.outreach.tests.test_lecture_import import _errors, _row, _sheet
from jinguo.planning.selectors import theme_applies
from jinguo.study.services import study_session_create


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_theme_serves_its_unit_and_every_unit_below_on_the_days_of_its_period(calendar):
    july = calendar["month"][(min(calendar["annual"]), 7)]
    in_july, in_august = july.starts_on + datetime.timedelta(days=3), july.ends_on + datetime.timedelta(days=1)
    assert theme_applies(july, "150602100200", in_july) is None
    assert theme_applies(july, "15", None) is None
    assert "outside" in theme_applies(july, "150602", in_august)
    county_theme = type(july)(org_path="150602", title="东胜区重点", starts_on=july.starts_on, ends_on=july.ends_on)
    assert theme_applies(county_theme, "150621", in_july) == "The theme “东胜区重点” belongs to another unit."


def test_the_form_the_import_and_study_give_the_one_refusal(actors, tree, calendar, lecturer):
    year = min(calendar["annual"])
    july, day = calendar["month"][(year, 7)], datetime.date(year, 8, 10)
    expected = theme_applies(july, "150602100200", day)
    cadre, village = actors["county_cadre"], tree["150602100200"]

    with pytest.raises(ValidationError) as form:
        new_lecture(cadre, village, calendar, lecturer, day=day, theme=july)
    result = xlsx.run_import(LectureImporter(cadre), _sheet([_row(calendar, lecturer, day=day, theme=july.title)]))
    with pytest.raises(ValidationError) as study:
        study_session_create(actor=cadre, org=village, title="学习", form="led", date=day, hours="2", theme=july)

    assert form.value.message_dict["theme"] == [expected]
    assert ("Theme", expected) in _errors(result)[2]
    assert study.value.message_dict["theme"] == [expected]
