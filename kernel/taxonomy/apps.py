from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    """Reference data arrives with migration 0002; put it back when the tables are empty after a
    `flush` (which empties every table and then sends post_migrate, as a transactional test's
    teardown does), so a database never lacks its countries, themes and SDGs."""
    from importlib import import_module

    from django.apps import apps as global_apps

    registry = apps or global_apps
    try:
        Country = registry.get_model("taxonomy", "Country")
    except LookupError:  # migrated backwards past the taxonomy's tables
        return
    if not Country.objects.using(using).exists():
        import_module("kernel.taxonomy.migrations.0002_reference_data").load(registry, None)


class TaxonomyConfig(AppConfig):
    """Reference data every app shares: ILO regions, countries, themes, SDGs and source documents."""

    name = "kernel.taxonomy"
    label = "taxonomy"
    verbose_name = "Reference taxonomy"

    def ready(self):
        post_migrate.connect(
            ensure_reference_data, sender=self, dispatch_uid="taxonomy.ensure_reference_data"
        )
