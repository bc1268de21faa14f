"""Events as spreadsheet rows, for export and import in the admin."""

from donors.models import Donor
from events.models import Event
from kernel.resources import SafeResource, export_only, record, records
from kernel.taxonomy.models import Country, Source, Theme
from projects.models import Project


class EventResource(SafeResource):
    country = record("country", Country, "code")
    parent = record("parent", Event, keys=("title",))
    themes = records("themes", Theme)
    projects = records("projects", Project, keys=("iati_identifier", "title", "acronym"))
    donors = records("donors", Donor, keys=("name", "short_name"))
    source = record("source", Source)
    publication_status = export_only("publication_status")
    published_at = export_only("published_at")

    class Meta(SafeResource.Meta):
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug", "title", "kind", "status", "summary", "description", "start", "end", "timezone",
            "precision", "venue", "city", "country", "format", "online_url", "languages",
            "interpretation", "attendance", "attendance_qualifier", "audience", "parent",
            "parent_relation", "themes", "projects", "donors", "report_title", "report_published_on",
            "report", "source", "source_note", "publication_status", "published_at",
        ]  # fmt: skip
        export_order = fields
