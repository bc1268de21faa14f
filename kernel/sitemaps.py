"""The sitemap every kind of published record shares (portal/sitemaps.py assembles the index).

Every address is listed once per interface language (`/projects/x/`, `/fr/projects/x/`, …), each
with its alternates in every language and `x-default` (English), as search engines ask.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class LanguagePairs:
    """(item, language) for every item and language, read a page at a time: Django's i18n sitemap
    builds the whole list in memory for every page, which at 100,000 records is every record."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    def count(self):
        items = (
            self.items.count()
            if hasattr(self.items, "count") and not isinstance(self.items, list)
            else len(self.items)
        )
        return items * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        per_item = len(self.languages)
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        first = start // per_item
        rows = self.items[first : -(-stop // per_item)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class LanguageSitemap(Sitemap):
    """A sitemap listing each address in every language, with its alternates."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return LanguagePairs(self.items(), self._languages())


class PublishedSitemap(LanguageSitemap):
    """Every published record of a model, last modified when it was last saved."""

    model = None
    # Addresses per file (each record once per language): smaller files than the protocol's
    # maximum are quicker to build.
    limit = 10_000

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The index's date for this section: one aggregate, not a walk over every record."""
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]
