"""The sitemap every kind of published record shares (portal/sitemaps.py assembles the index)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class PublishedSitemap(Sitemap):
    """Every published record of a model, last modified when it was last saved."""

    model = None
    limit = 10_000  # addresses per file; smaller files than the protocol's maximum are quicker to build

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The index's date for this section: one aggregate, not a walk over every record."""
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]
