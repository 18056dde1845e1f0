"""Background tasks of the core: long imports."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jinguo.core import xlsx
from jinguo.core.models import ImportJob
from jinguo.core.workflow import transition


def run_job(job: ImportJob) -> ImportJob:
    """Run one import job to the end; nothing is written unless every row is valid.

    Claiming the job is a conditional UPDATE, so two workers never run the same job.
    """
    if not transition(ImportJob, job.pk, source=ImportJob.State.QUEUED, target=ImportJob.State.RUNNING):
        job.refresh_from_db()
        return job
    importer = xlsx.REGISTRY[job.kind](job.user)

    def progress(done: int, total: int) -> None:
        # Progress goes through its own short write so the page can show it while the import runs.
        ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total)

    try:
        with job.file.open("rb") as fh:
            result = xlsx.run_import(importer, fh, progress=progress)
        errors = [{"row": e.row, "column": e.column, "reason": e.reason} for e in result.errors]
        state = ImportJob.State.DONE if result.ok else ImportJob.State.FAILED
        message = ""
    except (ValidationError, PermissionDenied) as e:
        errors, state = [], ImportJob.State.FAILED
        message = "；".join(getattr(e, "messages", [str(e)]))[:300]
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
    job.refresh_from_db()
    return job


@task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    run_job(job)
