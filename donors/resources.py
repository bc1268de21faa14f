"""Organisations and contributions as spreadsheet rows, for export and import in the admin."""

from donors.models import Contribution, Donor, Organisation
from ilopartners.resources import SafeResource, export_only, slug_fk
from ilopartners.taxonomy.models import Country, Source


class OrganisationResource(SafeResource):
    parent = slug_fk("parent", Organisation)
    country = slug_fk("country", Country, "code")
    donor = slug_fk("donor", Donor)
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


class ContributionResource(SafeResource):
    donor = slug_fk("donor", Donor)
    channel = slug_fk("channel", Organisation)
    source = slug_fk("source", Source)

    class Meta(SafeResource.Meta):
        model = Contribution
        import_id_fields = ["slug"]
        fields = [
            "slug", "donor", "kind", "year_from", "year_to", "amount_usd", "amount_qualifier",
            "channel", "rank", "rank_note", "description", "source", "source_note",
        ]  # fmt: skip
        export_order = fields
