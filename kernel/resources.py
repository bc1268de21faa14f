"""What every spreadsheet import/export (django-import-export) shares: the resources' fields and
rules (the admin's side, in the request or as a background job, is operations/imports.py).

Columns are headed with the field's name as people read it ("Budget (USD)"); an import takes that
heading or the field's code name ("budget_usd"), in any case. Cells are read as people write them
(kernel/cells.py): a coded value by its code or its label, a related record by its slug or code or
its name, many-to-many values joined with ";". Exports write codes and slugs, which every import
reads back. Publishing state is exported but never imported: new rows arrive as drafts and a
Publisher publishes them.

Every row is read and validated like an admin form (`full_clean()`: the model's rules and
constraints), every problem of every row is collected and reported at once as "row 7, column
Budget (USD): …" (rows counted as a spreadsheet counts them, the headings being row 1), and the
whole import runs in one transaction that any problem rolls back, so a file with a bad row
changes nothing. Rows are saved through `kernel.services` as the user who imports.
"""

import difflib
import io
import re

import tablib
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import DatabaseError, models
from django.utils.text import capfirst, slugify
from import_export import fields, resources, widgets

from kernel import services, versions
from kernel.cells import (
    COUNTRY_NAMES,
    MULTIPLE,
    AmountWidget,
    CellError,
    ChoiceWidget,
    DayWidget,
    RecordsWidget,
    RecordWidget,
    TextWidget,
    YesNoWidget,
    folded,
    text_of,
)
from kernel.spreadsheets import neutralise, restore

__all__ = ["MULTIPLE", "SafeResource", "export_only", "record", "records", "slug_fk", "slug_m2m"]

# Where a related record may also be named otherwise than by the exported key.
REFERENCE_KEYS = {
    "taxonomy.country": ("code", "alpha3", "name"),
    "taxonomy.sdg": ("number", "name", "short_name"),
    "taxonomy.theme": ("slug", "name"),
    "taxonomy.region": ("slug", "name", "iati_code"),
    "taxonomy.source": ("slug", "title"),
}
MONEY_HELP = "An amount in US dollars: 1000000, 1,000,000, 1 000 000, USD 1,000,000 or USD 1.2 million."
PARENTHESIS = re.compile(r"\s*\(.*?\)\s*")


def record(column, model, field="slug", *, keys=()):
    """A foreign key written by `field` (what is exported) and read by it or by any of `keys`."""
    return fields.Field(
        attribute=column, column_name=column, widget=RecordWidget(model, field, **lookup(model, keys))
    )


def records(column, model, field="slug", *, keys=()):
    """A many-to-many relation, values joined with ";", each read as `record` reads one."""
    return fields.Field(
        attribute=column, column_name=column, widget=RecordsWidget(model, field, **lookup(model, keys))
    )


def lookup(model, keys):
    label = model._meta.label_lower
    if label in REFERENCE_KEYS:
        aliases = COUNTRY_NAMES if label == "taxonomy.country" else None
        return {"keys": REFERENCE_KEYS[label], "reference": True, "aliases": aliases}
    return {"keys": keys}


# The names the resources have used since the first import: slugs and codes, now with names too.
slug_fk = record
slug_m2m = records


def export_only(column):
    return fields.Field(attribute=column, column_name=column, readonly=True)


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def plain(error):
    """An exception raised while saving a row, as a sentence (never a Python class's repr)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return str(error) or "You do not have permission to make this change."
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if isinstance(error, DatabaseError):
        return f"The database refused the row ({text})." if text else "The database refused the row."
    if not text or text.startswith(("[<", "<")) or "<class" in text:
        return "The row could not be read."
    return text


class FileProblems(Exception):
    """Problems of the file as a whole (its headings), one sentence each."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


class SafeResource(resources.ModelResource):
    """Reads cells as people write them, names columns as people read them, reports every problem
    of a file at once; neutralises formula-like text on export and restores it on import; saves
    each row as the user who imports (the admin passes `user`)."""

    acting_user = None
    # A new row with no slug takes one made from this column (a person's name, a donor's name).
    slug_from = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        model = self._meta.model
        for field in self.fields.values():
            django_field = model_field(model, field.attribute) if field.attribute else None
            if django_field is None:
                continue
            field.column_name = capfirst(str(django_field.verbose_name))
            if not isinstance(field.widget, (RecordWidget, RecordsWidget)) and not field.readonly:
                field.widget = self.reading_widget(django_field) or field.widget

    @staticmethod
    def reading_widget(django_field):
        """The widget that reads this model field's cells as people write them."""
        if django_field.choices:
            # A model may give a coded field's plain names: `<FIELD>_PLAIN = {code: "Ongoing"}`.
            aliases = getattr(django_field.model, f"{django_field.name.upper()}_PLAIN", None)
            return ChoiceWidget(django_field.choices, noun=str(django_field.verbose_name), aliases=aliases)
        if isinstance(django_field, models.DecimalField):
            return AmountWidget(money="usd" in django_field.name or "amount" in django_field.name)
        if isinstance(django_field, (models.IntegerField,)) and not django_field.primary_key:
            return AmountWidget(whole=True)
        if isinstance(django_field, models.BooleanField):
            return YesNoWidget()
        if isinstance(django_field, models.DateField) and not isinstance(django_field, models.DateTimeField):
            return DayWidget()
        if isinstance(django_field, (models.CharField, models.TextField)) and not django_field.null:
            return TextWidget()
        return None

    # Columns ---------------------------------------------------------------------------------

    def import_columns(self):
        return [field for field in self.get_import_fields() if not field.readonly]

    def column_of(self, name):
        """The heading of the column that writes field `name`, as people read it."""
        for field in self.fields.values():
            if name in (field.attribute, field.column_name):
                return field.column_name
        django_field = model_field(self._meta.model, name)
        return capfirst(str(django_field.verbose_name)) if django_field else name

    def heading_names(self):
        """Every heading an import accepts, folded, with the column it means."""
        names = {}
        for key, field in self.fields.items():
            label = field.column_name
            for name in (label, PARENTHESIS.sub(" ", label), key, key.replace("_", " "), field.attribute):
                if name:
                    names.setdefault(folded(name.strip()), label)
        return names

    def read_headings(self, dataset):
        """Rename the file's headings to the columns they mean; refuse unknown or repeated ones."""
        names = self.heading_names()
        headings, problems, seen = [], [], {}
        for heading in dataset.headers or []:
            text = text_of(heading)
            column = names.get(folded(text))
            if column is None:
                near = difflib.get_close_matches(folded(text), list(names), n=1, cutoff=0.7)
                hint = f" (did you mean “{names[near[0]]}”?)" if near else ""
                problems.append(
                    f"Column “{text}” is not a column of {self._meta.model._meta.verbose_name_plural}{hint}; "
                    "rename or remove it (the template lists the columns)."
                )
                column = text
            elif column in seen:
                problems.append(f"Columns “{seen[column]}” and “{text}” both give {column}; keep one.")
            seen.setdefault(column, text)
            headings.append(column)
        dataset.headers = headings
        slug = self.column_of("slug")
        if self.slug_from and slug not in headings and self.column_of(self.slug_from) in headings:
            dataset.append_col([""] * len(dataset), header=slug)
        return problems

    def before_import(self, dataset, **kwargs):
        problems = self.read_headings(dataset)
        super().before_import(dataset, **kwargs)
        if problems:
            raise FileProblems(problems)

    # Rows ------------------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            if isinstance(value, str):
                row[key] = restore(value)
        if self.slug_from:
            slug, source = self.column_of("slug"), self.column_of(self.slug_from)
            if slug in row and not text_of(row[slug]) and text_of(row.get(source)):
                row[slug] = slugify(text_of(row[source]))[:120]
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Read every cell of the row, collecting each cell's problem (many-to-many cells are read
        here too, though written after the save), so that the row reports them all."""
        errors = {}
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row, **kwargs)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except CellError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
            except Exception as error:  # a widget's own error: say which cell, in words
                value = text_of(row.get(field.column_name))
                errors[field.attribute] = ValidationError(f"“{value}” could not be read: {plain(error)}")
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        self.acting_user = kwargs.get("user")
        super().before_save_instance(instance, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        services.save_record(instance, user=self.acting_user, force_insert=is_create)

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
        # A file with any bad row changes nothing: invalid rows roll the import back, as errors do.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def problems(self, result, offset=0):
        """Every problem of an import, one sentence each: the file's own first, then row by row
        ("row 7, column Budget (USD): …"), rows numbered as the spreadsheet numbers them."""
        lines = []
        for error in result.base_errors:
            if isinstance(error.error, FileProblems):
                lines += error.error.problems
            else:
                lines.append(plain(error.error))
        by_row = []
        for row in result.error_rows:
            by_row += [
                (row.number, f"row {row.number + offset + 1}: {plain(error.error)}") for error in row.errors
            ]
        for row in result.invalid_rows:
            for name, errors in row.error_dict.items():
                where = f"row {row.number + offset + 1}"
                if name != NON_FIELD_ERRORS:
                    where += f", column {self.column_of(name)}"
                by_row += [(row.number, f"{where}: {error}") for error in errors]
        return lines + [line for _number, line in sorted(by_row, key=lambda item: item[0])]

    # Export ----------------------------------------------------------------------------------

    def save_instance(self, instance, is_create, row, **kwargs):
        # A row (the record, then its many-to-many columns in `save_m2m`) is one version of its history.
        versions.begin_version(instance)
        super().save_instance(instance, is_create, row, **kwargs)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return neutralise(value) if isinstance(value, str) else value

    # The template ----------------------------------------------------------------------------

    def describe(self, field):
        """What a column takes, in a sentence, and the accepted values of a coded column."""
        widget = field.widget
        values = widget.accepted_values() if hasattr(widget, "accepted_values") else None
        if isinstance(widget, ChoiceWidget):
            text = "One of the accepted values, by its name or its code."
        elif isinstance(widget, (RecordWidget, RecordsWidget)):
            meta = widget.model._meta
            if isinstance(widget, RecordsWidget):
                text = capfirst(f"{meta.verbose_name_plural}, each by its {widget.described_keys()}")
                text += ", separated by “;”"
            else:
                text = f"The {meta.verbose_name}'s {widget.described_keys()}"
            text += "." if values else ", as the admin shows it."
        elif isinstance(widget, AmountWidget):
            text = MONEY_HELP if widget.money else "A whole number." if widget.whole else "A number."
        elif isinstance(widget, YesNoWidget):
            text = "Yes or no (empty is no)."
        elif isinstance(widget, DayWidget):
            text = "A date: 2022-12-02 or 2 December 2022."
        elif isinstance(widget, widgets.DateTimeWidget):
            text = "A date and time: 2022-12-02 14:00."
        else:
            text = "Text."
        django_field = model_field(self._meta.model, field.attribute)
        required = bool(django_field and not django_field.blank and not django_field.has_default())
        if field.attribute == "slug" and self.slug_from:
            required = False
            text += f" Empty: made from the {self.column_of(self.slug_from)} of a new row."
        return {"column": field.column_name, "required": required, "text": text, "values": values}

    def columns(self):
        return [self.describe(field) for field in self.import_columns()]

    def template_csv(self):
        dataset = tablib.Dataset(headers=[field.column_name for field in self.import_columns()])
        return dataset.export("csv")

    def template_xlsx(self):
        """A workbook: the headings on the first sheet (the one an import reads), the columns
        explained on the second, every accepted value of a coded column on the third."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        columns = self.columns()
        book = Workbook()
        data = book.active
        data.title = str(self._meta.model._meta.verbose_name_plural).capitalize()[:31]
        data.append([column["column"] for column in columns])
        notes = book.create_sheet("Columns")
        notes.append(["Column", "Required", "What to write"])
        for column in columns:
            notes.append([column["column"], "yes" if column["required"] else "", column["text"]])
        accepted = book.create_sheet("Accepted values")
        accepted.append(["Column", "Write", "or its code"])
        for column in columns:
            for code, label in column["values"] or []:
                accepted.append([column["column"], label, code])
        for sheet in (data, notes, accepted):
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        book.active = 0
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        versions.end_version(instance, user=getattr(self, "acting_user", None))

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
