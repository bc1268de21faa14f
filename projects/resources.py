"""Projects as spreadsheet rows, for export and import in the admin."""

from donors.models import Donor
from kernel.resources import SafeResource, export_only, slug_fk, slug_m2m
from kernel.taxonomy.models import SDG, Country, Region, Source, Theme
from projects.models import Project


class ProjectResource(SafeResource):
    parent = slug_fk("parent", Project)
    donors = slug_m2m("donors", Donor)
    countries = slug_m2m("countries", Country, "code")
    regions = slug_m2m("regions", Region)
    themes = slug_m2m("themes", Theme)
    sdgs = slug_m2m("sdgs", SDG, "number")
    source = slug_fk("source", Source)
    publication_status = export_only("publication_status")
    published_at = export_only("published_at")

    class Meta(SafeResource.Meta):
        model = Project
        import_id_fields = ["slug"]
        fields = [
            "slug", "iati_identifier", "title", "acronym", "kind", "summary", "description", "status",
            "status_as_of", "start_date", "start_precision", "end_date", "end_precision", "budget_usd",
            "parent", "donors", "countries", "regions", "themes", "sdgs", "source", "source_note",
            "publication_status", "published_at",
        ]  # fmt: skip
        export_order = fields
