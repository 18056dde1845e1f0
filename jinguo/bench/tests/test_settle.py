"""The bench vacuums what a timed write rolled back, before the next run (PostgreSQL)."""

import pytest
from django.db import connection

from jinguo.bench.scenarios import settle


@pytest.mark.django_db(transaction=True)
def test_the_tables_a_write_names_are_vacuumed_a_many_to_many_by_its_field():
    settle(("outreach.Lecture", "outreach.Lecture.lecturers", "stats.Rollup"))
    if connection.vendor != "postgresql":
        return  # SQLite: nothing to do, and nothing was done
    with connection.cursor() as c:
        c.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL AND relname IN "
            "('outreach_lecture', 'outreach_lecture_lecturers', 'stats_rollup', 'people_person')"
        )
        assert sorted(r for (r,) in c.fetchall()) == ["outreach_lecture", "outreach_lecture_lecturers", "stats_rollup"]


def test_a_write_that_names_no_table_needs_no_database():
    settle(())  # no query: the test has no database access
