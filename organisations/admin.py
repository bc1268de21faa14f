"""Admin for organisations and people."""

from django.contrib import admin

from kernel.admin import PublishableAdmin
from operations.imports import SpreadsheetAdminMixin
from organisations.models import Organisation, Person
from organisations.resources import OrganisationResource, PersonResource


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [OrganisationResource]
    # The IATI type is a filter, not a column: the category says the same in the ILO's words, and the
    # list then fits a 1280 px window beside its filters.
    list_display = ["name", "acronym", "category", "country", "donor", "parent"]
    list_filter = ["category", "type", "donor"]
    list_select_related = ["country", "donor", "parent"]
    search_fields = ["name", "acronym", "iati_identifier"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "country", "donor", "source"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", ("type", "category"), "iati_identifier"]}),
        ("Relations", {"fields": ["parent", "country", "donor"]}),
        ("About", {"fields": ["description", "website", "email", ("telephone", "fax"), "address"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(Person)
class PersonAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "honorific", "position", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "position", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "source"]
    fieldsets = [
        (None, {"fields": ["honorific", "name", "slug", "position", "organisation", "biography"]}),
        PublishableAdmin.publishing_fieldset,
    ]
