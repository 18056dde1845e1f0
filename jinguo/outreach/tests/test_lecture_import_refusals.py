"""Lecture import: rows that would count wrong are refused — a repeated lecture, an ID number Excel rounded."""

import pytest
from django.utils import translation

from jinguo.core import xlsx
from jinguo.outreach.importers import LectureImporter
from jinguo.outreach.tests.test_lecture_import import _errors, _row, _sheet


@pytest.fixture
def importer(actors):
    with translation.override("en"):
        yield LectureImporter(actors["county_cadre"])


def test_a_lecturer_id_number_excel_stored_as_a_number_is_refused(importer, calendar, lecturer):
    result = xlsx.run_import(importer, _sheet([_row(calendar, lecturer, lecturers=1.50602198503108e17)]))
    assert _errors(result) == {
        2: [("Lecturers", "Write the ID number as text: Excel turned it into a number and its last digits are lost.")]
    }
