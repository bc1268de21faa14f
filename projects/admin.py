"""Curating projects, with their participants and results inline."""

from django.contrib import admin

from kernel.admin import PublishableAdmin
from kernel.history import InlineRowHistoryAdmin
from operations.imports import SpreadsheetAdminMixin
from projects.models import Participant, Project, Result
from projects.resources import ProjectResource


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["position", "organisation", "role", "amount_usd", "note"]
    autocomplete_fields = ["organisation"]


class ResultInline(admin.StackedInline):
    model = Result
    extra = 0
    fields = [
        "position",
        "title",
        ("qualifier", "value", "unit"),
        ("country", "place", "year"),
        "source_note",
    ]
    autocomplete_fields = ["country"]


class ChildProjectInline(admin.TabularInline):
    """The projects a fund or programme holds, for reading; each is edited on its own page."""

    model = Project
    fk_name = "parent"
    verbose_name = "child project"
    verbose_name_plural = "child projects"
    fields = ["title", "status", "start_date", "end_date", "publication_status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [ProjectResource]
    list_display = ["title", "acronym", "kind", "status", "period", "parent"]
    list_filter = ["status", "kind", "themes", "donors", "countries__region"]
    list_select_related = ["parent"]
    search_fields = ["title", "acronym", "iati_identifier", "summary"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "donors", "countries", "regions", "themes", "sdgs", "source"]
    inlines = [ParticipantInline, ResultInline, ChildProjectInline]
    fieldsets = [
        (None, {"fields": ["title", "acronym", "slug", "kind", "iati_identifier", "parent"]}),
        ("Description", {"fields": ["summary", "description"]}),
        (
            "Status and dates",
            {
                "fields": [
                    "status",
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "budget_usd",
                ]
            },
        ),
        ("Where and what", {"fields": ["donors", "countries", "regions", "themes", "sdgs"]}),
        PublishableAdmin.publishing_fieldset,
    ]

    @admin.display(description="period", ordering="start_date")
    def period(self, project):
        return project.period


@admin.register(Participant)
class ParticipantAdmin(InlineRowHistoryAdmin):
    list_display = ["organisation", "role", "project", "amount_usd"]
    list_select_related = ["organisation", "project"]
    search_fields = ["organisation__name", "project__title"]
    autocomplete_fields = ["project", "organisation"]


@admin.register(Result)
class ResultAdmin(InlineRowHistoryAdmin):
    list_display = ["title", "project", "country", "year"]
    list_select_related = ["project", "country"]
    search_fields = ["title", "project__title"]
    autocomplete_fields = ["project", "country"]
