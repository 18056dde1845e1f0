"""Background tasks of the core: long imports (large list exports: core.lists).

No exception leaves a job "running": run_job marks the job failed whatever goes wrong, and
import_jobs_sweep fails the jobs whose worker died (no heartbeat for IMPORT_STALE_MINUTES).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from jinguo.core import notify, xlsx
from jinguo.core.models import ImportJob
from jinguo.core.workflow import transition

logger = logging.getLogger(__name__)


def run_job(job: ImportJob) -> ImportJob:
    """Run one import job to the end; nothing is written unless every row is valid.

    Claiming the job is a conditional UPDATE, so two workers never run the same job.
    """
    if not transition(
        ImportJob,
        job.pk,
        source=ImportJob.State.QUEUED,
        target=ImportJob.State.RUNNING,
        heartbeat_at=timezone.now(),
    ):
        job.refresh_from_db()
        return job

    def progress(done: int, total: int) -> None:
        # Progress goes through its own short write so the page can show it while the import runs.
        ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total, heartbeat_at=timezone.now())

    errors: list = []
    message = ""
    result = xlsx.ImportResult()
    try:
        importer = xlsx.REGISTRY[job.kind](job.user, confirm_unusual=job.confirm_unusual)
        with job.file.open("rb") as fh:
            result = xlsx.run_import(importer, fh, progress=progress)
        errors = [{"row": e.row, "column": e.column, "reason": e.reason} for e in result.errors]
        state = ImportJob.State.DONE if result.ok else ImportJob.State.FAILED
    except (ValidationError, PermissionDenied) as e:
        state = ImportJob.State.FAILED
        message = "；".join(getattr(e, "messages", [str(e)]))[:300]
        result = xlsx.ImportResult()
    except Exception:  # noqa: BLE001 - whatever broke, the job must not stay "running"
        # The rows and the file name may hold personal data: the log names the job only.
        logger.exception("import job %s (%s) stopped with an internal error", job.pk, job.kind)
        state = ImportJob.State.FAILED
        message = _(
            "The import stopped because of an internal error; nothing was written. "
            "Try again or contact the administrator."
        )
        result = xlsx.ImportResult()
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(
            state=state,
            written=result.written,
            errors=errors[:5000],
            message=message,
            finished_at=timezone.now(),
            processed=result.total * 2 or 1,
            total=result.total * 2 or 1,
        )
        _tell_the_owner(job.pk, state, result.written, len(errors))
    job.refresh_from_db()
    return job


def _tell_the_owner(pk: int, state: str, written: int, problems: int) -> None:
    job = ImportJob.objects.select_related("user").get(pk=pk)
    if state == ImportJob.State.DONE:
        title = _("Import finished: %(file)s, %(n)s rows written") % {"file": job.filename, "n": written}
    else:
        title = _("Import refused: %(file)s, nothing written") % {"file": job.filename}
        if problems:
            title += _(" (%(n)s problems listed)") % {"n": problems}
    notify.notify(
        kind="core.import_done",
        title=title,
        obj=job,
        url=reverse("core:import_job", args=[job.pk]),
        recipients=[job.user],
    )


def import_jobs_sweep(*, older_than: datetime.timedelta | None = None, pk: int | None = None) -> int:
    """Mark running jobs with no heartbeat for `older_than` as failed; returns how many.

    A worker that dies (killed, out of memory, machine restarted) leaves its job running and its page
    polling for ever. Its transaction was rolled back with it, so nothing of the job was written.
    """
    if older_than is None:
        older_than = datetime.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
    cutoff = timezone.now() - older_than
    stale = ImportJob.objects.filter(state=ImportJob.State.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    if pk is not None:
        stale = stale.filter(pk=pk)
    n = stale.update(
        state=ImportJob.State.FAILED,
        finished_at=timezone.now(),
        message=_("The import stopped without finishing (its worker was interrupted); nothing was written. Try again."),
    )
    if n:
        logger.warning("import jobs sweep: %s running job(s) without a heartbeat marked failed", n)
    return n


def sweep_if_stale(job: ImportJob) -> ImportJob:
    """The job as its page should show it: a running job without a heartbeat is failed first."""
    if job.state != ImportJob.State.RUNNING:
        return job
    cutoff = timezone.now() - datetime.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
    if (job.heartbeat_at or job.created_at) < cutoff and import_jobs_sweep(pk=job.pk):
        job.refresh_from_db()
    return job


@task()
def run_import_job(job_id: int) -> None:
    import_jobs_sweep()
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    run_job(job)
