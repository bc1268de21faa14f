"""The admin's "Import IATI file": an upload that a background job imports, with its permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kernel.publishing import Status
from operations.models import ImportJob
from projects.iati import activities_document
from projects.models import Project
from tests.factories import ProjectFactory, UserFactory
from tests.jobs.conftest import wait_for_job

ILO = "XM-DAC-41302"
IMPORT_IATI = reverse("admin:projects_project_import_iati")


def iati_file():
    """Two projects exported as IATI activities, then deleted: the file creates them again."""
    ProjectFactory(slug="decent-work", title="Decent work", iati_identifier=f"{ILO}-JPN-101")
    ProjectFactory(slug="social-protection", title="Social protection", iati_identifier=f"{ILO}-JPN-102")
    document = activities_document(Project.objects.all())
    Project.objects.all().delete()
    return SimpleUploadedFile("activities.xml", document, content_type="application/xml")


@pytest.mark.django_db(transaction=True)
def test_an_iati_upload_runs_as_a_job_that_imports_the_activities(client, publisher, start_worker):
    client.force_login(publisher)
    changelist = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert IMPORT_IATI in changelist

    answer = client.post(IMPORT_IATI, {"file": iati_file(), "publish": "on"})

    job = ImportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.user, job.file_name) == ("iati", "queued", publisher, "activities.xml")
    assert DBTaskResult.objects.filter(task_path="projects.tasks.import_iati_file").exists()
    assert not Project.objects.exists()

    start_worker()
    wait_for_job(job)

    assert job.state == "done", (job.summary, job.messages)
    assert (job.done, job.total, job.percent) == (2, 2, 100)
    assert job.summary == "Created 2, updated 0, skipped 0."
    assert set(Project.objects.values_list("slug", "publication_status")) == {
        ("decent-work", Status.PUBLISHED),
        ("social-protection", Status.PUBLISHED),
    }
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Created 2, updated 0, skipped 0." in page and "100% (2 of 2)" in page


@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_iati_fails_its_job_with_the_reason(client, editor, start_worker):
    client.force_login(editor)
    upload = SimpleUploadedFile(
        "activities.xml", b"<iati-activities version='2.03'><oops/></iati-activities>"
    )
    client.post(IMPORT_IATI, {"file": upload})
    start_worker()
    job = wait_for_job(ImportJob.objects.get())
    assert job.state == "failed"
    assert job.summary == "Not a valid IATI 2.03 activities file; nothing was imported."
    assert job.messages and job.messages[0].startswith("line 1:")


@pytest.mark.django_db
def test_an_editor_cannot_publish_through_the_iati_import(client, editor):
    client.force_login(editor)
    answer = client.post(IMPORT_IATI, {"file": iati_file(), "publish": "on"})
    assert answer.status_code == 200
    assert "You may not publish projects." in answer.content.decode()
    assert not ImportJob.objects.exists() and not DBTaskResult.objects.exists()
    # Without publishing, the editor's import is queued.
    answer = client.post(IMPORT_IATI, {"file": iati_file()})
    assert answer.status_code == 302
    assert ImportJob.objects.get().user == editor


@pytest.mark.django_db
def test_staff_without_the_add_permission_cannot_open_the_iati_import(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(IMPORT_IATI).status_code == 403


@pytest.mark.django_db
def test_the_iati_import_belongs_to_projects_and_follows_their_add_permission(client):
    """It makes projects: adding projects, not results, is what it asks for."""
    assert IMPORT_IATI == "/admin/projects/project/import-iati/"
    adds_results = UserFactory(is_staff=True)
    adds_results.user_permissions.add(
        Permission.objects.get(codename="add_result"), Permission.objects.get(codename="view_result")
    )
    client.force_login(adds_results)
    assert client.get(IMPORT_IATI).status_code == 403

    adds_projects = UserFactory(is_staff=True)
    adds_projects.user_permissions.add(
        Permission.objects.get(codename="add_project"), Permission.objects.get(codename="view_project")
    )
    client.force_login(adds_projects)
    assert client.get(IMPORT_IATI).status_code == 200


@pytest.mark.django_db
def test_an_iati_file_over_the_upload_limit_is_refused(client, editor, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(editor)
    answer = client.post(IMPORT_IATI, {"file": SimpleUploadedFile("big.xml", b"<x/>" * 100)})
    assert answer.status_code in (200, 413)
    assert "100" in answer.content.decode()
    assert not ImportJob.objects.exists()
