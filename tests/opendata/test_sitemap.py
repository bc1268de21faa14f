"""The sitemap lists every published page with its last change; robots.txt points to it."""

import datetime

import pytest
from django.utils import timezone
from lxml import etree

from kernel.publishing import Status
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)
    return {item.findtext("s:loc", namespaces=NS): item.findtext("s:lastmod", namespaces=NS) for item in root}


def sitemap(client):
    """Every address of every sitemap the index names."""
    urls = {}
    for location in read(client, "/sitemap.xml"):
        urls.update(read(client, location.removeprefix("http://testserver")))
    return urls


@pytest.mark.parametrize("factory", [DonorFactory, OrganisationFactory, ProjectFactory, EventFactory])
def test_published_pages_are_listed_with_lastmod_and_drafts_are_not(client, factory):
    published = factory()
    draft = factory(publication_status=Status.DRAFT)
    scheduled = factory(published_at=timezone.now() + datetime.timedelta(days=1))
    urls = sitemap(client)
    assert urls[f"http://testserver{published.get_absolute_url()}"] == published.updated_at.date().isoformat()
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert f"http://testserver{scheduled.get_absolute_url()}" not in urls


def test_list_pages_are_listed(client):
    urls = sitemap(client)
    for path in ("/", "/donors/", "/donors/organisations/", "/projects/", "/events/"):
        assert f"http://testserver{path}" in urls


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin_and_api(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_index_names_each_section_and_splits_long_ones_into_pages(client, monkeypatch):
    from portal.sitemaps import ProjectSitemap

    # 5 projects in 4 languages: 20 addresses, 8 to a file.
    monkeypatch.setattr(ProjectSitemap, "limit", 8)
    projects = ProjectFactory.create_batch(5)
    DonorFactory()
    index = read(client, "/sitemap.xml")
    assert {
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-donors.xml",
        "http://testserver/sitemap-projects.xml",
        "http://testserver/sitemap-projects.xml?p=2",
        "http://testserver/sitemap-projects.xml?p=3",
    } <= set(index)
    latest = max(project.updated_at for project in projects)
    assert index["http://testserver/sitemap-projects.xml"].startswith(latest.date().isoformat())
    listed = set(sitemap(client))
    assert {f"http://testserver{project.get_absolute_url()}" for project in projects} <= listed
    assert client.get("/sitemap-projects.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_lists_the_sources_pages(client):
    from tests.factories import DonorFactory, SourceFactory

    source = SourceFactory(slug="brochure")
    unknown = SourceFactory(slug="cited-by-a-draft-only")
    DonorFactory(source=source)
    DonorFactory(source=unknown, publication_status="draft", published_at=None)
    assert f"http://testserver{unknown.get_absolute_url()}" not in set(sitemap(client))
    assert "http://testserver/sitemap-sources.xml" in read(client, "/sitemap.xml")
    assert f"http://testserver{source.get_absolute_url()}" in set(sitemap(client))
    assert "http://testserver/sources/" in set(sitemap(client))
