from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.db.models.signals import post_migrate


def check_source_file_limit(app_configs=None, **kwargs):
    """A source file at the limit must fit in the request body that uploads it."""
    if settings.SOURCE_FILE_MAX_BYTES >= settings.UPLOAD_MAX_BYTES:
        return [
            checks.Error(
                "DJANGO_SOURCE_FILE_MAX_BYTES must be smaller than DJANGO_UPLOAD_MAX_BYTES: the form "
                "that uploads a source file would be refused before the file is checked.",
                id="taxonomy.E001",
            )
        ]
    return []


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    """Reference data arrives with migration 0002; put it back when the tables are empty after a
    `flush` (which empties every table and then sends post_migrate, as a transactional test's
    teardown does), so a database never lacks its countries, themes and SDGs; with their
    translations of migration 0006."""
    from importlib import import_module

    from django.apps import apps as global_apps

    registry = apps or global_apps
    try:
        Country = registry.get_model("taxonomy", "Country")
    except LookupError:  # migrated backwards past the taxonomy's tables
        return
    if not Country.objects.using(using).exists():
        import_module("kernel.taxonomy.migrations.0002_reference_data").load(registry, None)
        import_module("kernel.taxonomy.migrations.0006_reference_translations").fill(registry, None)


class TaxonomyConfig(AppConfig):
    """Reference data every app shares: ILO regions, countries, themes, SDGs and source documents."""

    name = "kernel.taxonomy"
    label = "taxonomy"
    verbose_name = "Reference taxonomy"

    def ready(self):
        checks.register(check_source_file_limit)
        post_migrate.connect(
            ensure_reference_data, sender=self, dispatch_uid="taxonomy.ensure_reference_data"
        )
