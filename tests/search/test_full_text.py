"""Full-text search: the database's own index (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL),
kept current on every write path, agreeing with a plain reading of the text, and used by the plan."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from donors.models import Donor
from events.models import Event
from kernel.publishing import Status
from kernel.search import LATEST_VERSION, CreateFullTextIndex, RestoreFullTextIndex, query_words
from organisations.models import Organisation, Person
from projects.models import Project
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db

INDEXED = {
    "projects": [Project],
    "events": [Event, Person],
    "donors": [Donor, Organisation],
}


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


@pytest.fixture
def projects():
    return {
        "informality": ProjectFactory(
            slug="way-out-of-informality",
            title="Way out of Informality",
            acronym="WOI",
            summary="Facilitating formalization of informal economy in South Asia.",
            iati_identifier="XM-DAC-41302-RAS/12/01/JPN",
        ),
        "sse": ProjectFactory(
            slug="nepal-sse",
            title="Strengthening the Social and Solidarity Economy in Asia",
            summary="Cooperatives and social enterprises.",
        ),
        "fiji": ProjectFactory(
            slug="resilient-fiji", title="Resilient Fiji", description="Green jobs after the cyclone."
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("informality", ["way-out-of-informality"]),
        ("INFORMAL", ["way-out-of-informality"]),  # any case; a word's beginning is enough
        ("informal asia", ["way-out-of-informality"]),  # every word must match, in any field
        ("asia", ["nepal-sse", "way-out-of-informality"]),
        ("solidarity economy", ["nepal-sse"]),
        ("cyclone", ["resilient-fiji"]),  # the description is indexed too
        ("woi", ["way-out-of-informality"]),  # the acronym
        ("XM-DAC-41302-RAS", ["way-out-of-informality"]),  # an identifier, cut at its punctuation
        ("nformal", []),  # the middle of a word is not a match
        ("informality fiji", []),
        ("«asia»", ["nepal-sse", "way-out-of-informality"]),  # quotes and punctuation are not syntax
        ('"asia" OR NOT fiji*', []),  # FTS operators are words like any other
    ],
)
def test_words_match_the_beginning_of_words(projects, query, expected):
    assert slugs(Project.objects.search(query)) == expected


def test_punctuation_alone_matches_nothing_and_blank_matches_everything(projects):
    assert not Project.objects.search("?!* -").exists()
    assert Project.objects.search("   ").count() == 3


def test_query_words_are_bounded():
    assert query_words("a" * 500 + " b") == ["a" * 60, "b"]
    assert len(query_words(" ".join(["w"] * 50))) == 10
    assert query_words("Decent-work, 2030!") == ["decent", "work", "2030"]


def test_the_index_follows_every_write(projects):
    fiji = projects["fiji"]
    fiji.title = "Climate resilience in Vanuatu"
    fiji.save()
    assert slugs(Project.objects.search("vanuatu")) == ["resilient-fiji"]
    assert not Project.objects.search("fiji").exists()

    Project.objects.filter(slug="nepal-sse").update(summary="Mutual health funds")  # no signals
    assert slugs(Project.objects.search("mutual")) == ["nepal-sse"]

    Project.objects.bulk_create([Project(slug="bulk", title="Bulk apprenticeship", start_date="2020-01-01")])
    assert slugs(Project.objects.search("apprentice")) == ["bulk"]

    projects["informality"].delete()
    assert not Project.objects.search("informality").exists()


def test_search_keeps_the_other_conditions(projects):
    ProjectFactory(slug="draft-asia", title="Asia draft", publication_status=Status.DRAFT, published_at=None)
    assert slugs(Project.objects.search("asia")) == ["draft-asia", "nepal-sse", "way-out-of-informality"]
    assert slugs(Project.objects.published().search("asia")) == ["nepal-sse", "way-out-of-informality"]
    assert slugs(Project.objects.search("asia").filter(acronym="WOI")) == ["way-out-of-informality"]


def test_each_searched_model_has_its_index():
    DonorFactory(slug="japan", name="Japan", profile="A founding member since 1919.")
    OrganisationFactory(slug="jica", name="Japan International Cooperation Agency", acronym="JICA")
    PersonFactory(slug="tokuda", name="Kazuhiko Tokuda", position="Director")
    EventFactory(slug="seminar", title="SSE seminar", venue="UN House", city="Tokyo")
    assert slugs(Donor.objects.search("founding")) == ["japan"]
    assert slugs(Organisation.objects.search("jica")) == ["jica"]
    assert slugs(Person.objects.search("director")) == ["tokuda"]
    assert slugs(Event.objects.search("tokyo house")) == ["seminar"]


def test_the_migrations_index_the_fields_the_models_declare():
    """The last index operation of each model, in the order the migrations run, indexes the fields
    the model declares (its English fields, then their translations)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    indexed, versions = {}, {}
    plan = dict.fromkeys(
        node for leaf in loader.graph.leaf_nodes() for node in loader.graph.forwards_plan(leaf)
    )
    for node in plan:
        for operation in loader.graph.nodes[node].operations:
            if isinstance(operation, CreateFullTextIndex):
                # A restore (SQLite) remakes the index in the form it names: the last one of each
                # model, whatever its kind, must name the latest form, or the index would go back.
                versions[operation.model_name] = operation.version
                if not isinstance(operation, RestoreFullTextIndex):
                    indexed[operation.model_name] = operation.fields
    models = [model for group in INDEXED.values() for model in group]
    assert indexed == {model.__name__: list(model.full_text_fields) for model in models}
    assert versions == {model.__name__: LATEST_VERSION for model in models}
    assert "title_ja" in Project.full_text_fields


@pytest.mark.parametrize("model", [Project, Event, Person, Donor, Organisation])
def test_the_database_answers_from_the_index(model):
    """The plan reads the full-text index, not every row of the table."""
    sql, params = model.objects.search("decent work").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert re.search(rf"SCAN {model._meta.db_table}_fts VIRTUAL TABLE INDEX", plan), plan
        else:
            # A tiny table would rather be scanned, whole or by its primary key: with both off, the
            # plan shows whether the search condition can be answered from the GIN index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {model._meta.db_table}_search_gin" in plan, plan


def test_search_agrees_with_a_plain_reading_at_scale():
    """Hundreds of varied generated projects: the index finds exactly the rows whose text holds a word
    beginning with each query word."""
    call_command("generate_demo_data", projects=400, events=0, donors=5, quiet_progress=True, verbosity=0)
    rows = list(Project.objects.values_list("slug", *Project.full_text_fields))
    vocabulary = sorted({word for row in rows for field in row[1:] for word in query_words(field)})
    assert len(vocabulary) > 50
    queries = [vocabulary[i] for i in range(0, len(vocabulary), max(1, len(vocabulary) // 12))]
    queries += [f"{vocabulary[3][:3]} {vocabulary[-5][:4]}", "decent work", "employment"]
    for query in queries:
        words = query_words(query)
        expected = sorted(
            slug
            for slug, *fields in rows
            if all(any(w.startswith(word) for field in fields for w in query_words(field)) for word in words)
        )
        assert slugs(Project.objects.search(query)) == expected, query
