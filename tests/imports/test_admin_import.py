"""The admin's import: every problem of a file at once, a template to start from, and donors and
people in and out as spreadsheets."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from donors.models import Donor
from donors.resources import DonorResource
from organisations.models import Person
from organisations.resources import PersonResource
from projects.models import Project
from tests.factories import DonorFactory, OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
XLSX_FORMAT = "1"


def upload(text, name="file.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def preview(client, model, text):
    return client.post(
        reverse(f"admin:{model}_import"), {"resource": "0", "format": CSV_FORMAT, "import_file": upload(text)}
    )


def test_every_problem_of_the_file_is_listed_at_once_and_nothing_changes(client, superuser):
    ProjectFactory(slug="kept", title="Kept as it was", budget_usd=5)
    client.force_login(superuser)
    text = (
        "Slug,Title,Activity status,Budget (USD),SDGs,Countries,Start date,End date\n"
        'kept,Changed title,Implementation,"1,000,000",SDG 8,Japan,2012-01-01,2017-12-31\n'
        'second,Second,Ongoingg,"1,000,000",SDG 8,JP,2012-01-01,2017-12-31\n'
        "third,Third,2,lots,SDG 99,Japn,2012-01-01,2017-12-31\n"
        'fourth,,Closed,"USD 1,000,000",8,Japan,2017-01-01,2012-12-31\n'
        "fifth,Fifth,Closed,,,,,\n"
    )
    response = preview(client, "projects_project", text)
    assert response.status_code == 200
    content = response.content.decode()
    problems = response.context["import_problems"]
    assert problems[0].startswith(
        "row 3, column Activity status: “Ongoingg” is not an accepted activity status"
    )
    assert any(p.startswith("row 4, column Budget (USD): “lots” is not an amount") for p in problems)
    assert any(p.startswith("row 4, column SDGs: There is no SDG “SDG 99”") for p in problems)
    assert any(
        p.startswith("row 4, column Countries: There is no country “Japn” (did you mean Japan?)")
        for p in problems
    )
    assert any(p.startswith("row 5, column Title: ") for p in problems)
    assert any(p.startswith("row 5: ") and "end" in p.lower() for p in problems), problems
    assert [p.split(",")[0].split(":")[0] for p in problems] == sorted(
        (p.split(",")[0].split(":")[0] for p in problems), key=lambda where: int(where.split()[1])
    )
    print("\n".join(problems))
    for problem in problems:
        assert escape(problem) in content
        assert (
            "<class" not in problem
            and "ConversionSyntax" not in problem
            and "expected a number" not in problem
        )
    assert "the file has" in content and "Confirm import" not in content
    assert "ConversionSyntax" not in content and "Traceback" not in content
    assert list(Project.objects.values_list("slug", "title")) == [("kept", "Kept as it was")]


def test_a_file_with_unknown_columns_is_refused_with_a_suggestion(client, superuser):
    client.force_login(superuser)
    response = preview(client, "projects_project", "Slug,Title,Budgte\nnew,New,1000\n")
    problems = response.context["import_problems"]
    assert problems == [
        "Column “Budgte” is not a column of projects (did you mean “Budget (USD)”?); "
        "rename or remove it (the template lists the columns)."
    ]
    assert not Project.objects.exists()


def test_a_clean_file_with_labels_previews_and_imports(client, superuser):
    DonorFactory(slug="japan", name="Government of Japan", short_name="Japan")
    client.force_login(superuser)
    text = (
        "Slug,Title,Activity status,Budget (USD),SDGs,Countries,Donors\n"
        'nepal-sse,SSE in Nepal,Implementation,"USD 1,000,000",SDG 8,Nepal,Japan\n'
    )
    response = preview(client, "projects_project", text)
    assert response.context["import_problems"] == []
    assert "Confirm import" in response.content.decode()
    answer = client.post(
        reverse("admin:projects_project_process_import"), response.context["confirm_form"].initial
    )
    assert answer.status_code == 302
    project = Project.objects.get()
    assert (project.status, project.budget_usd) == ("2", 1_000_000)
    assert list(project.donors.values_list("slug", flat=True)) == ["japan"]


def test_a_confirmed_import_that_fails_says_nothing_was_imported(client, superuser):
    donor = DonorFactory(slug="japan")
    client.force_login(superuser)
    text = 'Slug,Donor,Kind,From (year),To (year),Amount (USD)\nc-1,japan,Assessed,2012,2017,"1,000"\n'
    response = preview(client, "donors_contribution", text)
    confirm = response.context["confirm_form"].initial
    donor.delete()  # between the preview and the confirmation
    answer = client.post(reverse("admin:donors_contribution_process_import"), confirm)
    assert answer.status_code == 200
    content = answer.content.decode()
    assert "Nothing was imported" in content
    assert answer.context["import_problems"] == [
        "row 2, column Donor: There is no donor “japan”; "
        "write the slug, name or short name of one that exists."
    ]


@pytest.mark.parametrize("model", ["projects_project", "events_event", "donors_donor", "donors_contribution",
                                   "organisations_organisation", "organisations_person"])  # fmt: skip
def test_the_import_page_links_a_template_with_the_accepted_values(client, editor, model):
    client.force_login(editor)
    page = client.get(reverse(f"admin:{model}_import"))
    assert page.status_code == 200
    xlsx_url = reverse(f"admin:{model}_import_template", args=["xlsx"])
    csv_url = reverse(f"admin:{model}_import_template", args=["csv"])
    content = page.content.decode()
    assert xlsx_url in content and csv_url in content
    assert "What each column takes" in content

    response = client.get(csv_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    headings = next(csv.reader(io.StringIO(response.content.decode())))
    assert "Slug" in headings and "Publication status" not in headings

    response = client.get(xlsx_url)
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1:] == ["Columns", "Accepted values"]
    assert [cell.value for cell in book.worksheets[0][1]] == headings
    assert book.active.title == book.sheetnames[0]


def test_the_project_template_lists_statuses_sdgs_and_countries(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:projects_project_import_template", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    accepted = {
        (row[0], str(row[1]), str(row[2]))
        for row in book["Accepted values"].iter_rows(min_row=2, values_only=True)
    }
    assert ("Activity status", "Implementation", "2") in accepted
    assert ("Countries", "Japan", "JP") in accepted
    assert any(column == "SDGs" and code == "8" for column, _label, code in accepted)
    notes = {row[0]: row[2] for row in book["Columns"].iter_rows(min_row=2, values_only=True)}
    assert "USD 1,000,000" in notes["Budget (USD)"]
    assert "separated by “;”" in notes["Countries"]


def test_the_template_is_for_staff_who_may_import(client, django_user_model):
    response = client.get(reverse("admin:donors_donor_import_template", args=["csv"]))
    assert response.status_code == 302  # to the admin's login
    assert client.get(reverse("admin:donors_donor_import_template", args=["pdf"])).status_code == 302


def test_a_template_filled_in_imports(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:organisations_person_import_template", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    OrganisationFactory(slug="mhlw", name="Ministry of Health, Labour and Welfare", acronym="MHLW")
    row = {"Name": "Keiko Tanaka", "Honorific": "Ms.", "Position": "Director", "Organisation": "MHLW"}
    sheet.append([row.get(heading, "") for heading in headings])
    out = io.BytesIO()
    book.save(out)
    file = SimpleUploadedFile("people.xlsx", out.getvalue())
    response = client.post(
        reverse("admin:organisations_person_import"),
        {"resource": "0", "format": XLSX_FORMAT, "import_file": file},
    )
    assert response.context["import_problems"] == []
    client.post(
        reverse("admin:organisations_person_process_import"), response.context["confirm_form"].initial
    )
    person = Person.objects.get()
    assert (person.slug, person.name, person.organisation.slug, person.publication_status) == (
        "keiko-tanaka",
        "Keiko Tanaka",
        "mhlw",
        "draft",
    )


def export(client, model, resource):
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    response = client.post(
        reverse(f"admin:{model}_export"), {"format": CSV_FORMAT, "resource": "0", **fields}
    )
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


def test_donors_round_trip_through_the_admin(client, superuser):
    DonorFactory(
        slug="japan",
        name="Japan",
        kind="member-state",
        ilo_member_since=1919,
        founding_member=True,
        governing_body_seat="permanent",
        conventions_fundamental=7,
    )
    client.force_login(superuser)
    text = export(client, "donors_donor", DonorResource)
    exported = list(csv.DictReader(io.StringIO(text)))
    assert exported[0]["Slug"] == "japan" and exported[0]["Kind"] == "member-state"
    before = Donor.objects.values().get()
    Donor.objects.filter(slug="japan").update(name="Changed", ilo_member_since=1951, founding_member=False)

    response = preview(client, "donors_donor", text)
    assert response.context["import_problems"] == []
    client.post(reverse("admin:donors_donor_process_import"), response.context["confirm_form"].initial)
    after = Donor.objects.values().get()
    for key in (
        "name",
        "kind",
        "ilo_member_since",
        "founding_member",
        "governing_body_seat",
        "conventions_fundamental",
    ):
        assert after[key] == before[key], key


def test_people_round_trip_through_the_admin(client, superuser):
    organisation = OrganisationFactory(
        slug="jica", name="Japan International Cooperation Agency", acronym="JICA"
    )
    PersonFactory(
        slug="keiko", name="Keiko Tanaka", honorific="Ms.", position="Director", organisation=organisation
    )
    client.force_login(superuser)
    text = export(client, "organisations_person", PersonResource)
    exported = list(csv.DictReader(io.StringIO(text)))
    assert (exported[0]["Name"], exported[0]["Organisation"]) == ("Keiko Tanaka", "jica")
    Person.objects.update(name="Changed", position="", organisation=None)

    response = preview(client, "organisations_person", text)
    assert response.context["import_problems"] == []
    client.post(
        reverse("admin:organisations_person_process_import"), response.context["confirm_form"].initial
    )
    person = Person.objects.get()
    assert (person.name, person.position, person.organisation) == ("Keiko Tanaka", "Director", organisation)
    assert person.publication_status == "published"  # an import never changes publishing state


def test_an_editor_imports_people_as_themselves(client, editor):
    client.force_login(editor)
    response = preview(client, "organisations_person", "Name,Position\nAmina Diallo,Minister\n")
    client.post(
        reverse("admin:organisations_person_process_import"), response.context["confirm_form"].initial
    )
    person = Person.objects.get()
    assert person.slug == "amina-diallo" and person.publication_status == "draft"
    assert person.history.latest().history_user == editor
