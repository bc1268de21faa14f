"""Full-text search over a model's own text fields, indexed and kept current by the database.

- PostgreSQL: a stored generated column `search_document` (a `tsvector` of the fields, with the
  `simple` configuration) and a GIN index on it.
- SQLite: an FTS5 table `<table>_fts` over the same columns (external content: it stores only the
  index), kept in step with the table by insert, update and delete triggers.

Both are made by the `CreateFullTextIndex` migration operation and maintained by the database
itself, so every write path (admin, API, IATI import, `bulk_create`, `loaddata`, a restore) keeps
the index current without any Python code remembering to. A search is then an index lookup, not a
scan of the table.

A query is split into words; a record matches when every word begins a word in one of its indexed
fields ("informal" finds "informality", "XM-DAC-41302" finds that identifier), whatever the case,
and the same on both databases. The `simple` configuration (no stemming, no stop words) is what
makes PostgreSQL and SQLite agree; prefix matching gives most of what stemming would.

A model opts in with `full_text_fields` (the fields its migration indexed) and a queryset that
inherits `SearchableQuerySet`; another database than these two falls back to a `LIKE` scan.

**Relevance.** `ranked(text)` orders the matches best first, the same way on both databases:
first the records whose name or title (`TITLE_FIELDS`: name, title, short name, acronym) holds
every word, then the others; within each, by the database's own score with the title fields
weighted above the rest (FTS5's `bm25()` with column weights on SQLite; `ts_rank()` over a
weighted `tsvector` on PostgreSQL, computed for the matching rows only, which the GIN index found).
An explicit `sort` replaces the order.

**Suggestions.** `suggest(text, vocabulary)` offers a correction for words that begin no word of
the site ("Japn" → "japan"), from a vocabulary of words the reader may see: `vocabulary(querysets)`
reads it from the records a visibility-filtered queryset gives (kernel/visibility.py), so a word
that only a draft holds is never offered to the public.
"""

import difflib
import re
from collections import Counter
from functools import reduce
from operator import and_, or_

from django.db import connections, models
from django.db.migrations.operations.base import Operation
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from kernel.translation import languages

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 10
MAX_WORD_LENGTH = 60
POSTGRES_COLUMN = "search_document"
TRIGGER_EVENTS = ("insert", "delete", "update")
# The fields that name a record: a match there ranks first.
TITLE_FIELDS = ("name", "title", "short_name", "acronym")
TITLE_WEIGHT = 10.0  # SQLite's bm25() weight of a title field (other fields weigh 1)
# PostgreSQL's ts_rank weights for the labels D, C, B, A: titles are A, the rest D.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def query_words(text):
    """The words of a query, as the indexes cut them: letters and digits, lowercase, at most ten."""
    return [word[:MAX_WORD_LENGTH] for word in WORD.findall((text or "").lower())[:MAX_WORDS]]


def untranslated(field_name):
    """`title_fr` is a translation of `title`, a title field too (kernel.translation)."""
    base, _, language = field_name.rpartition("_")
    return base if base and language in languages() else field_name


def fts_table(table):
    return f"{table}_fts"


def postgres_index(table):
    return f"{table}_search_gin"


def create_sql(vendor, table, columns, quote):
    """The statements that make and fill a table's index on this database (none elsewhere)."""
    if vendor == "postgresql":
        document = " || ' ' || ".join(f"coalesce({quote(column)}, '')" for column in columns)
        return [
            f"ALTER TABLE {quote(table)} ADD COLUMN {POSTGRES_COLUMN} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {document})) STORED",
            f"CREATE INDEX {quote(postgres_index(table))} ON {quote(table)} USING gin ({POSTGRES_COLUMN})",
        ]
    if vendor == "sqlite":
        index = quote(fts_table(table))
        names = ", ".join(quote(column) for column in columns)
        new = ", ".join(f"new.{quote(column)}" for column in columns)
        old = ", ".join(f"old.{quote(column)}" for column in columns)
        remove = f"INSERT INTO {index} ({index}, rowid, {names}) VALUES ('delete', old.id, {old});"
        add = f"INSERT INTO {index} (rowid, {names}) VALUES (new.id, {new});"

        def trigger(event, body):
            name = quote(f"{table}_fts_{event}")
            return f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} BEGIN {body} END"

        return [
            f"CREATE VIRTUAL TABLE {index} USING fts5({names}, content={quote(table)}, content_rowid='id', "
            f"tokenize='unicode61 remove_diacritics 0')",
            f"INSERT INTO {index} ({index}) VALUES ('rebuild')",
            trigger("insert", add),
            trigger("delete", remove),
            trigger("update", f"{remove} {add}"),
        ]
    return []


def drop_sql(vendor, table, quote):
    if vendor == "postgresql":
        return [
            f"DROP INDEX IF EXISTS {quote(postgres_index(table))}",
            f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {POSTGRES_COLUMN}",
        ]
    if vendor == "sqlite":
        return [
            *(
                f"DROP TRIGGER IF EXISTS {quote(f'{table}_fts_{event}')}"
                for event in ("insert", "delete", "update")
            ),
            f"DROP TABLE IF EXISTS {quote(fts_table(table))}",
        ]
    return []


class CreateFullTextIndex(Operation):
    """Migration operation: index `fields` of `model_name` for full-text search (see the module)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name, fields):
        self.model_name = model_name
        self.fields = list(fields)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"model_name": self.model_name, "fields": self.fields}

    def state_forwards(self, app_label, state):
        pass  # the index lives in the database only; no field of the model changes

    def _run(self, statements, schema_editor):
        for statement in statements:
            schema_editor.execute(statement, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            columns = [model._meta.get_field(name).column for name in self.fields]
            vendor = schema_editor.connection.vendor
            self._run(
                create_sql(vendor, model._meta.db_table, columns, schema_editor.quote_name), schema_editor
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            vendor = schema_editor.connection.vendor
            self._run(drop_sql(vendor, model._meta.db_table, schema_editor.quote_name), schema_editor)

    def describe(self):
        return f"Create a full-text index on {self.model_name} ({', '.join(self.fields)})"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_full_text"


class RestoreFullTextIndex(CreateFullTextIndex):
    """Migration operation: make a SQLite table's index and triggers anew after a change that
    remade the table (SQLite's `AlterField` copies the table and drops the old one, and its
    triggers with it: the index would stop following writes). Put it after such operations, and
    before them too so that reversing them restores it as well; it does nothing on PostgreSQL, whose
    generated column survives any change of another column."""

    reversible = True

    def _restore(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or not self.allow_migrate_model(connection.alias, model):
            return
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in self.fields]
        quote = schema_editor.quote_name
        self._run(
            drop_sql("sqlite", table, quote) + create_sql("sqlite", table, columns, quote), schema_editor
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._restore(app_label, schema_editor, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._restore(app_label, schema_editor, to_state)

    def describe(self):
        return f"Restore the full-text index on {self.model_name} (SQLite)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_full_text_restored"


class ReplaceFullTextIndex(CreateFullTextIndex):
    """Migration operation: index other fields of a model than before (new columns, such as a
    field's translations): the old index is dropped and the new one made and filled, on both
    databases; reversed, the old one comes back. Put it after the operations that add the columns
    (and a `RestoreFullTextIndex` of the old fields before them, for their reversal on SQLite)."""

    def __init__(self, model_name, fields, old_fields):
        super().__init__(model_name, fields)
        self.old_fields = list(old_fields)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {**kwargs, "old_fields": self.old_fields}

    def _replace(self, app_label, schema_editor, state, fields):
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        vendor = schema_editor.connection.vendor
        table = model._meta.db_table
        quote = schema_editor.quote_name
        columns = [model._meta.get_field(name).column for name in fields]
        self._run(drop_sql(vendor, table, quote) + create_sql(vendor, table, columns, quote), schema_editor)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._replace(app_label, schema_editor, to_state, self.fields)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._replace(app_label, schema_editor, to_state, self.old_fields)

    def describe(self):
        return f"Index {self.model_name} for full-text search anew ({', '.join(self.fields)})"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_full_text_replaced"


class SearchableQuerySet(models.QuerySet):
    """`Project.objects.search("decent work")`: the rows whose indexed fields hold every word."""

    def search(self, text):
        words = query_words(text)
        if not words:
            # Only punctuation: nothing can match it, rather than everything.
            return self.none() if (text or "").strip() else self
        return self.filter(pk__in=self._matching_ids(words))

    def ranked(self, text):
        """The matches of `search(text)`, best first: records whose name or title holds every word,
        then the others, each by the database's relevance score, then by id (see the module)."""
        words = query_words(text)
        rows = self.search(text)
        if not words:
            return rows
        title, score = self._relevance(words)
        # `alias`, not `annotate`: computed only for the ordering, never for a count or a facet.
        return rows.alias(search_title_match=title, search_score=score).order_by(
            "-search_title_match", "search_score", "pk"
        )

    def _relevance(self, words):
        """(1 when the title fields hold every word else 0, a score where lower is better)."""
        model = self.model
        fields = list(model.full_text_fields)
        titles = [field for field in fields if untranslated(field) in TITLE_FIELDS] or fields[:1]
        connection = connections[self.db]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)

        def column(field):
            return f"{table}.{quote(model._meta.get_field(field).column)}"

        if connection.vendor == "postgresql":
            query = " & ".join(f"{word}:*" for word in words)
            tsquery = "to_tsquery('simple'::regconfig, %s)"
            title_document = " || ' ' || ".join(f"coalesce({column(field)}, '')" for field in titles)
            weighted = " || ".join(
                f"setweight(to_tsvector('simple'::regconfig, coalesce({column(field)}, '')), "
                f"'{'A' if field in titles else 'D'}')"
                for field in fields
            )
            title = RawSQL(
                f"CASE WHEN to_tsvector('simple'::regconfig, {title_document}) @@ {tsquery} "
                "THEN 1 ELSE 0 END",
                [query],
                output_field=IntegerField(),
            )
            score = RawSQL(f"-ts_rank('{POSTGRES_WEIGHTS}', {weighted}, {tsquery}, 1)", [query])
            return title, score
        if connection.vendor == "sqlite":
            index = quote(fts_table(model._meta.db_table))
            phrase = " ".join(f'"{word}"*' for word in words)
            columns = " ".join(model._meta.get_field(field).column for field in titles)
            weights = ", ".join(str(TITLE_WEIGHT if field in titles else 1.0) for field in fields)
            rowid = column(model._meta.pk.name)
            title = RawSQL(
                f"CASE WHEN EXISTS (SELECT 1 FROM {index} WHERE {index} MATCH %s AND rowid = {rowid}) "
                "THEN 1 ELSE 0 END",
                [f"{{{columns}}} : ({phrase})"],
                output_field=IntegerField(),
            )
            score = RawSQL(
                f"(SELECT bm25({index}, {weights}) FROM {index} WHERE {index} MATCH %s AND rowid = {rowid})",
                [phrase],
            )
            return title, score
        title = Case(
            When(
                reduce(
                    and_,
                    (reduce(or_, (models.Q(**{f"{f}__icontains": w}) for f in titles)) for w in words),
                ),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
        return title, Value(0)

    def _matching_ids(self, words):
        model = self.model
        table = model._meta.db_table
        connection = connections[self.db]
        quote = connection.ops.quote_name
        if connection.vendor == "postgresql":
            query = " & ".join(f"{word}:*" for word in words)
            return RawSQL(
                f"SELECT {quote(model._meta.pk.column)} FROM {quote(table)} "
                f"WHERE {POSTGRES_COLUMN} @@ to_tsquery('simple'::regconfig, %s)",
                [query],
            )
        if connection.vendor == "sqlite":
            index = quote(fts_table(table))
            query = " ".join(f'"{word}"*' for word in words)
            return RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [query])
        # Another database: every word begins a word somewhere in one of the fields (a scan).
        fields = model.full_text_fields
        return (
            model._base_manager.using(self.db)
            .filter(
                reduce(
                    and_,
                    (
                        reduce(or_, (models.Q(**{f"{field}__icontains": word}) for field in fields))
                        for word in words
                    ),
                )
            )
            .values("pk")
        )


# Suggestions ("Did you mean …?")

MIN_SUGGESTED_LENGTH = 3  # shorter words are too often a fine word of their own


def vocabulary(querysets):
    """{word: (how many times it occurs, its most frequent spelling)} over the indexed fields of the
    rows the querysets give; words are keyed in lowercase, as the search matches them.

    Each queryset is one a reader may see (`Model.objects.visible_to(user)`), so the vocabulary
    holds no word that only a record hidden from that reader has."""
    spellings = Counter()
    for queryset in querysets:
        fields = queryset.model.full_text_fields
        for values in queryset.order_by().values_list(*fields).iterator(chunk_size=2000):
            for value in values:
                if value:
                    spellings.update(WORD.findall(value))
    words = {}
    for spelling, count in spellings.most_common():
        key = spelling.lower()
        total, display = words.get(key, (0, spelling))
        words[key] = (total + count, display)
    return words


def _known(word, words):
    """Whether the word begins a word of the vocabulary (as the search matches it)."""
    return word in words or any(candidate.startswith(word) for candidate in words)


def suggest(text, words):
    """A corrected query, or None: each word of `text` that begins no word of the vocabulary
    (`vocabulary()`) is replaced by the closest word that does, spelt as the site spells it; of
    equally close words, the more frequent. None when every word is known or one has no close word."""
    given = WORD.findall(text or "")[:MAX_WORDS]
    if not given or not words:
        return None
    corrected, changed = [], False
    for original in given:
        word = original.lower()[:MAX_WORD_LENGTH]
        if word.isdigit() or len(word) < MIN_SUGGESTED_LENGTH or _known(word, words):
            corrected.append(original)
            continue
        candidates = [
            candidate
            for candidate in words
            if abs(len(candidate) - len(word)) <= 2 and len(candidate) >= MIN_SUGGESTED_LENGTH
        ]
        close = difflib.get_close_matches(word, candidates, n=5, cutoff=0.75)
        if not close:
            return None
        best = max(
            close,
            key=lambda candidate: (
                round(difflib.SequenceMatcher(None, word, candidate).ratio(), 2),
                words[candidate][0],
                candidate,
            ),
        )
        corrected.append(words[best][1])
        changed = True
    return " ".join(corrected) if changed else None
