"""Concurrent writers on the real database (file-backed SQLite or PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from jinguo.core import audit
from jinguo.core.models import AuditEvent, ImportJob
from jinguo.core.workflow import transition
from jinguo.people.idcard import make_id_number
from jinguo.people.models import Person
from jinguo.people.services import person_create

THREADS = 20
PER_THREAD = 5


def _run_threads(target, n):
    errors = []
    barrier = threading.Barrier(n)

    def wrapped(i):
        try:
            barrier.wait()
            target(i)
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(e))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_twenty_threads_writing_lose_nothing_and_never_lock(transactional_db, actors, tree):
    user, org = actors["county_cadre"], tree["150602"]
    if connection.vendor == "sqlite":
        assert connection.settings_dict["NAME"] and "memory" not in connection.settings_dict["NAME"]

    def write(i):
        for j in range(PER_THREAD):
            birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i * 100 + j)
            person_create(
                actor=user,
                org=org,
                name=f"并发{i}-{j}",
                gender="F",
                ethnicity="汉族",
                birth_date=birth,
                id_number=make_id_number("150602", birth, i * 10 + j),
            )

    errors = _run_threads(write, THREADS)
    assert errors == []
    assert Person.objects.count() == THREADS * PER_THREAD
    assert AuditEvent.objects.filter(event="person.create").count() == THREADS * PER_THREAD
    result = audit.verify()
    assert result.ok, result  # the hash chain stayed linear under concurrent appends


def test_two_concurrent_decisions_exactly_one_wins(transactional_db, actors):
    job = ImportJob.objects.create(kind="people", user=actors["county_cadre"], file="x.xlsx", filename="x.xlsx")
    wins = []

    def decide(i):
        if transition(ImportJob, job.pk, source=ImportJob.State.QUEUED, target=ImportJob.State.RUNNING):
            wins.append(i)

    for _ in range(5):
        ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.QUEUED)
        wins.clear()
        assert _run_threads(decide, 2) == []
        assert len(wins) == 1


@pytest.mark.parametrize("kind", ["orgs", "people"])
def test_every_import_writes_nothing_when_a_fault_strikes_mid_way(actors, monkeypatch, kind):
    import io

    from django.db.models import QuerySet
    from openpyxl import Workbook

    from jinguo.core import xlsx
    from jinguo.orgs.models import OrgUnit

    wb = Workbook()
    ws = wb.active
    if kind == "orgs":
        ws.append(["区划代码", "名称"])
        ws.append(["150602101", "新镇"])
        for v in range(30):
            ws.append([f"150602101{200 + v:03d}", f"新村{v}"])
    else:
        ws.append(["姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "单位代码"])
        for v in range(30):
            b = datetime.date(1980, 1, 1) + datetime.timedelta(days=v)
            ws.append([f"人{v}", "女", "汉族", b.isoformat(), make_id_number("150602", b, v), "", "150602"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    before = (OrgUnit.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    real = QuerySet.bulk_create
    calls = []

    def faulty(self, objs, *args, **kwargs):
        # Half the rows reach the table, then the disk fails.
        calls.append(len(objs))
        real(self, objs[: len(objs) // 2], *args, **kwargs)
        raise OSError("disk full")

    from jinguo.core import bulk

    real_upsert = bulk.upsert

    def faulty_upsert(model, fields, rows, **kwargs):  # the raw bulk path (people)
        calls.append(len(rows))
        real_upsert(model, fields, rows[: len(rows) // 2], **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(QuerySet, "bulk_create", faulty)
    monkeypatch.setattr(bulk, "upsert", faulty_upsert)
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(OSError):
        xlsx.run_import(xlsx.REGISTRY[kind](actors["county_cadre"]), buf)
    monkeypatch.setattr(QuerySet, "bulk_create", real)
    monkeypatch.setattr(bulk, "upsert", real_upsert)
    assert calls
    assert (OrgUnit.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before
