"""Every published event for the sitemap."""

from events.models import Event
from kernel.sitemaps import PublishedSitemap


class EventSitemap(PublishedSitemap):
    model = Event
