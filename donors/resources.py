"""Organisations and contributions as spreadsheet rows, for export and import in the admin."""

from donors.models import Contribution, Donor
from kernel.resources import SafeResource, slug_fk
from kernel.taxonomy.models import Source
from organisations.models import Organisation


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
