"""Projects as spreadsheet rows, for export and import in the admin."""

from donors.models import Donor
from kernel.resources import SafeResource, export_only, record, records
from kernel.taxonomy.models import SDG, Country, Region, Source, Theme
from projects.models import Project


class ProjectResource(SafeResource):
    parent = record("parent", Project, keys=("iati_identifier", "title"))
    donors = records("donors", Donor, keys=("name", "short_name"))
    countries = records("countries", Country, "code")
    regions = records("regions", Region)
    themes = records("themes", Theme)
    sdgs = records("sdgs", SDG, "number")
    source = record("source", Source)
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
