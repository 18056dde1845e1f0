"""Storage settings a migration gives a table on PostgreSQL only (SQLite has no such knob)."""

from django.db import migrations


def fillfactor(table: str, percent: int) -> migrations.RunPython:
    """Leave (100 - percent) % of each page of `table` free, so that an update of a column no index holds is done in
    place (a HOT update: no new index entries). Reversible to PostgreSQL's default of 100."""

    def setter(value: int):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                name = schema_editor.quote_name(table)
                schema_editor.execute(f"ALTER TABLE {name} SET (fillfactor = {int(value)})")

        return run

    return migrations.RunPython(setter(percent), setter(100))
