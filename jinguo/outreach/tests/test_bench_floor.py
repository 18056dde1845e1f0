"""The lecture import's floor (its benchmark baseline) stores exactly what the import stores: the same lectures,
the same lecturers, the same roll-up figures. A floor that wrote less would make the import look slow against it."""

import datetime

from django.db import connection, transaction

from jinguo.outreach import bench
from jinguo.outreach.models import Lecture
from jinguo.outreach.tests.factories import new_lecture, today
from jinguo.stats.models import Rollup

SKIP = {"id", "created_at", "updated_at", "checkin_code"}  # the stamps, and a code drawn at random each import


def _snapshot() -> dict:
    """What a write left in the database, before its rollback: lectures and lecturers by content, roll-ups."""
    fields = [f.attname for f in Lecture._meta.concrete_fields if f.attname not in SKIP]
    lectures = sorted(Lecture.objects.values_list(*fields))
    links = sorted(Lecture.lecturers.through.objects.values_list("lecture__title", "person_id"))
    figures = dict(((m, p, o), v) for m, p, o, v in Rollup.objects.values_list("metric", "period", "org_path", "value"))
    return {"lectures": lectures, "links": links, "figures": figures}


def test_the_floor_stores_what_the_import_stores(monkeypatch, actors, tree, calendar, lecturer):
    for i, unit in enumerate(("150602100200", "150602001001", "150602100200")):
        new_lecture(actors["county_cadre"], tree[unit], calendar, lecturer, day=today() - datetime.timedelta(days=i))
    seen = []

    def capture():
        if connection.vendor == "postgresql":  # what the floor's timed run pays: the commit's checks
            with connection.cursor() as c:
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seen.append(_snapshot())
        transaction.set_rollback(True)

    monkeypatch.setattr(bench, "undo_after_checks", capture)
    env = {"region_user": "region_cadre"}
    before = _snapshot()
    assert bench.import_lectures(env)() == 3
    assert bench._import_floor(env)() == 3
    assert _snapshot() == before  # both rolled back
    imported, floored = seen
    assert len(imported["lectures"]) == 6 and len(imported["links"]) == 6
    assert imported["figures"] != before["figures"]
    assert floored == imported
