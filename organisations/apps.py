from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations and people, used by all three content apps."""

    name = "organisations"
    verbose_name = "Organisations and people"
