"""The backup and restore drill, on whichever database the suite runs (SQLite or PostgreSQL)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from jinguo.core.backup import backup, drop_scratch, restore
from jinguo.people.models import Person
from jinguo.people.tests.factories import new_person


@pytest.fixture
def data(transactional_db, actors, tree):
    for i in range(3):
        new_person(actors["county_cadre"], tree["150602"], name=f"备份{i}", phone="13912340000")


def test_backup_then_restore_passes_every_check(data, tmp_path):
    out = tmp_path / "b.jgbak"
    header = backup(out)
    assert header["counts"]["people_person"] == 3
    raw = out.read_bytes()
    assert "备份0".encode() not in raw and b"13912340000" not in raw  # encrypted
    new_person_count = Person.objects.count()
    report = restore(out, into=str(tmp_path / "r") if header["vendor"] == "sqlite" else None)
    try:
        assert report.ok, report.problems
        assert report.counts["people_person"] == new_person_count == 3
        assert report.counts["core_auditevent"] == header["counts"]["core_auditevent"]
    finally:
        drop_scratch(report)


def test_a_damaged_backup_is_refused(data, tmp_path):
    out = tmp_path / "b.jgbak"
    backup(out)
    blob = bytearray(out.read_bytes())
    blob[-10] ^= 0x01
    out.write_bytes(bytes(blob))
    with pytest.raises(ValidationError):
        restore(out)


def test_the_commands_run_the_drill(data, tmp_path):
    out = tmp_path / "c.jgbak"
    stdout = io.StringIO()
    call_command("backup", "--output", str(out), stdout=stdout)
    assert "backup written" in stdout.getvalue()
    stdout = io.StringIO()
    call_command("restore", str(out), "--drill", stdout=stdout)
    assert "checks passed" in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.jgbak"))
