"""The sitemap lists every published page with its last change; robots.txt points to it."""

import datetime

import pytest
from django.utils import timezone
from lxml import etree

from ilopartners.publishing import Status
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS) for url in root}


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
