from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site-wide pages that draw on every app (home, search, the sitemap index) and the
    commands that fill every app at once (the seed, demo data)."""

    name = "portal"
    verbose_name = "Portal"
