"""Reference taxonomy in the admin: mostly looked up, occasionally corrected."""

from django.contrib import admin

from kernel.taxonomy.models import SDG, Country, Region, Source, Theme


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "iati_code", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "alpha3", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code", "alpha3"]
    list_per_page = 100


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "strategic_objective", "dac_sector"]
    list_filter = ["strategic_objective"]
    search_fields = ["name", "slug", "dac_sector"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "name"]
    search_fields = ["short_name", "name", "=number"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "reference"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
