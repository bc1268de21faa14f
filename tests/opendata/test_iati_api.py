"""IATI through the API: the filtered project list as activities, a donor as an organisation file."""

import pytest
from lxml import etree

from kernel.publishing import Status
from tests.factories import ContributionFactory, DonorFactory, ProjectFactory
from tests.iati.rules import schema_errors

pytestmark = pytest.mark.django_db


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_project_list_as_iati_is_valid_and_honours_filters(client):
    ProjectFactory(title="Skills for Nepal", countries=["NP"])
    ProjectFactory(title="Jobs in Viet Nam", countries=["VN"])
    ProjectFactory(title="Draft in Nepal", countries=["NP"], publication_status=Status.DRAFT)
    response = client.get("/api/v1/projects/?format=iati&country=NP")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    document = content(response)
    assert schema_errors(document, "activities") == []
    root = etree.fromstring(document)
    titles = root.xpath("iati-activity/title/narrative/text()")
    assert titles == ["Skills for Nepal"]
    assert root.xpath("iati-activity/recipient-country/@code") == ["NP"]


def test_empty_selection_is_a_json_404(client):
    ProjectFactory(countries=["VN"])
    response = client.get("/api/v1/projects/?format=iati&country=NP")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "at least one" in response.json()["detail"]


def test_invalid_filter_is_a_json_400(client):
    response = client.get("/api/v1/projects/?format=iati&year=abc")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_donor_as_iati_organisation_file(client):
    donor = DonorFactory(name="Japan")
    ContributionFactory(donor=donor)
    response = client.get(f"/api/v1/donors/{donor.slug}/?format=iati")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert schema_errors(response.content, "organisations") == []


@pytest.mark.parametrize(
    "url",
    ["/api/v1/donors/?format=iati", "/api/v1/events/?format=iati", "/api/v1/projects/{slug}/?format=iati"],
)
def test_iati_is_refused_where_there_is_no_iati_file(client, url):
    project = ProjectFactory()
    response = client.get(url.format(slug=project.slug))
    assert response.status_code == 400
    assert "format" in response.json()


def test_pages_link_the_iati_files(client):
    donor = DonorFactory()
    ProjectFactory(countries=["NP"])
    assert (
        'href="/api/v1/projects/?country=NP&amp;format=iati"'
        in client.get("/projects/?country=NP").content.decode()
    )
    assert (
        f'href="/api/v1/donors/{donor.slug}/?format=iati"'
        in client.get(donor.get_absolute_url()).content.decode()
    )
