"""Atom feeds of the latest published projects and events (`/feeds/projects/`, `/feeds/events/`)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from events.models import Event
from ilopartners.markdown import to_text
from projects.models import Project

FEED_LENGTH = 50


class LatestFeed(Feed):
    """The last `FEED_LENGTH` published records, newest publication first, as Atom 1.0."""

    feed_type = Atom1Feed
    model = None

    def items(self):
        return self.model.objects.published().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"{self.model._meta.model_name}-{item.pk}@ilo-partners"

    item_guid_is_permalink = False


class ProjectFeed(LatestFeed):
    model = Project
    title = "ILO Partners: projects"
    link = reverse_lazy("projects:list")
    subtitle = "Development cooperation projects of the ILO and its partners, latest published first."

    def item_title(self, item):
        return f"{item.title} ({item.acronym})" if item.acronym else item.title

    def item_description(self, item):
        return to_text(item.summary or item.description)


class EventFeed(LatestFeed):
    model = Event
    title = "ILO Partners: events"
    link = reverse_lazy("events:list")
    subtitle = "Seminars, conferences, workshops and study tours held with the ILO's partners."

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = to_text(item.summary or item.description)
        return f"{item.when}. {text}" if text else item.when
