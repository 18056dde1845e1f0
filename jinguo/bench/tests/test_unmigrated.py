"""The bench refuses a database with unapplied migrations with a message, before generating anything."""

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.executor import MigrationExecutor

from jinguo.orgs.models import OrgUnit


@pytest.mark.django_db
def test_an_unmigrated_database_is_refused_with_what_to_run(settings, monkeypatch):
    settings.BENCH = True
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("outreach", "9999_pending")])
    before = OrgUnit.objects.count()
    with pytest.raises(CommandError, match="jinguo migrate"):
        call_command("bench", "--size", "small")
    assert OrgUnit.objects.count() == before
