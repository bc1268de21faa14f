"""What every curated model's admin shares: publishing, with the permission enforced on the server."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext

from ilopartners.publishing import Status

PUBLISHING_FIELDS = ("publication_status", "published_at")


class PublishableAdmin(admin.ModelAdmin):
    """Editors may add and change records; only holders of `publish_<model>` may publish them.

    Without the permission the publishing fields are read-only (so a forged POST cannot change
    them), the publish actions are hidden, and `save_model` refuses a change of state as a last
    line of defence.
    """

    actions = ["publish", "unpublish"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = ("created_at", "updated_at")
    publishing_fieldset = ("Publishing", {"fields": (*PUBLISHING_FIELDS, "source", "source_note")})

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(self.model.publish_permission())

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request, obj):
            fields += [name for name in PUBLISHING_FIELDS if name not in fields]
        return fields

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication_status", "published_at"]

    def get_list_filter(self, request):
        return ["publication_status", *super().get_list_filter(request)]

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request, obj) and self._publishing_changed(obj, change):
            raise PermissionDenied("You do not have permission to publish or unpublish.")
        super().save_model(request, obj, form, change)

    def _publishing_changed(self, obj, change):
        if not change:
            return obj.publication_status != Status.DRAFT
        stored = type(obj).objects.filter(pk=obj.pk).values_list(*PUBLISHING_FIELDS).first()
        return stored is not None and stored != (obj.publication_status, obj.published_at)

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish(self, request, queryset):
        count = queryset.publish()
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish()
        self.message_user(
            request,
            ngettext("Unpublished %d record.", "Unpublished %d records.", count) % count,
            messages.SUCCESS,
        )
