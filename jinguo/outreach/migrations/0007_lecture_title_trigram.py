# A trigram index for the lecture list's title search (title LIKE '%…%'), on PostgreSQL only: SQLite has no
# such index and keeps walking its (org_path, date) and (date, id) indexes. Built CONCURRENTLY, so a large
# table keeps taking writes while it is built (hence atomic = False).

from django.db import migrations

INDEX = "lecture_title_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON outreach_lecture USING gin (title gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("outreach", "0006_lecture_return_for_correction")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
