"""PostgreSQL: leave a fifth of each roll-up page free. Every recorded lecture adds to a dozen roll-up rows (its
unit and ancestors, month, quarter and year); with room on the page each is a HOT update, in place, with no new
entry in the (metric, period, org_path) index."""

from django.db import migrations


def fillfactor(percent):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE stats_rollup SET (fillfactor = {int(percent)})")

    return run


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_rollup")]
    operations = [migrations.RunPython(fillfactor(80), fillfactor(100))]
