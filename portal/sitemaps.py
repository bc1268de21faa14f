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
from portal.places import countries_with_content, sdgs_with_counts
from projects.sitemaps import ProjectSitemap


class ListSitemap(LanguageSitemap):
    """The home page and the list pages."""

    def items(self):
        return [
            "home",
            "donors:list",
            "organisations:list",
            "projects:list",
            "events:list",
            "countries",
            "sdgs",
            "sources",
        ]

    def location(self, item):
        return reverse(item)


class SourceSitemap(LanguageSitemap):
    """Each source document's page that the public may see: those a public record cites."""

    def items(self):
        return cited_sources(Source.objects.all(), None).order_by("slug").only("slug")


class CountrySitemap(LanguageSitemap):
    """Each country page with something the public may see. A country with nothing recorded has a
    page too, but it says only that, and tells crawlers not to index it."""

    def items(self):
        return sorted(countries_with_content(None))

    def location(self, code):
        return reverse("country", kwargs={"code": code})


class SDGSitemap(LanguageSitemap):
    """Each goal's page with a project the public may see contributing to it (as for countries)."""

    def items(self):
        return [sdg.number for sdg in sdgs_with_counts(None) if sdg.project_count]

    def location(self, number):
        return reverse("sdg", kwargs={"number": number})


SITEMAPS = {
    "pages": ListSitemap,
    "donors": DonorSitemap,
    "organisations": OrganisationSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
    "countries": CountrySitemap,
    "sdgs": SDGSitemap,
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
