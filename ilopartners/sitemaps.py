"""What crawlers read: the sitemap of every published page, and robots.txt pointing to it.

`/sitemap.xml` is a sitemap index naming one sitemap per kind of page (`/sitemap-projects.xml`),
each split into pages of at most `limit` addresses (`?p=2`), as the protocol's 50,000 per file
asks: at 100,000 projects every one is still listed.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from donors.models import Donor, Organisation
from events.models import Event
from projects.models import Project


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


class DonorSitemap(PublishedSitemap):
    model = Donor


class OrganisationSitemap(PublishedSitemap):
    model = Organisation


class ProjectSitemap(PublishedSitemap):
    model = Project


class EventSitemap(PublishedSitemap):
    model = Event


class ListSitemap(Sitemap):
    """The home page and the list pages."""

    def items(self):
        return ["home", "donors:list", "donors:organisations", "projects:list", "events:list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": ListSitemap,
    "donors": DonorSitemap,
    "organisations": OrganisationSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
}


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
