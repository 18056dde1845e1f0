"""PostgreSQL: leave a tenth of each page of the daily rows free, so a re-imported day (platform exports overlap
week on week) is updated in place (a HOT update: no new index entries, none of the four indexes touched)."""

from django.db import migrations


def fillfactor(percent):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE media_dailymetric SET (fillfactor = {int(percent)})")

    return run


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial")]
    operations = [migrations.RunPython(fillfactor(90), fillfactor(100))]
