from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """Reference data every app shares: ILO regions, countries, themes, SDGs and source documents."""

    name = "ilopartners.taxonomy"
    label = "taxonomy"
    verbose_name = "Reference taxonomy"
