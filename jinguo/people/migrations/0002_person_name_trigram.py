# A trigram index for the people list's name search (name LIKE '%…%'), on PostgreSQL only: SQLite has no such
# index and keeps its (org_path, name) index. Built CONCURRENTLY, so a large registry keeps taking writes while
# it is built (hence atomic = False).

from django.db import migrations

INDEX = "person_name_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON people_person USING gin (name gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
