from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: the response cache, logs, health, backups, the read-replica router."""

    name = "operations"
    verbose_name = "Operations"
