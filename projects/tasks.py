"""The background job of an IATI import started in the admin (ProjectAdmin's "Import IATI file")."""

from django.core.exceptions import PermissionDenied
from django_tasks import task

from kernel.iati import VERSION, IatiFileError, parse
from kernel.uploads import ImportUploadStorage
from operations.jobs import JobProgress, run_job
from projects.iati import ImportRefused, import_activities


@task()
def import_iati_file(*, job_id, upload, strict, publish):
    """Import the uploaded file as the user who uploaded it, with its progress and report on the job."""

    def work(job):
        storage = ImportUploadStorage(name=upload, held=True, read_mode="rb")
        try:
            data = storage.read()
        finally:
            storage.remove()
        try:
            tree = parse(data, "activities")
        except IatiFileError as error:
            job.fail(
                summary=f"Not a valid IATI {VERSION} activities file; nothing was imported.",
                messages=str(error).splitlines(),
            )
            return
        total = len(tree.getroot().findall("iati-activity"))
        job.start(total=total, summary=f"Checking {total:,} activities.")
        checking = JobProgress(job, noun="activities")
        try:
            report = import_activities(tree, strict=strict, publish=publish, checking=checking, user=job.user)
        except ImportRefused as refused:
            job.fail(
                summary="Refused under “strict”: some activities cannot be imported; nothing was imported.",
                messages=[f"{identifier}: {reason}" for identifier, reason in refused.skipped],
            )
            return
        except PermissionDenied as denied:
            job.fail(summary=f"{denied} Nothing was imported.")
            return
        job.finish(
            summary=report.summary(),
            messages=[f"Skipped {identifier}: {reason}" for identifier, reason in report.skipped]
            + [f"Note: {warning}" for warning in report.warnings],
        )

    return run_job(job_id, work)
