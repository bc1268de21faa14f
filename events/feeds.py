"""The Atom feed of the latest published events (`/feeds/events/`), in the language asked for."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from events.models import Event
from kernel.feeds import LatestFeed, summary_text
from kernel.translation import Localized, localized


class EventFeed(LatestFeed):
    model = Event
    title = _("ILO Partners: events")
    link = reverse_lazy("events:list")
    subtitle = _("Seminars, conferences, workshops and study tours held with the ILO's partners.")

    def item_texts(self, item):
        text = summary_text(item, "summary", "description")
        summary = f"{item.when}. {text}" if text else str(item.when)
        return localized(item, "title"), Localized(summary, text.language, text.wanted, text.made)
