"""Backups the site can restore: every record, its history, users and groups, in one versioned file.

The file is JSON lines (gzip-compressed when its name ends in .gz): a header line that says what wrote
it, then one line per row, in Django's serialization format. Rows keep their database ids, so links
between records and their history survive as they are; users, groups and permissions are written by
natural key (username, name; permissions as codename and model), because a database makes its own
permissions and content types at `migrate` and numbers them in its own way.

It does not depend on the database vendor: a backup taken on SQLite restores on PostgreSQL and back.
"""

import datetime
import gzip
import itertools
import json
import os
import tempfile
import tomllib
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers import python as python_serializer
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from kernel.versioning import bump_content_version

FORMAT = "ilopartners-backup"
FORMAT_VERSION = 1
CHUNK_SIZE = 2000

# Made anew by `migrate` in every database (content types, permissions), or not worth keeping:
# sessions would log people in as whoever now has their id, and login-failure counters are the past.
EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
# Rows `migrate` makes by itself: a database holding only these is empty enough to restore into.
MADE_BY_MIGRATE = {"auth.group", "taxonomy.region", "taxonomy.country", "taxonomy.theme", "taxonomy.sdg"}


class BackupError(Exception):
    """The file cannot be restored here, and nothing was changed."""


def natural_key_models():
    """Models referred to and written by natural key: those each database numbers in its own way."""
    return {ContentType, Permission, Group, apps.get_model(settings.AUTH_USER_MODEL)}


def backed_up_models():
    """Every model with rows worth keeping, groups and users first (later rows refer to them)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    models = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_APPS
        and model not in {Permission, Group, user_model}
        # cache state, renewed by a restore
        and model._meta.label not in {"kernel.ContentVersion", "kernel.ContentSlice"}
    ]
    return [Group, user_model, *models]


def app_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def applied_migrations(using=DEFAULT_DB_ALIAS):
    """{app label: name of its latest applied migration}."""
    latest = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        latest[app_label] = max(latest.get(app_label, ""), name)
    return dict(sorted(latest.items()))


class Serializer(python_serializer.Serializer):
    """Django's serializer with natural keys for users, groups, permissions and content types only.

    Everything else keeps its database id: a historical record may point to a theme or a source that
    has since been deleted, and only an id can say which one it was.
    """

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in self.natural
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in self.natural
        super().handle_m2m_field(obj, field)

    def rows(self, model, queryset):
        self.natural = natural_key_models()
        use_natural_primary_keys = model in self.natural
        natural_fks = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.remote_field.model in self.natural
        ]
        queryset = queryset.select_related(*natural_fks).order_by("pk")
        iterator = queryset.iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(itertools.islice(iterator, CHUNK_SIZE)):
            yield from self.serialize(
                chunk,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=use_natural_primary_keys,
            )


class Encoder(DjangoJSONEncoder):
    """Django's JSON encoder, keeping times to the microsecond (Django's stops at milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def open_file(path, mode):
    path = str(path)
    if path.endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def write_backup(path, using=DEFAULT_DB_ALIAS):
    """Write a backup of the database to `path`; returns the header, with the count of each model."""
    connection = connections[using]
    models = backed_up_models()
    path = Path(path)
    # Written next to its final place, then renamed: a failed backup never leaves half a file.
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    if path.name.endswith(".gz"):
        partial_path = partial + ".gz"
        os.rename(partial, partial_path)
    else:
        partial_path = partial
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                # One snapshot for the whole dump, whatever is being written meanwhile.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            counts = {model._meta.label_lower: model._base_manager.using(using).count() for model in models}
            header = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": app_version(),
                "django_version": django.get_version(),
                "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
                "database_vendor": connection.vendor,
                "migrations": applied_migrations(using),
                "counts": counts,
            }
            serializer = Serializer()
            with open_file(partial_path, "w") as file:
                file.write(json.dumps(header) + "\n")
                for model in models:
                    for row in serializer.rows(model, model._base_manager.using(using).all()):
                        file.write(json.dumps(row, cls=Encoder, ensure_ascii=False) + "\n")
        os.replace(partial_path, path)
    finally:
        if os.path.exists(partial_path):
            os.unlink(partial_path)
    return header


def read_header(path):
    try:
        with open_file(path, "r") as file:
            header = json.loads(file.readline())
    except (OSError, ValueError, EOFError) as error:
        raise BackupError(f"{path} is not a readable backup: {error}") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not an ILO Partners backup.")
    if header.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format {header.get('format_version')}; this version reads format "
            f"{FORMAT_VERSION} only."
        )
    return header


def content_present(using=DEFAULT_DB_ALIAS):
    """Labels of the models that hold rows `migrate` did not make (content, history, users…)."""
    return [
        model._meta.label
        for model in backed_up_models()
        if model._meta.label_lower not in MADE_BY_MIGRATE and model._base_manager.using(using).exists()
    ]


def tables_to_clear(models):
    """Tables a restore empties first: those it fills, their many-to-many tables, and the sessions."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables.extend(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
    if apps.is_installed("django.contrib.sessions"):
        tables.append(apps.get_model("sessions", "Session")._meta.db_table)
    return list(dict.fromkeys(tables))


def restore_backup(path, force=False, using=DEFAULT_DB_ALIAS):
    """Replace the database's content with a backup's, in one transaction; returns the header.

    Refuses (BackupError, nothing changed) a file of another format, a database whose migrations are
    not the ones the backup was taken at, and, unless `force`, a database that has content.
    """
    header = read_header(path)
    migrations = applied_migrations(using)
    if header["migrations"] != migrations:
        differences = sorted(
            f"{app}: backup {header['migrations'].get(app, '-')}, database {migrations.get(app, '-')}"
            for app in set(header["migrations"]) | set(migrations)
            if header["migrations"].get(app) != migrations.get(app)
        )
        raise BackupError(
            "The database is not at the migrations the backup was taken at ("
            + "; ".join(differences)
            + "). Restore with the version of the site that wrote the backup, then migrate."
        )
    present = content_present(using)
    if present and not force:
        raise BackupError(
            "The database is not empty (it has "
            + ", ".join(present[:5])
            + (" and more" if len(present) > 5 else "")
            + "). Restore into a freshly migrated database, or use --force to replace its content."
        )
    models = backed_up_models()
    unknown = set(header["counts"]) - {model._meta.label_lower for model in models}
    if unknown:
        raise BackupError(f"The backup holds rows of models this site does not have: {sorted(unknown)}")
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table with foreign key checks still pending in the transaction.
            connection.check_constraints()
        with connection.constraint_checks_disabled():
            connection.ops.execute_sql_flush(
                connection.ops.sql_flush(no_style(), tables_to_clear(models), reset_sequences=True)
            )
            loaded_tables = _load_rows(path, using, models)
        try:
            connection.check_constraints(table_names=sorted(loaded_tables))
        except IntegrityError as error:
            raise BackupError(
                f"A row refers to a record the backup does not hold: {_cause(error)}"
            ) from error
        sequence_sql = connection.ops.sequence_reset_sql(no_style(), models)
        if sequence_sql:
            with connection.cursor() as cursor:
                for statement in sequence_sql:
                    cursor.execute(statement)
        counts = {model._meta.label_lower: model._base_manager.using(using).count() for model in models}
        expected = header["counts"]
        mismatched = {
            label: (expected.get(label, 0), counts.get(label, 0))
            for label in set(expected) | set(counts)
            if expected.get(label, 0) != counts.get(label, 0)
        }
        if mismatched:
            raise BackupError(f"Restored rows do not match the backup (backup, restored): {mismatched}")
        bump_content_version()  # rows were written without signals
    return header


def _load_rows(path, using, models):
    """Write the backup's rows; a row that cannot be read or written is a BackupError naming its line
    (the caller's transaction then leaves the database as it was)."""
    allowed = {model._meta.label_lower for model in models}
    tables = set()
    deferred = []
    with open_file(path, "r") as file:
        file.readline()  # the header
        rows = _numbered_rows(file, allowed)
        while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
            numbers = [number for number, _row in chunk]
            objects = python_serializer.Deserializer(
                [row for _number, row in chunk], using=using, handle_forward_references=True
            )
            for number in numbers:
                try:
                    deserialized = next(objects)
                    # Restored rows are history already: setting their relations must not add to it.
                    deserialized.object.skip_history_when_saving = True
                    deserialized.save(using=using)
                except RESTORE_ERRORS as error:
                    raise BackupError(
                        f"Line {number} ({_describe(chunk[numbers.index(number)][1])}): {_cause(error)}"
                    ) from error
                tables.add(deserialized.object._meta.db_table)
                if deserialized.deferred_fields:
                    deferred.append((number, deserialized))
    for number, deserialized in deferred:
        try:
            deserialized.save_deferred_fields(using=using)
        except RESTORE_ERRORS as error:
            raise BackupError(f"Line {number}: {_cause(error)}") from error
    return tables


def _numbered_rows(file, allowed):
    """(line number, row) for each row of the file after the header, each checked to be a row of a
    model that backups hold."""
    number = 1
    try:
        for number, line in enumerate(file, start=2):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                raise BackupError(f"Line {number} is not JSON: {error}.") from error
            if not isinstance(row, dict) or not isinstance(row.get("model"), str):
                raise BackupError(f"Line {number} is not a row of a model.")
            if row["model"].lower() not in allowed:
                raise BackupError(f"Line {number} is a row of {row['model']}, which backups do not hold.")
            yield number, row
    except (EOFError, OSError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The file cannot be read after line {number} (truncated or corrupted?): {error}"
        ) from error


def _describe(row):
    return f"{row.get('model', '?')} {row.get('pk', '')}".strip()


def _cause(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# What reading or writing one row can raise: each is reported as the line's error.
RESTORE_ERRORS = (
    DeserializationError,
    IntegrityError,
    DatabaseError,
    ValidationError,
    ValueError,
    LookupError,
    TypeError,
)
