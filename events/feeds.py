"""The Atom feed of the latest published events (`/feeds/events/`)."""

from django.urls import reverse_lazy

from events.models import Event
from kernel.feeds import LatestFeed
from kernel.markdown import to_text


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
