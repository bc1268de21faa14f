"""Every published donor for the sitemap."""

from donors.models import Donor
from kernel.sitemaps import PublishedSitemap


class DonorSitemap(PublishedSitemap):
    model = Donor
