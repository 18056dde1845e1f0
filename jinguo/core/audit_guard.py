"""Database triggers that make the audit table append-only.

UPDATE is refused always; DELETE only for events younger than the minimum retention (184 days), so
the purge task can drop old events and nothing else can. The same SQL is used by the migration and
by tests that must tamper with the table on purpose (`without_guard`).
"""

from contextlib import contextmanager

from django.db import connection

MIN_RETENTION_DAYS = 184

SQLITE_CREATE = [
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    WHEN OLD."at" >= strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MIN_RETENTION_DAYS} days')
    BEGIN SELECT RAISE(ABORT, 'audit events are kept at least {MIN_RETENTION_DAYS} days'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
]
POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION core_auditevent_guard() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit events are append-only';
      END IF;
      IF OLD."at" >= now() - interval '{MIN_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'audit events are kept at least {MIN_RETENTION_DAYS} days';
      END IF;
      RETURN OLD;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS core_auditevent_guard ON core_auditevent",
    """CREATE TRIGGER core_auditevent_guard BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_guard()""",
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS core_auditevent_guard ON core_auditevent"]


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    return []


def install(conn=connection) -> None:
    with conn.cursor() as c:
        for sql in _statements(conn.vendor, True):
            c.execute(sql)


def remove(conn=connection) -> None:
    with conn.cursor() as c:
        for sql in _statements(conn.vendor, False):
            c.execute(sql)


@contextmanager
def without_guard(conn=connection):
    """Tests only: lift the triggers to tamper with or clear the table, then put them back."""
    remove(conn)
    try:
        yield
    finally:
        install(conn)
