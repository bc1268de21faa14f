from django.apps import AppConfig


class IloPartnersConfig(AppConfig):
    """The site package: shared template tags, the publishing base and staff groups."""

    name = "ilopartners"
    verbose_name = "ILO Partners"

    def ready(self):
        from django.db.models.signals import post_migrate

        from ilopartners.roles import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, dispatch_uid="ilopartners.ensure_staff_groups")
