"""Translating records through a spreadsheet: export a model's text in English and one language,
have it translated, read it back as a list of changes to confirm, then write them.

- **The file.** One row per record; the first column is its key (its slug, or its id where the
  model has no slug); then, for each translatable field, its English text and its text in the
  language ("title (English)", "title (French)"); last, how that language's text was made. Cells
  are made safe against formula injection (kernel/spreadsheets.py) and read back the same.
- **Reading it back.** Only the language's columns are read: the English columns and the "how it was
  made" column are there for the translator and are never written (an edited English cell changes
  nothing). Every problem of the file is reported at once, by row and column (a key that names no
  record, a key twice, a column the file should not have, text longer than the field holds, a file
  that is not a spreadsheet); a file with any problem changes nothing.
- **Writing.** `apply` writes the changes a preview listed, after checking that nobody changed those
  texts since, each record saved once through `kernel.services.save_record` (so its history records
  the change and who made it) with how the text was made as the editor chose, in one transaction.
"""

import csv
import io
from dataclasses import dataclass

import tablib
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from kernel import services
from kernel.spreadsheets import neutralise, restore
from kernel.translation import column, languages, provenance_field_name, translated_fields

SALT = "kernel.translation_sheets"
# A preview's confirmation is accepted for this long.
PREVIEW_MAX_AGE = 24 * 60 * 60
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetProblems(Exception):
    """The file cannot be read back: every problem, as sentences naming the row and the column."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Change:
    pk: int
    key: str
    record: str
    field: str
    old: str
    new: str


def english_name(language):
    """The language's name in English, whatever the interface's language: headings never change."""
    return translation.get_language_info(language)["name"]


def key_field(model):
    """The column that names a record: its slug when it has one, else its id."""
    names = {field.name for field in model._meta.get_fields()}
    return "slug" if "slug" in names else "id"


def heading(field_name, language):
    return f"{field_name} ({english_name(language)})"


def provenance_heading(language):
    return f"how the {english_name(language)} text was made"


def headings(model, language):
    fields = translated_fields(model)
    return [
        key_field(model),
        *(name for field in fields for name in (heading(field, "en"), heading(field, language))),
        provenance_heading(language),
    ]


def check_language(language):
    if language not in languages():
        raise SheetProblems([f"“{language}” is not a language records are translated into."])


def export(queryset, language):
    """An XLSX file of the records' text in English and `language`, ordered by key."""
    check_language(language)
    model = queryset.model
    key = key_field(model)
    fields = translated_fields(model)
    dataset = tablib.Dataset(headers=headings(model, language))
    dataset.title = str(model._meta.verbose_name_plural)[:31]
    for record in queryset.order_by(key if key == "slug" else "pk"):
        row = [str(getattr(record, "pk" if key == "id" else key))]
        for field in fields:
            row += [
                neutralise(getattr(record, field) or ""),
                neutralise(getattr(record, column(field, language)) or ""),
            ]
        row.append(getattr(record, provenance_field_name(language)) or "")
        dataset.append(row)
    return dataset.export("xlsx")


def read_rows(content):
    """The file's rows (the first being its headings), from XLSX or CSV (UTF-8); else SheetProblems."""
    if content[:4] == b"PK\x03\x04":
        try:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise SheetProblems([f"The file could not be read as an XLSX spreadsheet ({error})."]) from error
        return [dataset.headers or [], *(list(row) for row in dataset)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetProblems(
            ["The file is not a spreadsheet: upload the XLSX file exported here, or a CSV in UTF-8."]
        ) from error
    if "\x00" in text:
        raise SheetProblems(
            ["The file is not a spreadsheet: upload the XLSX file exported here, or a CSV in UTF-8."]
        )
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise SheetProblems([f"The file could not be read as CSV ({error})."]) from error


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def limit(model, name):
    """The most characters the column holds."""
    field = model._meta.get_field(name)
    if field.max_length:
        return field.max_length
    if isinstance(field, models.TextField):
        return settings.TEXT_MAX_CHARS
    return None


def read_changes(model, language, content, queryset=None):
    """The changes the file makes to the records' text in `language`, or SheetProblems with them all."""
    check_language(language)
    queryset = model._default_manager.all() if queryset is None else queryset
    rows = read_rows(content)
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)] if rows else rows
    if not rows:
        raise SheetProblems(["The file is empty: it has no headings and no rows."])
    heads = [str(cell or "").strip() for cell in rows[0]]
    key = key_field(model)
    fields = translated_fields(model)
    wanted = {heading(field, language): field for field in fields}
    known = {key, provenance_heading(language), *wanted, *(heading(field, "en") for field in fields)}
    problems = []
    if key not in heads:
        problems.append(f"Row 1: the file has no “{key}” column, which names each record.")
    for number, name in enumerate(heads, start=1):
        if name and name not in known:
            problems.append(
                f"Row 1, column {number} (“{name}”): not a column of this file for {english_name(language)}."
            )
    if not any(name in wanted for name in heads):
        problems.append(
            f"Row 1: the file has no {english_name(language)} column, such as “{next(iter(wanted))}”."
        )
    if heads.count(key) > 1 or any(heads.count(name) > 1 for name in wanted):
        problems.append("Row 1: a column appears twice.")
    if problems:
        raise SheetProblems(problems)
    key_index = heads.index(key)
    columns = [(heads.index(name), field) for name, field in wanted.items() if name in heads]
    keys = [cell_text(row[key_index]).strip() if key_index < len(row) else "" for row in rows[1:]]
    lookup = "slug" if key == "slug" else "pk"
    valid = [value for value in keys if value and (key == "slug" or value.isdigit())]
    records = {str(getattr(record, lookup)): record for record in queryset.filter(**{f"{lookup}__in": valid})}
    seen = set()
    changes = []
    for number, (row, value) in enumerate(zip(rows[1:], keys, strict=True), start=2):
        if not value:
            problems.append(f"Row {number}, column “{key}”: empty; it must name a record.")
            continue
        record = records.get(value)
        if record is None:
            problems.append(f"Row {number}, column “{key}”: no {model._meta.verbose_name} “{value}”.")
            continue
        if value in seen:
            problems.append(f"Row {number}, column “{key}”: “{value}” appears on an earlier row too.")
            continue
        seen.add(value)
        for index, field in columns:
            name = column(field, language)
            new = cell_text(row[index]) if index < len(row) else ""
            most = limit(model, name)
            if most is not None and len(new) > most:
                problems.append(
                    f"Row {number}, column “{heading(field, language)}”: the text has {len(new):,} "
                    f"characters; the field holds at most {most:,}."
                )
                continue
            old = getattr(record, name) or ""
            if new != old:
                changes.append(Change(record.pk, value, str(record), name, old, new))
    if problems:
        raise SheetProblems(problems)
    return changes


def sign(model, language, changes):
    """The changes a preview lists, signed, for its confirmation to send back unaltered."""
    payload = {
        "model": model._meta.label_lower,
        "language": language,
        "changes": [[change.pk, change.field, change.old, change.new] for change in changes],
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def unsign(model, token):
    """(language, [(pk, field, old, new)]) of a signed preview of `model`; SheetProblems if it is not one."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise SheetProblems(["The preview is more than a day old: upload the file again."]) from error
    except signing.BadSignature as error:
        raise SheetProblems(
            ["The confirmation does not match a preview made here: upload the file again."]
        ) from error
    if payload.get("model") != model._meta.label_lower:
        raise SheetProblems(["The confirmation is for another kind of record: upload the file again."])
    return payload["language"], payload["changes"]


@transaction.atomic
def apply(model, language, changes, *, user, made):
    """Write the previewed changes; returns the records changed. Raises SheetProblems, writing nothing,
    when a text was changed by someone else since the preview or a value is refused."""
    check_language(language)
    allowed = {column(field, language) for field in translated_fields(model)}
    by_record = {}
    for pk, field, old, new in changes:
        if field not in allowed:
            raise SheetProblems([f"“{field}” is not a {english_name(language)} text of this record."])
        by_record.setdefault(pk, []).append((field, old, new))
    records = model._base_manager.select_for_update().in_bulk(list(by_record))
    problems = []
    for pk, edits in by_record.items():
        record = records.get(pk)
        if record is None:
            problems.append(
                f"The {model._meta.verbose_name} with id {pk} has been deleted since the preview."
            )
            continue
        for field, old, new in edits:
            if (getattr(record, field) or "") != old:
                problems.append(f"“{record}”: its {field} was changed by someone else since the preview.")
            setattr(record, field, new)
        try:
            record.clean_fields(
                exclude=[f.name for f in model._meta.fields if f.name not in {e[0] for e in edits}]
            )
        except ValidationError as error:
            problems += [
                f"“{record}”, {field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            ]
    if problems:
        raise SheetProblems(problems)
    note = f"Translations ({english_name(language)}) imported from a spreadsheet"
    changed = []
    for pk in by_record:
        record = records[pk]
        setattr(record, provenance_field_name(language), made)
        services.save_record(record, user=user, note=note)
        changed.append(record)
    return changed
