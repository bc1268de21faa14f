from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class KernelConfig(AppConfig):
    """What every app shares and that imports no app: publishing and visibility, the content
    version, search-index machinery, history, roles, quantities and dates, Markdown."""

    default = True
    name = "kernel"
    verbose_name = "ILO Partners"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

        from kernel.roles import ensure_staff_groups
        from kernel.versioning import content_changed, renew_after_migrate, stored_root_keys
        from kernel.versions import build_history_managers_once

        post_migrate.connect(ensure_staff_groups, dispatch_uid="kernel.ensure_staff_groups")
        # An upgrade runs `migrate`: what the cache keeps was computed by the code before it.
        post_migrate.connect(renew_after_migrate, sender=self, dispatch_uid="kernel.renew_after_migrate")
        # Any change to content makes everything computed from it out of date (kernel/versioning.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"kernel.content_changed.{id(signal)}")
        pre_save.connect(stored_root_keys, dispatch_uid="kernel.stored_root_keys")
        build_history_managers_once(apps.get_models())


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own AdminSite (kernel/admin_site.py): content first."""

    default = False
    default_site = "kernel.admin_site.SiteAdmin"
