"""Donors and their contributions as spreadsheet rows, for export and import in the admin."""

from donors.models import Contribution, Donor
from kernel.resources import SafeResource, export_only, record
from kernel.taxonomy.models import Country, Source
from organisations.models import Organisation

DONOR_KEYS = ("name", "short_name")
ORGANISATION_KEYS = ("name", "acronym")


class DonorResource(SafeResource):
    country = record("country", Country, "code")
    source = record("source", Source)
    publication_status = export_only("publication_status")
    published_at = export_only("published_at")
    slug_from = "name"

    class Meta(SafeResource.Meta):
        model = Donor
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "short_name", "kind", "country", "summary", "profile", "profile_as_of",
            "ilo_member_since", "founding_member", "conventions_fundamental", "conventions_governance",
            "conventions_technical", "governing_body_seat", "governing_body_note", "featured",
            "source", "source_note", "publication_status", "published_at",
        ]  # fmt: skip
        export_order = fields


class ContributionResource(SafeResource):
    donor = record("donor", Donor, keys=DONOR_KEYS)
    channel = record("channel", Organisation, keys=ORGANISATION_KEYS)
    source = record("source", Source)

    class Meta(SafeResource.Meta):
        model = Contribution
        import_id_fields = ["slug"]
        fields = [
            "slug", "donor", "kind", "year_from", "year_to", "amount_usd", "amount_qualifier",
            "channel", "rank", "rank_note", "description", "source", "source_note",
        ]  # fmt: skip
        export_order = fields
