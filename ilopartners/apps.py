from django.apps import AppConfig


class IloPartnersConfig(AppConfig):
    """The site package: shared template tags, the publishing base and staff groups."""

    name = "ilopartners"
    verbose_name = "ILO Partners"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from ilopartners.caching import content_changed
        from ilopartners.roles import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, dispatch_uid="ilopartners.ensure_staff_groups")
        # Any change to content makes every cached response out of date (ilopartners/caching.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"ilopartners.content_changed.{id(signal)}")
