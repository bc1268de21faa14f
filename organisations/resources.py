"""Spreadsheet import and export of organisations."""

from kernel.relations import linked_model
from kernel.resources import SafeResource, export_only, slug_fk
from kernel.taxonomy.models import Country, Source
from organisations.models import Organisation


class OrganisationResource(SafeResource):
    parent = slug_fk("parent", Organisation)
    country = slug_fk("country", Country, "code")
    donor = slug_fk("donor", linked_model(Organisation, "donor"))
    source = slug_fk("source", Source)
    publication_status = export_only("publication_status")
    published_at = export_only("published_at")

    class Meta(SafeResource.Meta):
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "acronym", "type", "category", "iati_identifier", "parent", "country",
            "donor", "description", "website", "email", "telephone", "fax", "address", "source",
            "source_note", "publication_status", "published_at",
        ]  # fmt: skip
        export_order = fields
