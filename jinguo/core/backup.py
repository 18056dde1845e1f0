"""Encrypted backups and a restore drill, for SQLite and PostgreSQL.

A backup file is one JSON header line (format, database vendor, time, row count of every table as it
was in the backed-up snapshot) followed by the database image encrypted with a key derived from
JINGUO_DATA_KEY: SQLite's `VACUUM INTO` copy, or `pg_dump -Fc` taken on an exported snapshot.

`restore` decrypts into a scratch location — a new file, or a scratch PostgreSQL database — and checks
it: integrity, no unapplied migration, and the same row counts as recorded at backup time.
"""

import base64
import json
import os
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from jinguo.core import audit
from jinguo.core.crypto import _derive

FORMAT = 1


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"backup")))


def _tables() -> list[str]:
    return sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed})


def _sqlite_counts(path: str) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables() if t in names}
    finally:
        conn.close()


def _pg_env(conf: dict) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": conf.get("HOST") or "",
            "PGPORT": str(conf.get("PORT") or ""),
            "PGUSER": conf.get("USER") or "",
            "PGPASSWORD": conf.get("PASSWORD") or "",
        }
    )
    return {k: v for k, v in env.items() if v != ""}


def backup(out: Path) -> dict:
    """Write an encrypted backup of the default database to `out`; return its header."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / "image"
        if connection.vendor == "sqlite":
            with connection.cursor() as c:
                c.execute("VACUUM INTO %s", [str(image)])
            counts = _sqlite_counts(str(image))
        elif connection.vendor == "postgresql":
            counts = _pg_dump(image)
        else:
            raise ValidationError(f"backups of {connection.vendor} are not supported")
        header = {
            "format": FORMAT,
            "vendor": connection.vendor,
            "created": timezone.now().isoformat(),
            "counts": counts,
        }
        payload = _fernet().encrypt(image.read_bytes())
    with out.open("wb") as fh:
        fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
        fh.write(payload)
    audit.record(None, "backup.create", detail={"file": out.name, "tables": len(counts)})
    return header


def _pg_dump(image: Path) -> dict[str, int]:
    """pg_dump on a snapshot exported by an open REPEATABLE READ transaction; counts from the same one."""
    conf = connection.settings_dict
    conn = connections.create_connection("default")
    try:
        conn.ensure_connection()
        raw = conn.connection
        raw.autocommit = False
        with raw.cursor() as c:
            c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            c.execute("SELECT pg_export_snapshot()")
            snapshot = c.fetchone()[0]
            counts = {}
            for t in _tables():
                c.execute(f'SELECT count(*) FROM "{t}"')
                counts[t] = c.fetchone()[0]
            subprocess.run(
                ["pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(image), conf["NAME"]],
                env=_pg_env(conf),
                check=True,
                capture_output=True,
            )
        raw.rollback()
    finally:
        conn.close()
    return counts


@dataclass
class RestoreReport:
    location: str
    vendor: str
    created: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_backup(path: Path) -> tuple[dict, bytes]:
    if not path.is_file():
        raise ValidationError(f"no backup file at {path}")
    data = path.read_bytes()
    head, _, payload = data.partition(b"\n")
    try:
        header = json.loads(head)
        return header, _fernet().decrypt(payload)
    except (ValueError, InvalidToken):
        raise ValidationError("the backup cannot be read: damaged, or made with another JINGUO_DATA_KEY")


def restore(path: Path, *, into: str | None = None) -> RestoreReport:
    """Restore `path` into a scratch location (never the live database) and check it."""
    header, image = read_backup(path)
    if header.get("format") != FORMAT:
        raise ValidationError(f"unknown backup format {header.get('format')}")
    if header["vendor"] == "sqlite":
        target = Path(into or tempfile.mkdtemp(prefix="jinguo-restore-")) / "restored.sqlite3"
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise ValidationError(f"{target} exists: restore never overwrites")
        target.write_bytes(image)
        report = RestoreReport(str(target), "sqlite", header["created"])
        conn = sqlite3.connect(str(target))
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
        if result != "ok":
            report.problems.append(f"integrity check: {result}")
        report.counts = _sqlite_counts(str(target))
        conn = sqlite3.connect(str(target))
        try:
            applied = set(conn.execute("SELECT app, name FROM django_migrations").fetchall())
        finally:
            conn.close()
    else:
        conf = connection.settings_dict
        name = into or f"{conf['NAME']}_restore_{timezone.now():%Y%m%d%H%M%S}"
        env = _pg_env(conf)
        subprocess.run(["createdb", name], env=env, check=True, capture_output=True)
        with tempfile.NamedTemporaryFile(suffix=".dump") as fh:
            fh.write(image)
            fh.flush()
            done = subprocess.run(["pg_restore", "--no-owner", "-d", name, fh.name], env=env, capture_output=True)
        report = RestoreReport(name, "postgresql", header["created"])
        if done.returncode != 0:
            report.problems.append("pg_restore: " + done.stderr.decode(errors="replace")[-500:])
        applied = _pg_read(conf, name, header, report)
    _check_restored(applied, header, report)
    return report


def _pg_read(conf: dict, name: str, header: dict, report: RestoreReport) -> set[tuple[str, str]]:
    """Row counts and applied migrations of the scratch database, over a plain psycopg connection."""
    import psycopg

    params = {
        "dbname": name,
        "host": conf.get("HOST") or None,
        "port": conf.get("PORT") or None,
        "user": conf.get("USER") or None,
        "password": conf.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}) as conn, conn.cursor() as c:
        for t in header["counts"]:
            c.execute(f'SELECT count(*) FROM "{t}"')
            report.counts[t] = c.fetchone()[0]
        c.execute("SELECT app, name FROM django_migrations")
        return set(c.fetchall())


def _check_restored(applied: set[tuple[str, str]], header: dict, report: RestoreReport) -> None:
    """`migrate --check` on the restored copy (every migration on disk applied), then the row counts."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    missing = sorted(known - applied)
    if missing:
        report.problems.append(f"{len(missing)} migrations not applied in the backup, e.g. {missing[0]}")
    for table, expected in header["counts"].items():
        got = report.counts.get(table)
        if got != expected:
            report.problems.append(f"{table}: {got} rows restored, {expected} backed up")


def drop_scratch(report: RestoreReport) -> None:
    """Remove a drill's scratch database or file."""
    if report.vendor == "postgresql":
        subprocess.run(
            ["dropdb", "--if-exists", report.location],
            env=_pg_env(connection.settings_dict),
            check=False,
            capture_output=True,
        )
    else:
        Path(report.location).unlink(missing_ok=True)


def default_backup_path() -> Path:
    return Path(settings.VAR_DIR) / "backups" / f"jinguo-{timezone.now():%Y%m%d-%H%M%S}.jgbak"
