"""Django's admin site, with the content first: the admin home opens on an overview of the records
in progress (kernel.dashboard) and lists the content apps before accounts, tokens and logs.

It is the default site (`kernel.apps.AdminConfig`), so every app registers on it with
`@admin.register` as usual.
"""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kernel.dashboard import dashboard


class SiteAdmin(admin.AdminSite):
    site_header = _("ILO Partners administration")
    site_title = _("ILO Partners admin")
    index_title = _("Curate donors, projects and events")

    @property
    def app_order(self):
        """The content apps, in the order the home lists them; every other app follows, by name."""
        return tuple(settings.ADMIN_CONTENT_APPS)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        order = {label: index for index, label in enumerate(self.app_order)}
        for app in apps:
            app["is_content"] = app["app_label"] in order
        return sorted(apps, key=lambda app: (order.get(app["app_label"], len(order)), app["name"].lower()))

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard(self, request)}
        return super().index(request, extra_context)
