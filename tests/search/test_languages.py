"""Search in every language (kernel.search, version 2 of the index), on SQLite and PostgreSQL alike:
a French or Spanish word is found with or without its accents and by its beginning, and on
PostgreSQL by its stem too (the documented difference); a Japanese word of two characters or more is
found inside a longer run, written without spaces, through the database's own index; every write
path keeps that index current, and the plan reads it."""

import json
import re

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from donors.models import Donor
from events.models import Event
from kernel.search import bigrams, query_words, suggest
from organisations.models import Organisation, Person
from projects.models import Project
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


@pytest.fixture
def projects():
    return {
        "sse": ProjectFactory(
            slug="sse",
            title="Strengthening the Social and Solidarity Economy in Asia",
            title_fr="Renforcer l'économie sociale et solidaire en Asie",
            summary_fr="Coopératives et travailleuses de l'économie informelle ; développement local.",
            title_es="Fortalecer la economía social y solidaria en Asia",
            summary_es="Cooperativas y trabajadores de la economía informal.",
            title_ja="アジアにおける社会的連帯経済の強化",
            summary_ja="協同組合と社会的企業。ILO駐日事務所が支援します。",
        ),
        "fiji": ProjectFactory(
            slug="fiji",
            title="Resilient Fiji",
            summary="Cooperatives rebuild after the cyclone.",
            title_fr="Fidji résiliente",
            title_ja="レジリエントなフィジー",
            summary_ja="サイクロン後のグリーンな仕事。",
        ),
        "informality": ProjectFactory(
            slug="informality",
            title="Way out of Informality",
            title_ja="インフォーマリティからの脱却",
            summary_ja="南アジアにおけるインフォーマル経済の公式化。",
        ),
        # Every piece of 連帯経済 (連帯, 帯経, 経済) but never the word itself.
        "scattered": ProjectFactory(
            slug="scattered", title="Scattered", title_ja="経済と連帯", summary_ja="連帯経"
        ),
    }


# ------------------------------------------------------------------ French and Spanish


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("économie", ["sse"]),
        ("ÉCONOMIE sociale", ["sse"]),  # any case
        ("economie", ["sse"]),  # without its accents
        ("developpement", ["sse"]),
        ("développ", ["sse"]),  # the beginning of a word
        ("resiliente", ["fiji"]),
        ("fidji", ["fiji"]),
        ("economia solidaria", ["sse"]),  # Spanish, accents or not
        ("economía", ["sse"]),
        ("trabajadores", ["sse"]),
        ("travailleuses informelle", ["sse"]),
        ("cooperatives", ["fiji", "sse"]),  # the English word, the French one without accents
        ("solidaire fiji", []),  # every word must match
    ],
)
def test_french_and_spanish_words_are_found_alike_on_both_databases(projects, query, expected):
    assert slugs(Project.objects.search(query)) == expected


@pytest.mark.parametrize(
    ("query", "stemmed"),
    [
        ("coopération", ["sse"]),  # coopératives: the same stem, not the same beginning
        ("économies", ["sse"]),  # économie
        ("travailleurs", []),  # travailleuses: the French stemmer keeps them apart
        ("trabajo", ["sse"]),  # trabajadores
        ("cooperativa", ["sse"]),  # Cooperativas (the prefix finds it too)
        ("economías", ["sse"]),  # economía
    ],
)
def test_postgresql_also_finds_the_stem_of_a_french_or_spanish_word(projects, query, stemmed):
    """The documented difference: PostgreSQL stems French and Spanish (its `french` and `spanish`
    configurations), SQLite's FTS5 has no stemmer for them and matches the beginning only."""
    prefix = sorted(
        slug
        for slug, project in projects.items()
        if all(
            any(
                word.startswith(piece)
                for field in Project.full_text_fields
                for word in query_words(_folded(getattr(project, field)))
            )
            for piece in query_words(_folded(query))
        )
    )
    assert slugs(Project.objects.search(query)) == (stemmed if POSTGRES else prefix)


def _folded(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text or "")
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def test_a_stem_only_matches_the_stems_of_its_own_language(projects):
    """English text is not stemmed as French: "coopération" does not find Fiji's English
    "Cooperatives" (whose French title says nothing of it), only the French "Coopératives"."""
    found = slugs(Project.objects.search("coopération"))
    assert "fiji" not in found


def test_the_language_of_the_page_does_not_change_what_is_found(projects):
    for language in ("en", "fr", "es", "ja"):
        with translation.override(language):
            assert slugs(Project.objects.search("développement")) == ["sse"]
            assert slugs(Project.objects.search("economia")) == ["sse"]
            assert slugs(Project.objects.search("連帯経済")) == ["sse"]


# ------------------------------------------------------------------ Japanese


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("連帯", ["scattered", "sse"]),  # two characters inside a longer run
        ("社会的連帯経済", ["sse"]),  # the whole run
        ("連帯経済", ["sse"]),  # three and more inside it; not "scattered", which only has its pieces
        ("経済", ["informality", "scattered", "sse"]),
        ("事務所", ["sse"]),  # in ILO駐日事務所, Latin letters and kanji in one run
        ("ILO駐日事務所", ["sse"]),  # "ilo" begins the run, 駐日事務所 is inside it
        ("フィジー", ["fiji"]),  # katakana
        ("グリーン 仕事", ["fiji"]),
        ("アジア 連帯", ["sse"]),
        ("asia 連帯", ["sse"]),  # English and Japanese words together
        ("連", ["scattered", "sse"]),  # one character: where it begins a piece
        ("連帯 fiji", []),
        ("帯社", []),
        ("社会経済", []),
        ("経済。", ["informality", "scattered", "sse"]),  # punctuation is not part of the word
    ],
)
def test_a_japanese_word_is_found_inside_a_longer_run(projects, query, expected):
    assert slugs(Project.objects.search(query)) == expected


def test_query_words_cut_japanese_from_latin():
    assert query_words("ILO駐日事務所、社会的連帯経済・SSE") == ["ilo", "駐日事務所", "社会的連帯経済", "sse"]
    assert bigrams("社会的連帯") == ["社会", "会的", "的連", "連帯"]
    assert bigrams("連帯") == ["連帯"]


def test_every_write_keeps_the_japanese_index_current(projects):
    fiji = projects["fiji"]
    fiji.summary_ja = "太平洋の協同組合。"
    fiji.save()
    assert slugs(Project.objects.search("太平洋")) == ["fiji"]
    assert not Project.objects.search("サイクロン").exists()

    Project.objects.filter(slug="informality").update(title_ja="非公式経済からの移行")  # no signals
    assert slugs(Project.objects.search("公式")) == ["informality"]
    assert not Project.objects.search("インフォーマリティ").exists()

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Project._meta.db_table} SET summary_es = %s, summary_ja = %s WHERE slug = %s",
            ["Economía del cuidado", "介護の経済", "scattered"],
        )
    assert slugs(Project.objects.search("介護")) == ["scattered"]
    assert slugs(Project.objects.search("cuidado economia")) == ["scattered"]

    Project.objects.bulk_create(
        [Project(slug="bulk", title="Bulk", title_ja="徒弟制度の拡充", start_date="2020-01-01")]
    )
    assert slugs(Project.objects.search("制度")) == ["bulk"]

    projects["sse"].delete()
    assert not Project.objects.search("駐日").exists()


def test_loaddata_indexes_the_translations(projects, tmp_path):
    fixture = tmp_path / "project.json"
    fixture.write_text(serializers.serialize("json", [projects["sse"]]), encoding="utf-8")
    assert json.loads(fixture.read_text(encoding="utf-8"))[0]["fields"]["title_ja"]
    Project.objects.filter(pk=projects["sse"].pk).delete()
    assert not Project.objects.search("連帯経済").exists()
    call_command("loaddata", str(fixture), verbosity=0)
    assert slugs(Project.objects.search("連帯経済")) == ["sse"]
    assert slugs(Project.objects.search("developpement")) == ["sse"]


def test_each_searched_model_finds_japanese_and_accents():
    DonorFactory(slug="japan", name="Japan", name_ja="日本", profile_ja="国際労働機関の創設加盟国。")
    OrganisationFactory(slug="jica", name="JICA", name_fr="Agence japonaise de coopération internationale")
    PersonFactory(slug="tokuda", name="Kazuhiko Tokuda", name_ja="徳田和彦", position_ja="駐日代表")
    EventFactory(
        slug="seminar", title="SSE seminar", title_ja="社会的連帯経済セミナー", title_es="Seminario ESS"
    )
    assert slugs(Donor.objects.search("労働")) == ["japan"]
    assert slugs(Organisation.objects.search("cooperation internationale")) == ["jica"]
    assert slugs(Person.objects.search("和彦")) == ["tokuda"]
    assert slugs(Person.objects.search("代表")) == ["tokuda"]
    assert slugs(Event.objects.search("セミナー")) == ["seminar"]
    assert slugs(Event.objects.search("seminário")) == ["seminar"]  # the accent folded, then a prefix


# ------------------------------------------------------------------ ranking and suggestions


def test_a_japanese_title_match_ranks_first():
    ProjectFactory(slug="summary-only", title="B", summary_ja="社会的連帯経済について。")
    ProjectFactory(slug="in-title", title="A", title_ja="社会的連帯経済の推進")
    assert list(Project.objects.ranked("連帯").values_list("slug", flat=True)) == ["in-title", "summary-only"]
    assert Project.objects.ranked("連帯").count() == 2


def test_a_french_title_match_ranks_first():
    ProjectFactory(slug="summary-only", title="B", summary_fr="Pour le développement des coopératives.")
    ProjectFactory(slug="in-title", title="A", title_fr="Développement des coopératives")
    ranked = list(Project.objects.ranked("developpement cooperatives").values_list("slug", flat=True))
    assert ranked == ["in-title", "summary-only"]


def test_the_search_page_finds_japanese(client, projects):
    response = client.get("/search/", {"q": "連帯"})
    assert response.status_code == 200
    assert response.context["total"] == 2
    assert response.context["suggestion"] is None


def test_a_japanese_word_inside_a_run_is_no_typo():
    words = {"社会的連帯経済": (1, "社会的連帯経済")}
    assert suggest("連帯経済", words) is None


# ------------------------------------------------------------------ the plan reads the index


@pytest.mark.parametrize("model", [Project, Event, Person, Donor, Organisation])
@pytest.mark.parametrize("query", ["連帯", "社会的連帯経済", "développement", "asia 連帯"])
def test_the_database_answers_every_language_from_the_index(model, query):
    """Japanese words, short or long, and accented words are looked up in the index, not by reading
    every row (a Japanese word of three characters or more is then checked on the rows found)."""
    sql, params = model.objects.search(query).query.sql_with_params()
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert re.search(rf"SCAN {table}_fts VIRTUAL TABLE INDEX", plan), plan
            assert not re.search(rf"SCAN {table}\b(?!_fts)", plan), plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {table}_search_gin" in plan, plan
