"""Every published organisation for the sitemap."""

from kernel.sitemaps import PublishedSitemap
from organisations.models import Organisation


class OrganisationSitemap(PublishedSitemap):
    model = Organisation
