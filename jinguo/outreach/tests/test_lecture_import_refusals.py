"""Lecture import: rows that would count wrong are refused — a repeated lecture, an ID number Excel rounded."""

import pytest
from django.utils import translation

from jinguo.core import crypto, xlsx
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.models import Lecture
from jinguo.outreach.tests.test_lecture_import import KEYS, _errors, _row, _sheet

WITH_TIME = [*KEYS, "start_time"]


@pytest.fixture
def importer(actors):
    with translation.override("en"):
        yield LectureImporter(actors["county_cadre"])


def _timed(calendar, lecturer, start, **over):
    return [*_row(calendar, lecturer, **over), start]


def test_identical_rows_are_refused_after_the_first_and_nothing_is_written(importer, calendar, lecturer):
    number = crypto.decrypt(lecturer.id_number_enc)
    rows = [
        _row(calendar, lecturer),
        _row(calendar, lecturer, title="另一场宣讲"),
        _row(calendar, lecturer),
        _row(calendar, lecturer, lecturers=number),  # the same lecturer by ID number
    ]
    result = xlsx.run_import(importer, _sheet(rows))
    assert _errors(result) == {
        4: [("", "This lecture appears twice in the sheet (row 2).")],
        5: [("", "This lecture appears twice in the sheet (row 2).")],
    }
    assert not Lecture.objects.exists()


def test_the_same_lecture_at_two_times_of_a_day_is_two_lectures(importer, calendar, lecturer):
    rows = [
        _timed(calendar, lecturer, "09:00"),
        _timed(calendar, lecturer, "14:30"),
        _timed(calendar, lecturer, "09:00"),
        _timed(calendar, lecturer, None, title="另一场宣讲"),
        _timed(calendar, lecturer, "16:00", title="另一场宣讲"),  # no time given above: may be the same one
    ]
    result = xlsx.run_import(importer, _sheet(rows, headers=WITH_TIME))
    assert _errors(result) == {
        4: [("", "This lecture appears twice in the sheet (row 2).")],
        6: [("", "This lecture appears twice in the sheet (row 5).")],
    }


def test_a_lecture_already_recorded_is_refused(importer, calendar, lecturer):
    assert xlsx.run_import(importer, _sheet([_row(calendar, lecturer)])).ok
    result = xlsx.run_import(importer, _sheet([_row(calendar, lecturer, title="另一场宣讲"), _row(calendar, lecturer)]))
    assert _errors(result) == {3: [("", "This lecture is already recorded: same unit, date, title and lecturers.")]}
    assert Lecture.objects.count() == 1


def test_a_lecturer_id_number_excel_stored_as_a_number_is_refused(importer, calendar, lecturer):
    result = xlsx.run_import(importer, _sheet([_row(calendar, lecturer, lecturers=1.50602198503108e17)]))
    assert _errors(result) == {
        2: [("Lecturers", "Write the ID number as text: Excel turned it into a number and its last digits are lost.")]
    }
