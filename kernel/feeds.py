"""The Atom feed every kind of record shares: its latest published records (`/feeds/projects/`...)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

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
