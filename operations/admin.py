"""Import jobs in the admin: read-only, each staff member sees the jobs they started (superusers all)."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from kernel.changelists import ScaledListAdmin
from operations.jobs import reap_stopped_jobs
from operations.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ScaledListAdmin):
    list_display = ["__str__", "records", "progress", "state", "user", "created_at", "finished_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    search_fields = ["file_name", "records"]
    show_full_result_count = False
    change_form_template = "admin/operations/importjob/change_form.html"
    fields = [
        ("kind", "records", "file_name"),
        ("user", "state", "progress"),
        "summary",
        "report",
        ("created_at", "started_at", "finished_at"),
    ]
    readonly_fields = [
        "kind",
        "records",
        "file_name",
        "user",
        "state",
        "progress",
        "summary",
        "report",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def changelist_view(self, request, extra_context=None):
        reap_stopped_jobs()  # a job whose worker died reads as failed, not "running" for ever
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        reap_stopped_jobs()
        return super().change_view(request, object_id, form_url, extra_context)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description="progress")
    def progress(self, job):
        return f"{job.percent}% ({job.done:,} of {job.total:,})"

    @admin.display(description="report")
    def report(self, job):
        if not job.messages:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((m,) for m in job.messages)))

    def render_change_form(self, request, context, *args, **kwargs):
        # The page reloads itself while the job is queued or running (a meta refresh: no script).
        obj = context.get("original")
        context["refresh_seconds"] = 2 if obj is not None and obj.state in ("queued", "running") else None
        return super().render_change_form(request, context, *args, **kwargs)
