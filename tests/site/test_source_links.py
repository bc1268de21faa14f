"""Every page that cites a source links to it in one click: the source's page (what it is and who
cites it), and beside it the PDF or the online copy. The API gives the same links."""

import datetime

import pytest
from django.core.files.base import ContentFile

from kernel.dates import Precision
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def brochure(settings, tmp_path):
    settings.SOURCE_FILES_DIR = tmp_path
    source = SourceFactory(
        slug="brochure",
        title="Japan ILO Cooperation",
        publisher="ILO PARDEV",
        published_on=datetime.date(2017, 5, 1),
        date_precision=Precision.MONTH,
    )
    source.file.save("whatever.pdf", ContentFile(PDF))
    return source


@pytest.fixture
def news():
    return SourceFactory(slug="news", title="Seminar news", url="https://example.org/news")


def links_to(page, source):
    return f'href="{source.get_absolute_url()}"' in page


@pytest.mark.parametrize(
    "make",
    [
        lambda source: DonorFactory(source=source),
        lambda source: ProjectFactory(source=source),
        lambda source: EventFactory(source=source),
        lambda source: OrganisationFactory(source=source),
    ],
    ids=["donor", "project", "event", "organisation"],
)
def test_a_record_page_links_to_its_source_and_its_pdf(client, brochure, make):
    record = make(brochure)
    page = client.get(record.get_absolute_url()).content.decode()
    assert links_to(page, brochure)
    assert 'href="/sources/brochure/file/"' in page
    assert "May 2017" in page


def test_an_online_source_is_linked_beside_its_page(client, news):
    project = ProjectFactory(source=news)
    page = client.get(project.get_absolute_url()).content.decode()
    assert links_to(page, news) and 'href="https://example.org/news"' in page


def test_each_contribution_links_to_its_own_source(client, brochure, news):
    donor = DonorFactory(source=brochure)
    ContributionFactory(donor=donor, source=news, year_from=2022, year_to=2023)
    page = client.get(donor.get_absolute_url()).content.decode()
    # The contributions table (the chart's table twin, before it, gives the totals).
    start = page.index('<caption id="contributions-table-caption">')
    table = page[start : page.index("</table>", start)]
    assert links_to(table, news)


def test_the_fact_sheet_links_to_the_source_and_prints_its_address(client, brochure):
    donor = DonorFactory(source=brochure)
    page = client.get(f"{donor.get_absolute_url()}fact-sheet/").content.decode()
    assert links_to(page, brochure)
    assert "http://testserver/sources/brochure/" in page


def test_the_donor_page_keeps_its_query_count_with_sourced_contributions(
    client, brochure, news, django_assert_max_num_queries
):
    donor = DonorFactory(source=brochure)
    ContributionFactory(donor=donor, source=news, year_from=2020, year_to=2020)
    client.get(donor.get_absolute_url())
    with django_assert_max_num_queries(30) as one:
        client.get(donor.get_absolute_url())
    warm = len(one.captured_queries)  # read now: the next request empties the connection's log
    for year in range(2000, 2010):
        ContributionFactory(donor=donor, source=SourceFactory(), year_from=year, year_to=year)
    # The first request after a change recomputes what is kept until content changes (the map's
    # counts); the page is compared with itself once warm again, as it was the first time.
    client.get(donor.get_absolute_url())
    with django_assert_max_num_queries(warm):
        client.get(donor.get_absolute_url())


def test_the_api_gives_the_source_with_its_page_address_and_file(client, brochure, news):
    project = ProjectFactory(source=brochure)
    data = client.get(f"/api/v1/projects/{project.slug}/").json()
    assert data["source"] == "brochure"
    document = data["source_document"]
    assert document["page"] == "http://testserver/sources/brochure/"
    assert document["file"] == "http://testserver/sources/brochure/file/"
    assert document["url"] is None
    assert (document["title"], document["date"], document["date_precision"]) == (
        "Japan ILO Cooperation",
        "2017-05-01",
        "month",
    )
    assert (document["language"], document["language_name"]) == ("en", "English")


def test_the_api_gives_a_contributions_source_and_null_without_one(client, news):
    donor = DonorFactory()
    cited = ContributionFactory(donor=donor, source=news)
    bare = ContributionFactory(donor=donor, source=None, year_from=1999, year_to=1999)
    assert client.get(f"/api/v1/contributions/{cited.slug}/").json()["source_document"]["url"] == news.url
    assert client.get(f"/api/v1/contributions/{bare.slug}/").json()["source_document"] is None


def test_the_schema_describes_the_source_document(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    properties = schema["components"]["schemas"]["SourceDocument"]["properties"]
    assert {"page", "url", "file", "language", "date"} <= set(properties)


def test_every_page_links_to_the_list_of_sources(client):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/sources/"' in footer
