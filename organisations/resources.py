"""Spreadsheet import and export of organisations and people."""

from kernel.relations import linked_model
from kernel.resources import SafeResource, export_only, record
from kernel.taxonomy.models import Country, Source
from organisations.models import Organisation, Person

ORGANISATION_KEYS = ("name", "acronym")


class OrganisationResource(SafeResource):
    parent = record("parent", Organisation, keys=ORGANISATION_KEYS)
    country = record("country", Country, "code")
    donor = record("donor", linked_model(Organisation, "donor"), keys=("name", "short_name"))
    source = record("source", Source)
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


class PersonResource(SafeResource):
    organisation = record("organisation", Organisation, keys=ORGANISATION_KEYS)
    source = record("source", Source)
    publication_status = export_only("publication_status")
    published_at = export_only("published_at")
    slug_from = "name"

    class Meta(SafeResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug", "honorific", "name", "position", "organisation", "biography", "source",
            "source_note", "publication_status", "published_at",
        ]  # fmt: skip
        export_order = fields
