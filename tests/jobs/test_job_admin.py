"""Jobs in the admin: each staff member sees their own, superusers every one; nobody edits them;
a spreadsheet at the threshold still imports in the request, one row more becomes a job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from donors.models import Contribution
from operations.models import ImportJob
from tests.factories import DonorFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:operations_importjob_changelist")


def job_of(user, file_name):
    return ImportJob.objects.create(
        kind=ImportJob.Kind.SPREADSHEET, user=user, records="projects", file_name=file_name, total=10, done=4
    )


def test_staff_see_their_own_jobs_and_superusers_see_all(client, editor, publisher):
    mine = job_of(editor, "mine.csv")
    theirs = job_of(publisher, "theirs.csv")

    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    assert "mine.csv" in listing and "theirs.csv" not in listing
    assert "40% (4 of 10)" in listing
    assert client.get(mine.get_absolute_url()).status_code == 200
    other = client.get(theirs.get_absolute_url())
    assert other.status_code == 302 and other["Location"] == reverse("admin:index")

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(CHANGELIST).content.decode()
    assert "mine.csv" in listing and "theirs.csv" in listing
    assert client.get(theirs.get_absolute_url()).status_code == 200


def test_jobs_are_read_only(client, editor):
    job = job_of(editor, "mine.csv")
    client.force_login(editor)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'name="_save"' not in page
    answer = client.post(job.get_absolute_url(), {"state": "done"})
    assert answer.status_code == 403
    job.refresh_from_db()
    assert job.state == "queued"
    assert (
        client.post(reverse("admin:operations_importjob_delete", args=[job.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_anonymous_visitors_see_no_jobs(client):
    job_of(None, "mine.csv")
    assert client.get(CHANGELIST).status_code == 302  # to the sign-in page


@pytest.mark.parametrize(("rows", "queued"), [(3, False), (4, True)])
def test_a_file_over_the_threshold_is_queued_and_one_at_it_imports_at_once(
    client, superuser, settings, rows, queued
):
    settings.IMPORT_BACKGROUND_ROWS = 3
    DonorFactory(slug="japan")
    client.force_login(superuser)
    data = "slug,donor,kind,year_from,year_to,amount_usd\n" + "".join(
        f"c-{n},japan,assessed,2012,2017,{n}\n" for n in range(rows)
    )
    preview = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("c.csv", data.encode())},
    )
    answer = client.post(
        reverse("admin:donors_contribution_process_import"), preview.context["confirm_form"].initial
    )
    assert answer.status_code == 302
    assert ImportJob.objects.exists() is queued
    assert Contribution.objects.count() == (0 if queued else rows)
    if queued:
        assert answer["Location"] == ImportJob.objects.get().get_absolute_url()


def test_the_preview_of_a_long_file_checks_its_first_rows_only_and_says_so(client, superuser, settings):
    """A long file is checked whole by its job, outside the request; its preview reads the first
    IMPORT_BACKGROUND_ROWS rows, so that no request works through all of it."""
    settings.IMPORT_BACKGROUND_ROWS = 3
    DonorFactory(slug="japan")
    client.force_login(superuser)
    data = "slug,donor,kind,year_from,year_to,amount_usd\n" + "".join(
        f"c-{n},japan,assessed,2012,2017,{n}\n" for n in range(12)
    )
    preview = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("c.csv", data.encode())},
    )
    assert len(preview.context["result"].rows) == 3
    assert "The file has 12 rows: the preview shows the first 3" in preview.content.decode()
    answer = client.post(
        reverse("admin:donors_contribution_process_import"), preview.context["confirm_form"].initial
    )
    job = ImportJob.objects.get()
    assert answer["Location"] == job.get_absolute_url()
    assert job.total == 12
    assert Contribution.objects.count() == 0
