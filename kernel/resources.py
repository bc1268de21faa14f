"""What every spreadsheet import/export (django-import-export) shares: the resources' fields and
rules (the admin's side, in the request or as a background job, is operations/imports.py).

Related records are written by slug or code, as in the API; many-to-many values are joined
with ";". Publishing state is exported but never imported: new rows arrive as drafts and a
Publisher publishes them. Every row is validated like an admin form (`full_clean()`: the model's
rules and constraints), saved through `kernel.services` as the user who imports, and the whole
import runs in one transaction, so a file with a bad row changes nothing.
"""

import tablib
from django.contrib import messages
from import_export import fields, resources, widgets

from kernel import services, versions
from kernel.spreadsheets import neutralise, restore

MULTIPLE = ";"


def slug_fk(column, model, field="slug"):
    return fields.Field(attribute=column, column_name=column, widget=widgets.ForeignKeyWidget(model, field))


def slug_m2m(column, model, field="slug"):
    return fields.Field(
        attribute=column, column_name=column, widget=widgets.ManyToManyWidget(model, MULTIPLE, field)
    )


def export_only(column):
    return fields.Field(attribute=column, column_name=column, readonly=True)


class SafeResource(resources.ModelResource):
    """Neutralises formula-like text on export and restores it on import; saves each row as the
    user who imports (the admin passes `user`)."""

    acting_user = None

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return neutralise(value) if isinstance(value, str) else value

    def import_data(self, dataset, dry_run=False, **kwargs):
        # A preview (a dry run the admin asks for with `preview_rows`) checks at most that many rows:
        # a longer file is checked whole, and imported, by a background job once it is confirmed.
        preview_rows = kwargs.pop("preview_rows", None)
        request = kwargs.pop("preview_request", None)
        if dry_run and preview_rows and len(dataset) > preview_rows:
            if request is not None:
                messages.info(
                    request,
                    f"The file has {len(dataset):,} rows: the preview shows the first {preview_rows:,}. "
                    "Once you confirm, every row is checked and the file imported in the background; "
                    "a bad row then changes nothing, and the import's page names it.",
                )
            dataset = tablib.Dataset(*dataset[:preview_rows], headers=dataset.headers)
        return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            if isinstance(value, str):
                row[key] = restore(value)
        super().before_import_row(row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        self.acting_user = kwargs.get("user")
        super().before_save_instance(instance, row, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        # A row (the record, then its many-to-many columns in `save_m2m`) is one version of its history.
        versions.begin_version(instance)
        super().save_instance(instance, is_create, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        services.save_record(instance, user=self.acting_user, force_insert=is_create)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        versions.end_version(instance, user=getattr(self, "acting_user", None))

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
