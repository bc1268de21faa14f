"""Spreadsheet import in the admin (django-import-export), in the request or as a background job.

A confirmed file of at most IMPORT_BACKGROUND_ROWS rows is imported in the confirmation's request,
as django-import-export does it. A longer one becomes an ImportJob: the confirmation queues
`import_spreadsheet` and sends the user to the job's page, and a worker imports the file, reading
it from the upload storage as the user who uploaded it (kernel/uploads.py) and removing it when done.

The job keeps the rule of every import, that a file with a bad row changes nothing, and still shows
its progress: it first checks the rows in chunks, each chunk in a transaction of its own that is
rolled back, committing the count checked after each one; then it writes the whole file in one
transaction, which any error rolls back. The check can only be too strict across chunks (a row that
refers to one created earlier in the file); the write, like the request's import, is the judge.
"""

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.module_loading import import_string
from django_tasks import task
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from import_export.signals import post_import
from tablib import Dataset

from kernel.resources import SafeResource
from kernel.uploads import ImportUploadStorage
from operations.jobs import as_uploader, run_job
from operations.models import ImportJob

# Rows checked per transaction: each chunk's count is committed, so the job page moves.
CHUNK_ROWS = 100
MESSAGES_KEPT = 1000


class SpreadsheetAdminMixin(ImportExportMixin):
    """Export the filtered changelist, import with a preview of every row: CSV and XLSX.

    The file waits between the preview and the confirmation in storage tied to the uploader
    (kernel/uploads.py), so a confirmation can import only the file its own preview stored.
    """

    formats = [CSV, XLSX]
    tmp_storage_class = ImportUploadStorage
    import_template_name = "admin/operations/import.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        template = path(
            "import/template.<str:extension>",
            self.admin_site.admin_view(self.import_template_file),
            name="{}_{}_import_template".format(*info),
        )
        return [template, *super().get_urls()]

    def import_resource(self, request):
        return self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))

    def import_template_file(self, request, extension):
        """The file to fill in: the columns' headings (CSV), or in XLSX also a sheet explaining each
        column and one listing the accepted values of every coded column."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.import_resource(request)
        name = f"{self.opts.model_name}-import-template.{extension}"
        if extension == "csv":
            response = HttpResponse(resource.template_csv(), content_type="text/csv; charset=utf-8")
        elif extension == "xlsx":
            response = HttpResponse(resource.template_xlsx(), content_type=XLSX().get_content_type())
        else:
            return HttpResponse(
                "A template is offered as .csv or .xlsx.", status=404, content_type="text/plain"
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_action(self, request, **kwargs):
        request.import_preview = True
        with as_uploader(request.user.pk):
            response = super().import_action(request, **kwargs)
        return self.with_problems(request, response)

    def with_problems(self, request, response, result=None):
        """The import page's context gains every problem of the file, in sentences, and the
        columns with what each takes."""
        if isinstance(response, TemplateResponse):
            resource = self.import_resource(request)
            context = response.context_data
            if result is None:
                result = context.get("result")
            context["import_problems"] = resource.problems(result) if result is not None else []
            context["import_columns"] = resource.columns()
        return response

    def process_result(self, result, request):
        """A confirmed import that found problems (the data changed since its preview) wrote nothing
        (kernel/resources.py): the import page says so and names them, rather than "imported"."""
        resource = self.import_resource(request)
        found = resource.problems(result)
        if not found:
            return super().process_result(result, request)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import",
            "opts": self.opts,
            "form": self.get_import_form_class(request)(
                self.get_import_formats(),
                self.get_import_resource_classes(request),
                initial=self.get_import_form_initial(request),
            ),
            "result": result,
            "import_nothing_written": True,
        }
        response = TemplateResponse(request, [self.import_template_name], context)
        return self.with_problems(request, response, result)

    def get_import_data_kwargs(self, **kwargs):
        """The preview of a file longer than IMPORT_BACKGROUND_ROWS checks its first rows only (and
        says so): the whole file is checked by the job its confirmation queues, outside the request."""
        request = kwargs.get("request")
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        if getattr(request, "import_preview", False):
            data_kwargs["preview_rows"] = settings.IMPORT_BACKGROUND_ROWS
            data_kwargs["preview_request"] = request
        return data_kwargs

    def process_import(self, request, **kwargs):
        with as_uploader(request.user.pk):
            job = self.queue_import_job(request)
            if job is not None:
                return HttpResponseRedirect(job.get_absolute_url())
            return super().process_import(request, **kwargs)

    def queue_import_job(self, request):
        """Queue the confirmed file as a job when it is longer than IMPORT_BACKGROUND_ROWS, else None
        (and django-import-export imports it in this request)."""
        if request.method != "POST" or not self.has_import_permission(request):
            return None
        form = self.create_confirm_form(request)
        if not form.is_valid():
            return None
        format_class = self.get_import_formats()[int(form.cleaned_data["format"])]
        input_format = format_class(encoding=self.from_encoding)
        encoding = None if input_format.is_binary() else self.from_encoding
        storage = ImportUploadStorage(
            name=form.cleaned_data["import_file_name"],
            encoding=encoding,
            read_mode=input_format.get_read_mode(),
        )
        rows = len(input_format.create_dataset(storage.read()))
        if rows <= settings.IMPORT_BACKGROUND_ROWS:
            return None
        resource_class = self.choose_import_resource_class(form, request)
        job = ImportJob.objects.create(
            upload=storage.hold(),  # it may wait in the queue: out of the sweep, a claim that stays valid
            kind=ImportJob.Kind.SPREADSHEET,
            user=request.user,
            records=str(self.opts.verbose_name_plural),
            file_name=form.cleaned_data["original_file_name"] or "",
            total=rows,
        )
        import_spreadsheet.enqueue(
            job_id=job.pk,
            resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            input_format=f"{type(input_format).__module__}.{type(input_format).__qualname__}",
            encoding=encoding,
            upload=job.upload,
        )
        return job


@task()
def import_spreadsheet(*, job_id, resource, input_format, encoding, upload):
    """The background job of a long spreadsheet import (see the module)."""

    def work(job):
        resource_class = import_string(resource)
        format_class = import_string(input_format)
        if not issubclass(resource_class, SafeResource) or format_class not in (CSV, XLSX):
            raise ValueError(f"not an import this site offers: {resource}, {input_format}")
        file_format = format_class(encoding=encoding)
        storage = ImportUploadStorage(
            name=upload, held=True, encoding=encoding, read_mode=file_format.get_read_mode()
        )
        # Read, then removed before the import: the job's end is committed only once the upload is gone.
        try:
            dataset = file_format.create_dataset(storage.read())
        finally:
            storage.remove()
        import_rows(job, resource_class, dataset)

    return run_job(job_id, work)


def import_rows(job, resource_class, dataset):
    """Check the rows chunk by chunk (progress committed), then write them all in one transaction."""
    total = len(dataset)
    job.start(total=total, summary=f"Checking {total:,} rows.")
    found = 0
    for start in range(0, total, CHUNK_ROWS):
        chunk = Dataset(*dataset[start : start + CHUNK_ROWS], headers=dataset.headers)
        checked = resource_class().import_data(
            chunk, dry_run=True, raise_errors=False, user=job.user, file_name=job.file_name
        )
        found += len(resource_class().problems(checked, offset=start))
        done = min(start + CHUNK_ROWS, total)
        job.advance(len(chunk), summary=f"Checked {done:,} of {total:,} rows; {found:,} problems so far.")
    job.note(f"Checked {total:,} rows; writing them in one transaction.")
    result = resource_class().import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=True,
        user=job.user,
        file_name=job.file_name,
    )
    messages = resource_class().problems(result)
    if messages:
        job.fail(
            summary=f"Nothing was imported: the file has {len(messages):,} problems.",
            messages=messages[:MESSAGES_KEPT],
        )
        return
    log_rows(result, job.user)
    post_import.send(sender=None, model=resource_class._meta.model)
    totals = result.totals
    job.finish(
        summary=(
            f"Imported {total:,} rows: {totals[RowResult.IMPORT_TYPE_NEW]:,} new, "
            f"{totals[RowResult.IMPORT_TYPE_UPDATE]:,} updated, "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]:,} unchanged."
        )
    )


def log_rows(result, user):
    """The admin's action log, as an import in the request writes it."""
    if user is None:
        return
    flags = {
        RowResult.IMPORT_TYPE_NEW: ADDITION,
        RowResult.IMPORT_TYPE_UPDATE: CHANGE,
        RowResult.IMPORT_TYPE_DELETE: DELETION,
    }
    by_type = {}
    for row in result:
        if row.import_type in flags and row.instance is not None:
            by_type.setdefault(row.import_type, []).append(row.instance)
    for import_type, instances in by_type.items():
        LogEntry.objects.log_actions(
            user.pk,
            instances,
            flags[import_type],
            change_message=f"{import_type} through import_export",
            single_object=False,
        )
