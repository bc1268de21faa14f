"""What crawlers read: the sitemap of every published page, and robots.txt pointing to it.

`/sitemap.xml` is a sitemap index naming one sitemap per kind of page (`/sitemap-projects.xml`),
each split into pages of at most `limit` addresses (`?p=2`), as the protocol's 50,000 per file
asks: at 100,000 projects every one is still listed.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from donors.sitemaps import DonorSitemap
from events.sitemaps import EventSitemap
from kernel.publishing import cited_sources
from kernel.sitemaps import LanguageSitemap
from kernel.taxonomy.models import Source
from organisations.sitemaps import OrganisationSitemap
from projects.sitemaps import ProjectSitemap


class ListSitemap(LanguageSitemap):
    """The home page and the list pages."""

    def items(self):
        return ["home", "donors:list", "organisations:list", "projects:list", "events:list", "sources"]

    def location(self, item):
        return reverse(item)


class SourceSitemap(LanguageSitemap):
    """Each source document's page that the public may see: those a public record cites."""

    def items(self):
        return cited_sources(Source.objects.all(), None).order_by("slug").only("slug")


SITEMAPS = {
    "pages": ListSitemap,
    "donors": DonorSitemap,
    "organisations": OrganisationSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
    "sources": SourceSitemap,
}


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        # The language switcher's links: the pages themselves are listed in every language.
        "Disallow: /language/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
