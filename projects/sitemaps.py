"""Every published project for the sitemap."""

from kernel.sitemaps import PublishedSitemap
from projects.models import Project


class ProjectSitemap(PublishedSitemap):
    model = Project
