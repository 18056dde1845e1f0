"""No exception leaves an import job "running": it fails with a message, and a dead worker's job is swept."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation

from jinguo.core.models import ImportJob
from jinguo.core.tasks import import_jobs_sweep, run_job
from jinguo.people.models import Person
from jinguo.people.tests.test_import import _row, _sheet

POLL = 'hx-trigger="every 1s"'
INTERNAL = (
    "The import stopped because of an internal error; nothing was written. Try again or contact the administrator."
)


def _zh(msgid: str) -> str:
    # The people template's headers are Chinese, so these imports run in zh-hans.
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


@pytest.fixture
def exploding(monkeypatch):
    """The people importer's write fails half-way with an error nobody planned for."""
    from jinguo.people import importers

    def write(*, actor, people, paths=None):
        people = list(people)
        Person.objects.bulk_create(people[:2])
        raise RuntimeError("disk full")

    monkeypatch.setattr(importers, "person_bulk_create", write)


def _job(user, state=ImportJob.State.QUEUED, **kw) -> ImportJob:
    data = _sheet([_row(i) for i in range(1, 6)]).getvalue()
    return ImportJob.objects.create(
        kind="people", user=user, file=SimpleUploadedFile("p.xlsx", data), filename="p.xlsx", state=state, **kw
    )


@pytest.mark.expect_traceback(of=RuntimeError)
def test_an_internal_error_fails_the_job_with_a_message_and_writes_nothing(actors, exploding, caplog):
    with translation.override("zh-hans"):
        job = run_job(_job(actors["county_cadre"]))
    assert job.state == ImportJob.State.FAILED and job.finished_at is not None
    assert job.message == _zh(INTERNAL) and job.errors == []
    assert job.written == 0 and Person.objects.count() == 0
    assert "disk full" in caplog.text  # the traceback is logged for the administrator


@pytest.mark.expect_traceback(of=RuntimeError)
def test_the_upload_page_shows_the_failure_and_does_not_poll(login, actors, exploding):
    client = login(actors["county_cadre"])
    r = client.post("/imports/people/", {"file": _sheet([_row(i) for i in range(1, 6)])}, follow=True)
    page = r.content.decode()
    assert r.status_code == 200 and ImportJob.objects.get().state == ImportJob.State.FAILED
    assert _zh(INTERNAL) in page and POLL not in page
    assert Person.objects.count() == 0


def _age(job, minutes):
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes))


def test_the_sweep_fails_running_jobs_without_a_heartbeat(actors):
    user = actors["county_cadre"]
    dead = _job(user, ImportJob.State.RUNNING)
    _age(dead, 45)
    alive = _job(user, ImportJob.State.RUNNING)
    _age(alive, 1)
    never_beat = _job(user, ImportJob.State.RUNNING)
    ImportJob.objects.filter(pk=never_beat.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    done = _job(user, ImportJob.State.DONE)
    _age(done, 45)
    assert import_jobs_sweep(older_than=datetime.timedelta(minutes=30)) == 2
    states = dict(ImportJob.objects.values_list("pk", "state"))
    assert states == {dead.pk: "failed", alive.pk: "running", never_beat.pk: "failed", done.pk: "done"}
    dead.refresh_from_db()
    assert dead.message and dead.finished_at is not None


def test_the_sweep_command_uses_the_setting(actors, settings):
    settings.IMPORT_STALE_MINUTES = 10
    job = _job(actors["county_cadre"], ImportJob.State.RUNNING)
    _age(job, 11)
    out = io.StringIO()
    call_command("jobs", "sweep", stdout=out)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and out.getvalue().startswith("1 ")


def test_the_page_of_a_job_whose_worker_died_shows_it_failed_and_stops_polling(login, actors):
    client = login(actors["county_cadre"])
    alive = _job(actors["county_cadre"], ImportJob.State.RUNNING)
    _age(alive, 1)
    assert POLL in client.get(f"/imports/jobs/{alive.pk}/").content.decode()
    dead = _job(actors["county_cadre"], ImportJob.State.RUNNING)
    _age(dead, 45)
    page = client.get(f"/imports/jobs/{dead.pk}/").content.decode()
    dead.refresh_from_db()
    assert dead.state == ImportJob.State.FAILED and POLL not in page
