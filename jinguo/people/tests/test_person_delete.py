"""Deleting a person removes their data from the database file itself, not only from the tables."""

from pathlib import Path

import pytest
from django.db import connection

from jinguo.core.models import AuditEvent
from jinguo.people.services import person_delete
from jinguo.people.tests.factories import new_person

MARK = "乌日娜塔希尔玛"  # a name that appears nowhere else


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file's bytes")
def test_delete_leaves_no_plaintext_in_the_sqlite_file(transactional_db, actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"], name=MARK, phone="13987654321")
    path = Path(connection.settings_dict["NAME"])
    with connection.cursor() as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def file_bytes() -> bytes:
        wal = Path(f"{path}-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    needle = MARK.encode()
    assert needle in file_bytes()
    person_delete(actor=actors["county_cadre"], person=p)
    assert needle not in file_bytes()


def test_audit_rows_hold_no_personal_values(actors, tree):
    from jinguo.people.services import person_update

    p = new_person(actors["county_cadre"], tree["150602"], name=MARK)
    person_update(actor=actors["county_cadre"], person=p, name="萨仁", phone="13911112222")
    person_delete(actor=actors["county_cadre"], person=p)
    details = str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert MARK not in details and "萨仁" not in details and "13911112222" not in details
    assert AuditEvent.objects.get(event="person.update").detail == {"changed": ["name", "phone"]}
