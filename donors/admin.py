"""Curating donors, their contributions and the organisations behind them."""

from django.contrib import admin
from django.db.models import Count

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from donors.resources import ContributionResource, DonorResource
from kernel.admin import PublishableAdmin, TranslatedAdmin, TranslatedInline, VersionCheckedAdmin
from kernel.history import InlineRowHistoryAdmin
from operations.imports import SpreadsheetAdminMixin


class PriorityAreaInline(TranslatedInline, admin.StackedInline):
    model = PriorityArea
    extra = 0
    fields = [("position", "name", "detail")]


class OdaFigureInline(admin.TabularInline):
    model = OdaFigure
    extra = 0
    fields = ["year", "amount_usd", "gni_percent", "source"]


class ContributionInline(TranslatedInline, admin.StackedInline):
    model = Contribution
    extra = 0
    fields = [
        ("kind", "year_from", "year_to"),
        ("amount_qualifier", "amount_usd"),
        "channel",
        ("rank", "rank_note"),
        "description",
    ]
    autocomplete_fields = ["channel"]
    show_change_link = True


@admin.register(Donor)
class DonorAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [DonorResource]
    list_display = ["name", "kind", "country", "ilo_member_since", "featured", "contribution_count"]
    list_filter = ["kind", "featured", "governing_body_seat"]
    list_select_related = ["country"]
    search_fields = ["name", "short_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "source"]
    inlines = [PriorityAreaInline, OdaFigureInline, ContributionInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "country", "featured"]}),
        ("Profile", {"fields": ["summary", "profile", "profile_as_of"]}),
        (
            "ILO membership",
            {
                "fields": [
                    ("ilo_member_since", "founding_member"),
                    ("conventions_fundamental", "conventions_governance", "conventions_technical"),
                    ("governing_body_seat", "governing_body_note"),
                ]
            },
        ),
        PublishableAdmin.publishing_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contribution_total=Count("contributions"))

    @admin.display(description="contributions", ordering="contribution_total")
    def contribution_count(self, donor):
        return donor.contribution_total


@admin.register(Contribution)
class ContributionAdmin(SpreadsheetAdminMixin, VersionCheckedAdmin):
    resource_classes = [ContributionResource]
    list_display = ["__str__", "donor", "kind", "period", "amount", "channel", "rank"]
    list_filter = ["kind", "donor"]
    list_per_page = 50
    list_select_related = ["donor", "channel"]
    search_fields = ["donor__name", "description", "rank_note", "slug"]
    autocomplete_fields = ["donor", "channel", "source"]
    fieldsets = [
        (None, {"fields": ["donor", "kind", ("year_from", "year_to"), ("amount_qualifier", "amount_usd")]}),
        ("Details", {"fields": ["channel", ("rank", "rank_note"), "description", "slug"]}),
        ("Source", {"fields": ["source", "source_note"]}),
    ]

    @admin.display(description="period", ordering="year_from")
    def period(self, contribution):
        return contribution.period

    @admin.display(description="amount (USD)", ordering="amount_usd")
    def amount(self, contribution):
        return contribution.amount


@admin.register(PriorityArea)
class PriorityAreaAdmin(TranslatedAdmin, InlineRowHistoryAdmin):
    list_display = ["name", "detail", "donor"]
    list_select_related = ["donor"]
    search_fields = ["name", "detail", "donor__name"]
    autocomplete_fields = ["donor"]


@admin.register(OdaFigure)
class OdaFigureAdmin(InlineRowHistoryAdmin):
    list_display = ["donor", "year", "amount_usd", "gni_percent"]
    list_select_related = ["donor"]
    search_fields = ["donor__name", "source"]
    autocomplete_fields = ["donor"]
