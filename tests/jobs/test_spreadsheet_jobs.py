"""A long spreadsheet import becomes a background job that a real worker process completes, its
progress and report followed in the admin; a bad row in a long file changes nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from donors.models import Contribution, Donor
from operations.models import ImportJob
from tests.factories import DonorFactory, UserFactory
from tests.jobs.conftest import wait_for_job

CSV_FORMAT = "0"
HEADERS = "slug,donor,kind,year_from,year_to,amount_usd,amount_qualifier\n"


def contributions_csv(rows, donor_of=lambda number: "japan"):
    lines = [f"c-{n},{donor_of(n)},assessed,2012,2017,{n},\n" for n in range(1, rows + 1)]
    content = (HEADERS + "".join(lines)).encode()
    return SimpleUploadedFile("contributions.csv", content, content_type="text/csv")


def preview_and_confirm(client, upload):
    """The admin's two steps: the preview (a dry run in the request), then the confirmation."""
    preview = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": CSV_FORMAT, "import_file": upload},
    )
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, preview.content.decode()[:2000]
    return client.post(
        reverse("admin:donors_contribution_process_import"), preview.context["confirm_form"].initial
    )


@pytest.mark.django_db(transaction=True)
def test_a_long_file_becomes_a_job_that_a_worker_completes_with_its_progress_in_the_admin(
    client, settings, start_worker, upload_dir
):
    settings.IMPORT_BACKGROUND_ROWS = 250
    superuser = UserFactory(is_staff=True, is_superuser=True)
    DonorFactory(slug="japan")
    client.force_login(superuser)

    answer = preview_and_confirm(client, contributions_csv(400))

    job = ImportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.total, job.user) == ("spreadsheet", "queued", 400, superuser)
    assert DBTaskResult.objects.filter(task_path="operations.imports.import_spreadsheet").count() == 1
    assert not Contribution.objects.exists()  # nothing imported in the request

    seen = []

    def watch(job):
        if job.state == "running" and 0 < job.done < job.total and not seen:
            page = client.get(job.get_absolute_url()).content.decode()
            seen.append((job.done, page))

    start_worker()
    wait_for_job(job, watch=watch)

    assert seen, "the job's progress was never seen between its start and its end"
    done, page = seen[0]
    assert re.search(rf"\d+% \({done:,} of 400\)|\d+% \(\d+ of 400\)", page)
    assert "Checked" in page and 'http-equiv="refresh"' in page
    assert job.state == "done", job.summary
    assert job.summary == "Imported 400 rows: 400 new, 0 updated, 0 unchanged."
    assert Contribution.objects.count() == 400
    assert Contribution.objects.get(slug="c-7").amount_usd == 7
    assert not [path for path in upload_dir.rglob("*") if path.is_file()]  # the upload was removed

    page = client.get(job.get_absolute_url()).content.decode()
    assert "Imported 400 rows" in page and 'http-equiv="refresh"' not in page
    listing = client.get(reverse("admin:operations_importjob_changelist")).content.decode()
    assert "100% (400 of 400)" in listing and "done" in listing


@pytest.mark.django_db(transaction=True)
def test_a_bad_row_in_a_long_file_changes_nothing_and_the_job_names_the_row(client, settings, start_worker):
    settings.IMPORT_BACKGROUND_ROWS = 250
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    DonorFactory(slug="japan")
    DonorFactory(slug="korea")
    upload = contributions_csv(300, donor_of=lambda n: "korea" if n == 287 else "japan")
    answer = preview_and_confirm(client, upload)
    assert answer.status_code == 302
    # Between the preview and the job, the donor of row 287 is deleted.
    Donor.objects.filter(slug="korea").delete()

    start_worker()
    job = wait_for_job(ImportJob.objects.get())

    assert job.state == "failed"
    assert job.summary.startswith("Nothing was imported")
    assert job.messages == [
        "row 288, column Donor: There is no donor “korea”; "
        "write the slug, name or short name of one that exists."
    ], job.messages
    assert not Contribution.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "row 288, column Donor: " in page
