"""Spreadsheet export and import in the admin: the filtered changelist out, a previewed import in."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tablib import Dataset

from donors.models import Contribution
from donors.resources import ContributionResource
from events.resources import EventResource
from kernel.publishing import Status
from organisations.resources import OrganisationResource
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import ContributionFactory, DonorFactory, EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"  # first of SpreadsheetAdminMixin.formats
XLSX_FORMAT = "1"


def export_fields(resource):
    return {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}


def rows(content):
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_export_of_the_filtered_changelist_as_csv(client, superuser):
    ProjectFactory(title="Nepal project", slug="nepal", countries=["NP"], themes=["informal-economy"])
    ProjectFactory(title="Fiji project", slug="fiji", countries=["FJ"])
    client.force_login(superuser)
    url = reverse("admin:projects_project_export") + "?status__exact=2&q=Nepal"
    response = client.post(url, {"format": CSV_FORMAT, "resource": "0", **export_fields(ProjectResource)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    exported = rows(response.content)
    # Headed as people read the fields; cells hold the codes and slugs an import reads back.
    assert [row["Slug"] for row in exported] == ["nepal"]
    assert exported[0]["Countries"] == "NP"
    assert exported[0]["Themes"] == "informal-economy"
    assert exported[0]["Activity status"] == "2"
    assert exported[0]["Publication status"] == "published"


def test_export_as_xlsx(client, superuser):
    EventFactory(slug="seminar")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:events_event_export"),
        {"format": XLSX_FORMAT, "resource": "0", **export_fields(EventResource)},
    )
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert response.content[:2] == b"PK"  # a zip container, as XLSX files are


def test_formula_like_text_is_neutralised_on_export_and_restored_on_import():
    project = ProjectFactory(title='=HYPERLINK("https://evil.example")', slug="formula")
    dataset = ProjectResource().export()
    assert dataset.dict[0]["Title"] == '\'=HYPERLINK("https://evil.example")'
    Project.objects.filter(pk=project.pk).update(title="changed")
    result = ProjectResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    project.refresh_from_db()
    assert project.title == '=HYPERLINK("https://evil.example")'


def upload(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_shows_a_preview_and_writes_nothing_until_confirmed(client, superuser):
    japan = DonorFactory(slug="japan")
    ContributionFactory(donor=japan, slug="japan-assessed-2012-2017", amount_usd="1.00", kind="assessed")
    client.force_login(superuser)
    data = (
        "slug,donor,kind,year_from,year_to,amount_usd,amount_qualifier\n"
        "japan-assessed-2012-2017,japan,assessed,2012,2017,271000000,more-than\n"
        "japan-voluntary-earmarked-2012-2017,japan,voluntary-earmarked,2012,2017,31800000,\n"
    )
    response = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": CSV_FORMAT, "import_file": upload("c.csv", data)},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "New" in content and "Update" in content
    assert "Confirm import" in content
    # Nothing written yet.
    assert Contribution.objects.count() == 1
    assert Contribution.objects.get().amount_usd == 1
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:donors_contribution_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Contribution.objects.count() == 2
    assert Contribution.objects.get(slug="japan-assessed-2012-2017").amount_usd == 271_000_000


def test_import_with_a_bad_row_shows_the_error_per_row_and_changes_nothing(client, superuser):
    DonorFactory(slug="japan")
    client.force_login(superuser)
    data = (
        "slug,donor,kind,year_from,year_to,amount_usd,amount_qualifier\n"
        "good-row,japan,assessed,2012,2017,100,\n"
        "bad-row,japan,assessed,2017,2012,100,\n"
        "worse-row,japan,assessed,2012,2017,-5,\n"
    )
    response = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": CSV_FORMAT, "import_file": upload("c.csv", data)},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The last year cannot be before the first year." in content
    assert "Confirm import" not in content
    assert not Contribution.objects.exists()


def test_a_bad_row_rolls_back_the_whole_import():
    DonorFactory(slug="japan")
    dataset = Dataset(headers=["slug", "donor", "kind", "year_from", "year_to", "amount_usd"])
    dataset.append(["good-row", "japan", "assessed", "2012", "2017", "100"])
    dataset.append(["bad-row", "no-such-donor", "assessed", "2012", "2017", "100"])
    result = ContributionResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Contribution.objects.exists()


def test_imported_rows_arrive_as_drafts_whatever_the_file_says():
    dataset = Dataset(headers=["slug", "name", "type", "category", "publication_status"])
    dataset.append(["new-org", "New organisation", "22", "ngo", "published"])
    result = OrganisationResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    from organisations.models import Organisation

    assert Organisation.objects.get(slug="new-org").publication_status == Status.DRAFT


def test_editor_can_import_and_export_but_the_import_cannot_publish(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:projects_project_import")).status_code == 200
    assert client.get(reverse("admin:projects_project_export")).status_code == 200
