"""Atom feeds of the latest published projects and events."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from kernel.publishing import Status
from tests.factories import EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_project_feed_lists_latest_published_first_without_drafts(client):
    ProjectFactory(title="Older", published_at=days_ago(10))
    ProjectFactory(title="Newer", published_at=days_ago(1), summary="Decent work **for all**.")
    ProjectFactory(title="Draft", publication_status=Status.DRAFT)
    ProjectFactory(title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=3))
    parsed = feed(client, "/feeds/projects/")
    assert [entry.title for entry in parsed.entries] == ["Newer", "Older"]
    assert parsed.entries[0].summary == "Decent work for all."
    assert parsed.entries[0].link.startswith("http://testserver/projects/")


def test_event_feed_lists_latest_published_first_without_drafts(client):
    EventFactory(title="First", published_at=days_ago(5))
    EventFactory(title="Second", published_at=days_ago(2))
    EventFactory(title="Draft", publication_status=Status.DRAFT)
    parsed = feed(client, "/feeds/events/")
    assert [entry.title for entry in parsed.entries] == ["Second", "First"]


def test_feed_holds_fifty_entries(client):
    ProjectFactory.create_batch(51)
    assert len(feed(client, "/feeds/projects/").entries) == 50


@pytest.mark.parametrize(
    ("page", "feed_url"), [("/projects/", "/feeds/projects/"), ("/events/", "/feeds/events/")]
)
def test_list_pages_link_their_feed(client, page, feed_url):
    html = client.get(page).content.decode()
    title = f"ILO Partners: {page.strip('/')}"
    assert f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{feed_url}">' in html
    assert f'<a href="{feed_url}" type="application/atom+xml">' in html
