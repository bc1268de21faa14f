"""Full-text search over a model's own text fields, indexed and kept current by the database.

- PostgreSQL: a stored generated column `search_document` (a `tsvector`, see "Languages") and a
  GIN index on it.
- SQLite: an FTS5 table `<table>_fts` over the same columns (external content: it stores only the
  index) plus a column of Japanese pieces, kept in step with the table by insert, update and delete
  triggers written in plain SQL (no function of ours: any client's write keeps it).

Both are made by the `CreateFullTextIndex` migration operation and maintained by the database
itself, so every write path (admin, API, IATI import, `bulk_create`, `loaddata`, a restore) keeps
the index current without any Python code remembering to. A search is then an index lookup, not a
scan of the table.

A query is split into words; a record matches when every word begins a word in one of its indexed
fields ("informal" finds "informality", "XM-DAC-41302" finds that identifier), whatever the case
and the accents ("developpement" finds "développement"), and the same on both databases.

**Languages** (version 2 of the index; `LATEST_VERSION`). The index holds every word as written,
diacritics folded (our `ilopartners_simple` configuration: `simple` with `unaccent`; FTS5's
`unicode61 remove_diacritics 2`). On PostgreSQL it also holds the stems of the French and Spanish
fields (`ilopartners_french`, `ilopartners_spanish`: PostgreSQL's snowball stemmers after
`unaccent`), each under its own weight label (C, B; plain words are D) so that a French stem only
matches French text. A query word matches as a prefix of a plain word, or by its French or its
Spanish stem as a prefix of a stem: whatever the page's language, "coopération" finds
"coopératives" and "trabajo" "trabajadores". SQLite has no French or Spanish stemmer: there a word
matches by its beginning only (the same records whenever the beginning is enough). English is not
stemmed (prefix matching gives most of it, and both databases agree on it).

**Japanese** is written without spaces, so its words are not the index's words. Each run of kanji
and kana (`CJK_RANGES`) is also indexed as its overlapping two-character pieces ("bigrams": 社会的
連帯経済 → 社会 会的 的連 連帯 帯経 経済), in the same index: PostgreSQL's tsvector (function
`ilopartners_cjk_bigrams`, made by the migration) and the FTS5 table's `search_ngrams` column. A
Japanese query word (a run of those characters; `query_words` cuts it from Latin letters next to
it) of two characters is one piece, an exact lookup; of three or more, the index finds the records
holding all its pieces and those holding the word itself, the pieces side by side, are kept (a
`strpos`/`instr` check on those rows only); of one character, it begins a piece (found where another
kanji or kana follows it). So 連帯 finds 社会的連帯経済 on both databases. One index answers every
length: a trigram index (pg_trgm, FTS5's `trigram` tokenizer) would answer only words of three
characters or more and needs the pieces for two anyway.

A model opts in with `full_text_fields` (the fields its migration indexed) and a queryset that
inherits `SearchableQuerySet`; another database than these two falls back to a `LIKE` scan.

**Relevance.** `ranked(text)` orders the matches best first, the same way on both databases:
first the records whose name or title (`TITLE_FIELDS`: name, title, short name, acronym, and their
translations) holds every word, then the others; within each, by the database's own score (FTS5's
`bm25()` with the title fields weighted above the rest on SQLite; `ts_rank()` over the stored
`tsvector` on PostgreSQL, computed for the matching rows only, which the GIN index found). A
Japanese word counts by its pieces in the score and by `strpos`/`instr` in the title test. An
explicit `sort` replaces the order.

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

# The forms of the index, as the migrations made them (an operation's `version`):
# 1. words as written (the `simple` configuration; FTS5 unicode61 keeping diacritics);
# 2. besides, diacritics folded ("developpement" finds "développement"), French and Spanish stems on
#    PostgreSQL, and the overlapping two-character pieces of Japanese text (see "Japanese" above).
LATEST_VERSION = 2

# Japanese is written without spaces: its words are found through overlapping two-character pieces
# ("bigrams") of its runs of kanji and kana. The characters of such runs (the same set in Python,
# PostgreSQL regular expressions and SQLite GLOB classes); punctuation (、。・「」) is not one.
CJK_RANGES = "々〆〇ぁ-ゖゝ-ゟァ-ヺー-ヿ㐀-䶿一-鿿豈-﫿ｦ-ﾟ"
CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
# The column of SQLite's FTS5 table that holds the pieces (PostgreSQL puts them in its tsvector).
NGRAM_COLUMN = "search_ngrams"
# PostgreSQL: the function that cuts text into its pieces, and the text search configurations, all
# made by the index's migration (`CreateFullTextIndex`, version 2) if the database has none yet.
BIGRAMS_FUNCTION = "ilopartners_cjk_bigrams"
# Each language stemmed on PostgreSQL: its configuration, and the weight label that keeps its stems
# apart in the one tsvector (a French stem only matches French text's stems; plain words are D).
STEMMED = {"fr": ("french", "C"), "es": ("spanish", "B")}


def configuration(name):
    """Our text search configuration: PostgreSQL's `name` with diacritics folded (unaccent)."""
    return f"ilopartners_{name}"


def query_words(text):
    """The words of a query, as the indexes cut them: letters and digits, lowercase, at most ten.
    A run of Japanese inside a word is a word of its own ("ILO駐日事務所" → "ilo", "駐日事務所")."""
    words = []
    for word in WORD.findall((text or "").lower()):
        words += [piece for piece in re.split(f"([{CJK_RANGES}]+)", word) if piece]
    return [word[:MAX_WORD_LENGTH] for word in words[:MAX_WORDS]]


def is_cjk(word):
    return bool(CJK_RUN.fullmatch(word))


def bigrams(word):
    """The overlapping two-character pieces of a Japanese word: 社会的 → 社会, 会的."""
    return list(dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1)))


def untranslated(field_name):
    """`title_fr` is a translation of `title`, a title field too (kernel.translation)."""
    base, _, language = field_name.rpartition("_")
    return base if base and language in languages() else field_name


def language_of(field_name):
    base, _, language = field_name.rpartition("_")
    return language if base and language in languages() else "en"


def fts_table(table):
    return f"{table}_fts"


def postgres_index(table):
    return f"{table}_search_gin"


def text_of(columns):
    """SQL: the columns' text, one after the other, a space between (no word spans two fields)."""
    return " || ' ' || ".join(f"coalesce({column}, '')" for column in columns) or "''"


def postgres_document(columns_by_field, bigram_pieces=True):
    """SQL: the tsvector of version 2 over {field name: quoted column}: every word as written (D),
    the French and Spanish fields' stems (C, B), and the pieces of their Japanese (see the module)."""
    parts = [f"to_tsvector('{configuration('simple')}'::regconfig, {text_of(columns_by_field.values())})"]
    for language, (name, weight) in STEMMED.items():
        stemmed = [column for field, column in columns_by_field.items() if language_of(field) == language]
        if stemmed:
            parts.append(
                f"setweight(to_tsvector('{configuration(name)}'::regconfig, {text_of(stemmed)}), '{weight}')"
            )
    if bigram_pieces:
        parts.append(f"array_to_tsvector({BIGRAMS_FUNCTION}({text_of(columns_by_field.values())}))")
    return " || ".join(parts)


def postgres_prerequisites():
    """The function and configurations version 2 needs; made once per database, kept after."""
    configurations = "".join(
        f"IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{configuration(name)}') THEN "
        f"CREATE TEXT SEARCH CONFIGURATION {configuration(name)} (COPY = {name}); "
        f"ALTER TEXT SEARCH CONFIGURATION {configuration(name)} ALTER MAPPING FOR hword, hword_part, word "
        f"WITH unaccent, {dictionary}; END IF; "
        for name, dictionary in (("simple", "simple"), ("french", "french_stem"), ("spanish", "spanish_stem"))
    )
    return [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        f"CREATE OR REPLACE FUNCTION {BIGRAMS_FUNCTION}(text) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT coalesce(array_agg(DISTINCT substr(run[1], i, 2)), '{}') "
        f"FROM regexp_matches($1, '[{CJK_RANGES}]{{2,}}', 'g') AS run, "
        "generate_series(1, length(run[1]) - 1) AS i $$",
        f"DO $$ BEGIN {configurations}END $$",
    ]


def sqlite_bigrams(columns):
    """SQL (SQLite, no function of ours needed, so any client's write keeps it): the pieces of the
    columns' Japanese, space-separated. Text with no Japanese skips the walk along its characters."""
    cjk = f"[{CJK_RANGES}]"
    return (
        "(SELECT coalesce(group_concat(substr(piece.d, n.key + 1, 2), ' '), '') "
        f"FROM (SELECT {text_of(columns)} AS d) AS piece, "
        f"json_each(CASE WHEN piece.d GLOB '*{cjk}{cjk}*' "
        "THEN '[' || rtrim(replace(hex(zeroblob(length(piece.d))), '00', '0,'), ',') || ']' "
        "ELSE '[]' END) AS n "
        f"WHERE substr(piece.d, n.key + 1, 2) GLOB '{cjk}{cjk}')"
    )


def create_sql(vendor, table, columns, quote, version=1, fields=None):
    """The statements that make and fill a table's index on this database (none elsewhere).
    `fields` names the columns' fields (their language decides their stemming), in the same order."""
    fields = fields or columns
    if vendor == "postgresql":
        if version >= 2:
            document = postgres_document(
                {field: quote(column) for field, column in zip(fields, columns, strict=True)}
            )
            prerequisites = postgres_prerequisites()
        else:
            document = f"to_tsvector('simple'::regconfig, {text_of(quote(column) for column in columns)})"
            prerequisites = []
        return [
            *prerequisites,
            f"ALTER TABLE {quote(table)} ADD COLUMN {POSTGRES_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({document}) STORED",
            f"CREATE INDEX {quote(postgres_index(table))} ON {quote(table)} USING gin ({POSTGRES_COLUMN})",
        ]
    if vendor == "sqlite":
        index = quote(fts_table(table))
        quoted = [quote(column) for column in columns]
        if version >= 2:
            # The pieces are a column of the index only (not of the table): the index is filled by
            # INSERT … SELECT rather than 'rebuild', which would look for that column in the table.
            names = ", ".join([*quoted, quote(NGRAM_COLUMN)])
            new = ", ".join(
                [*(f"new.{column}" for column in quoted), sqlite_bigrams(f"new.{c}" for c in quoted)]
            )
            old = ", ".join(
                [*(f"old.{column}" for column in quoted), sqlite_bigrams(f"old.{c}" for c in quoted)]
            )
            rows = ", ".join([*quoted, sqlite_bigrams(quoted)])
            fill = f"INSERT INTO {index} (rowid, {names}) SELECT id, {rows} FROM {quote(table)}"
            tokenizer = "unicode61 remove_diacritics 2"
        else:
            names = ", ".join(quoted)
            new = ", ".join(f"new.{column}" for column in quoted)
            old = ", ".join(f"old.{column}" for column in quoted)
            fill = f"INSERT INTO {index} ({index}) VALUES ('rebuild')"
            tokenizer = "unicode61 remove_diacritics 0"
        remove = f"INSERT INTO {index} ({index}, rowid, {names}) VALUES ('delete', old.id, {old});"
        add = f"INSERT INTO {index} (rowid, {names}) VALUES (new.id, {new});"

        def trigger(event, body):
            name = quote(f"{table}_fts_{event}")
            return f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} BEGIN {body} END"

        return [
            f"CREATE VIRTUAL TABLE {index} USING fts5({names}, content={quote(table)}, content_rowid='id', "
            f"tokenize='{tokenizer}')",
            fill,
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
    """Migration operation: index `fields` of `model_name` for full-text search (see the module),
    in the form `version` (`LATEST_VERSION` unless given: a migration names the form it made)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name, fields, version=LATEST_VERSION):
        self.model_name = model_name
        self.fields = list(fields)
        self.version = version

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "fields": self.fields}
        if self.version != LATEST_VERSION:
            kwargs["version"] = self.version
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # the index lives in the database only; no field of the model changes

    def _run(self, statements, schema_editor):
        for statement in statements:
            schema_editor.execute(statement, params=None)

    def _create(self, model, schema_editor, fields, version):
        columns = [model._meta.get_field(name).column for name in fields]
        return create_sql(
            schema_editor.connection.vendor,
            model._meta.db_table,
            columns,
            schema_editor.quote_name,
            version=version,
            fields=fields,
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            self._run(self._create(model, schema_editor, self.fields, self.version), schema_editor)

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
    generated column survives any change of another column. Its `version` is the form the index
    has at that point of the migrations (tests/search checks the last one is the latest)."""

    reversible = True

    def _restore(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or not self.allow_migrate_model(connection.alias, model):
            return
        drop = drop_sql("sqlite", model._meta.db_table, schema_editor.quote_name)
        self._run(drop + self._create(model, schema_editor, self.fields, self.version), schema_editor)

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
    field's translations), or the same fields in another form (`version`, `old_version`): the old
    index is dropped and the new one made and filled, on both databases; reversed, the old one comes
    back. Put it after the operations that add the columns (and a `RestoreFullTextIndex` of the old
    fields before them, for their reversal on SQLite)."""

    def __init__(self, model_name, fields, old_fields, version=LATEST_VERSION, old_version=None):
        super().__init__(model_name, fields, version=version)
        self.old_fields = list(old_fields)
        self.old_version = version if old_version is None else old_version

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["old_fields"] = self.old_fields
        if self.old_version != self.version:
            kwargs["old_version"] = self.old_version
        return name, args, kwargs

    def _replace(self, app_label, schema_editor, state, fields, version):
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        drop = drop_sql(schema_editor.connection.vendor, model._meta.db_table, schema_editor.quote_name)
        self._run(drop + self._create(model, schema_editor, fields, version), schema_editor)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._replace(app_label, schema_editor, to_state, self.fields, self.version)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._replace(app_label, schema_editor, to_state, self.old_fields, self.old_version)

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

    def relevance_per_row(self):
        """Whether a match's score depends on that row alone: PostgreSQL's `ts_rank` reads the row's
        own document; SQLite's bm25 weighs each word by how many rows of the table hold it."""
        return connections[self.db].vendor != "sqlite"

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
        latin = [word for word in words if not is_cjk(word)]
        japanese = [word for word in words if is_cjk(word)]

        def column(field):
            return f"{table}.{quote(model._meta.get_field(field).column)}"

        # A Japanese word ranks as a title match when a title field holds it. The score counts every
        # word, Japanese ones by their pieces.
        if connection.vendor == "postgresql":
            conditions = [f"strpos({text_of(column(field) for field in titles)}, %s) > 0" for _ in japanese]
            params = list(japanese)
            if latin:
                query, query_params = postgres_query(latin)
                document = postgres_document({field: column(field) for field in titles}, bigram_pieces=False)
                conditions.insert(0, f"({document}) @@ ({query})")
                params = query_params + params
            title = RawSQL(
                f"CASE WHEN {' AND '.join(conditions)} THEN 1 ELSE 0 END", params, output_field=IntegerField()
            )
            # Scored on the stored vector (no text is cut again for each matching row), every label
            # alike: there the labels tell languages apart, not titles (which come first anyway).
            query, query_params = postgres_query(words)
            score = RawSQL(
                f"-ts_rank('{{1, 1, 1, 1}}', {table}.{POSTGRES_COLUMN}, ({query}), 1)", query_params
            )
            return title, score
        if connection.vendor == "sqlite":
            index = quote(fts_table(model._meta.db_table))
            rowid = column(model._meta.pk.name)
            conditions = [f"instr({text_of(column(field) for field in titles)}, %s) > 0" for _ in japanese]
            params = list(japanese)
            if latin:
                phrase = " ".join(f'"{word}"*' for word in latin)
                columns = " ".join(model._meta.get_field(field).column for field in titles)
                # The rows whose titles match, listed once: FTS5 answers `MATCH … AND rowid = ?` by
                # reading the whole match again for each row (100 s for a common word at 100,000).
                conditions.insert(0, f"{rowid} IN (SELECT rowid FROM {index} WHERE {index} MATCH %s)")
                params.insert(0, f"{{{columns}}} : ({phrase})")
            title = RawSQL(
                f"CASE WHEN {' AND '.join(conditions)} THEN 1 ELSE 0 END", params, output_field=IntegerField()
            )
            weights = ", ".join([*(str(TITLE_WEIGHT if field in titles else 1.0) for field in fields), "1.0"])
            # Every matching row's score computed once (MATERIALIZED: not folded back into a lookup
            # per row), then read by rowid through the index SQLite builds on it.
            score = RawSQL(
                f"(WITH scores AS MATERIALIZED (SELECT rowid AS row, bm25({index}, {weights}) AS score "
                f"FROM {index} WHERE {index} MATCH %s) SELECT score FROM scores WHERE row = {rowid})",
                [sqlite_query(words)],
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
        columns = [quote(model._meta.get_field(field).column) for field in model.full_text_fields]
        # A Japanese word of three characters or more: the index finds the rows holding each of its
        # pieces; those that hold the word itself, the pieces side by side, are kept.
        long_words = [word for word in words if is_cjk(word) and len(word) > 2]
        if connection.vendor == "postgresql":
            query, params = postgres_query(words)
            recheck = "".join(f" AND strpos({text_of(columns)}, %s) > 0" for _ in long_words)
            return RawSQL(
                f"SELECT {quote(model._meta.pk.column)} FROM {quote(table)} "
                f"WHERE {POSTGRES_COLUMN} @@ ({query}){recheck}",
                params + long_words,
            )
        if connection.vendor == "sqlite":
            index = quote(fts_table(table))
            if not long_words:
                return RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [sqlite_query(words)])
            rows = quote(table)
            recheck = "".join(
                f" AND instr({text_of(f'{rows}.{column}' for column in columns)}, %s) > 0" for _ in long_words
            )
            return RawSQL(
                f"SELECT {index}.rowid FROM {index} JOIN {rows} ON {rows}.{quote(model._meta.pk.column)} = "
                f"{index}.rowid WHERE {index} MATCH %s{recheck}",
                [sqlite_query(words), *long_words],
            )
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


def postgres_query(words):
    """SQL and parameters of the tsquery (version 2) that every word must match: a word begins a
    word as written (label D), or its French or Spanish stem begins a stem of that language's fields
    (C, B), whatever the reader's language; a Japanese word holds its pieces (see the module)."""
    parts, params = [], []
    for word in words:
        if is_cjk(word):
            parts.append("%s::tsquery")
            params.append(
                f"'{word}':*" if len(word) == 1 else " & ".join(f"'{piece}'" for piece in bigrams(word))
            )
            continue
        alternatives = [("simple", "D"), *STEMMED.values()]
        parts.append(
            "("
            + " || ".join(f"to_tsquery('{configuration(name)}'::regconfig, %s)" for name, _ in alternatives)
            + ")"
        )
        params += [f"{word}:*{label}" for _, label in alternatives]
    return " && ".join(parts), params


def sqlite_query(words):
    """The FTS5 query (version 2) every word must match: a word begins a word (diacritics folded);
    a Japanese word of one character begins a piece, of two is one, of more holds each of its pieces."""
    terms = []
    for word in words:
        if is_cjk(word) and len(word) > 1:
            terms += [f'"{piece}"' for piece in bigrams(word)]
        else:
            terms.append(f'"{word}"*')
    return " ".join(terms)


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
    """Whether the word begins a word of the vocabulary (as the search matches it); Japanese is
    found anywhere inside a run."""
    if is_cjk(word):
        return any(word in candidate for candidate in words)
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
