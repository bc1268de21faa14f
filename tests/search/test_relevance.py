"""Search ranks by relevance, the same way on SQLite (FTS5 bm25 with column weights) and PostgreSQL
(ts_rank over a weighted tsvector): a name or title that holds the words first, then the others by
score; an explicit `sort` still wins. A misspelt word gets a "Did you mean …?" built from the words of
the records the reader may see, never from a draft's."""

import pytest
from django.urls import reverse

from kernel.publishing import Status
from kernel.search import suggest, vocabulary
from organisations.models import Organisation
from projects.models import Project
from tests.factories import DonorFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    # Created (and named) so that neither id nor alphabetical order gives the relevant order.
    OrganisationFactory(
        slug="pardev", name="Department of Partnerships", description="Japan, Japan and Japan."
    )
    OrganisationFactory(slug="aa-fund", name="AA Fund", description="A trust fund; Japan contributes.")
    OrganisationFactory(slug="government-of-japan", name="Government of Japan", description="The government.")
    OrganisationFactory(slug="jica", name="Japan International Cooperation Agency", acronym="JICA")


def slugs(queryset):
    return list(queryset.values_list("slug", flat=True))


def test_a_name_match_ranks_before_a_match_in_other_fields(organisations):
    ranked = slugs(Organisation.objects.ranked("japan"))
    assert set(ranked[:2]) == {"government-of-japan", "jica"}
    assert set(ranked[2:]) == {"pardev", "aa-fund"}
    # Among the matches in other text, the one that says it more, in fewer words, ranks higher.
    assert ranked[2:] == ["pardev", "aa-fund"]


def test_the_score_orders_within_the_title_matches():
    ProjectFactory(
        slug="long",
        title="Programme on decent work, skills and social protection in Asia, and on apprenticeships",
    )
    ProjectFactory(slug="exact", title="Apprenticeships", summary="Apprenticeships for young people.")
    ProjectFactory(slug="elsewhere", title="Skills", summary="Apprenticeships, apprenticeships.")
    assert slugs(Project.objects.ranked("apprenticeships")) == ["exact", "long", "elsewhere"]


def test_every_word_must_be_in_the_title_to_rank_as_a_title_match():
    ProjectFactory(slug="split", title="Social protection", summary="In Asia.")
    ProjectFactory(slug="whole", title="Social protection in Asia")
    assert slugs(Project.objects.ranked("social asia")) == ["whole", "split"]


def test_ranking_keeps_the_other_conditions_and_counts(organisations):
    Organisation.objects.filter(slug="jica").update(publication_status=Status.DRAFT, published_at=None)
    ranked = Organisation.objects.published().ranked("japan")
    assert slugs(ranked) == ["government-of-japan", "pardev", "aa-fund"]
    assert ranked.count() == 3
    assert slugs(Organisation.objects.ranked("?!")) == []


def test_the_search_page_puts_the_name_match_first(client, organisations):
    response = client.get(reverse("search"), {"q": "Japan"})
    group = next(group for group in response.context["groups"] if group["name"] == "organisations")
    assert [row.slug for row in group["results"]][:2] in (
        ["government-of-japan", "jica"],
        ["jica", "government-of-japan"],
    )


def test_a_list_and_the_api_rank_by_relevance_unless_sorted(client, organisations):
    page = client.get("/donors/organisations/", {"q": "japan"})
    listed = [row.slug for row in page.context["page_obj"]]
    assert set(listed[:2]) == {"government-of-japan", "jica"}
    api = client.get("/api/v1/organisations/", {"q": "japan"}, HTTP_ACCEPT="application/json").json()
    assert {row["slug"] for row in api["results"][:2]} == {"government-of-japan", "jica"}
    sorted_by_name = client.get(
        "/api/v1/organisations/", {"q": "japan", "sort": "name"}, HTTP_ACCEPT="application/json"
    ).json()
    assert [row["slug"] for row in sorted_by_name["results"]] == [
        "aa-fund",
        "pardev",
        "government-of-japan",
        "jica",
    ]


def test_facets_are_counted_from_a_ranked_search(client):
    ProjectFactory(slug="nepal", title="Informal economy", countries=["NP"])
    ProjectFactory(slug="india", title="Other", summary="Informal work", countries=["IN"])
    response = client.get("/projects/", {"q": "informal"})
    assert response.status_code == 200
    assert [row.slug for row in response.context["page_obj"]] == ["nepal", "india"]


# ------------------------------------------------------------------ suggestions


def test_suggest_corrects_unknown_words_only():
    words = vocabulary([Organisation.objects.none()])
    assert words == {}
    words = {
        "japan": (5, "Japan"),
        "japanese": (1, "Japanese"),
        "informality": (2, "informality"),
        "asia": (3, "Asia"),
    }
    assert suggest("Japn", words) == "Japan"
    assert suggest("informalty asia", words) == "informality asia"
    assert suggest("jap", words) is None  # the beginning of a word is a match, not a typo
    assert suggest("japan", words) is None
    assert suggest("zzzzzz", words) is None  # nothing close: no suggestion rather than a wild guess
    assert suggest("Japn zzzzzz", words) is None
    assert suggest("", words) is None


def test_the_vocabulary_keeps_the_sites_spelling(organisations):
    words = vocabulary([Organisation.objects.all()])
    assert words["japan"] == (6, "Japan")
    assert words["jica"] == (1, "JICA")


def test_the_search_page_suggests_a_correction(client, organisations):
    DonorFactory(slug="japan", name="Japan")
    response = client.get(reverse("search"), {"q": "Japn"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "Japan"
    html = response.content.decode()
    assert 'Did you mean <a href="/search/?q=Japan" rel="nofollow"><strong>Japan</strong></a>?' in html
    followed = client.get(reverse("search"), {"q": "Japan"})
    assert followed.context["total"] == 5
    assert followed.context["suggestion"] is None


def test_no_suggestion_when_the_correction_finds_nothing_either(client, organisations):
    # Each word is close to a known one, but no record holds both.
    OrganisationFactory(slug="zambia", name="Zambia Office")
    response = client.get(reverse("search"), {"q": "Japn Zambai"})
    assert response.context["suggestion"] is None
    assert "Did you mean" not in response.content.decode()


def test_a_draft_word_is_never_suggested_to_the_public(client, editor):
    ProjectFactory(slug="secret", title="Kiribati", publication_status=Status.DRAFT, published_at=None)
    ProjectFactory(slug="public", title="Kenya")
    anonymous = client.get(reverse("search"), {"q": "Kiribaty"})
    assert anonymous.context["suggestion"] is None
    assert "Kiribati" not in anonymous.content.decode()
    client.force_login(editor)  # staff see drafts, so their suggestions may name one
    assert client.get(reverse("search"), {"q": "Kiribaty"}).context["suggestion"] == "Kiribati"


def test_every_index_keeps_its_triggers_after_the_migrations():
    """A migration that makes SQLite remake an indexed table (an AlterField) must restore the index's
    triggers (kernel.search.RestoreFullTextIndex), or the index stops following writes."""
    from django.db import connection

    from donors.models import Donor
    from events.models import Event
    from organisations.models import Person

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's triggers; PostgreSQL's generated column is checked by test_full_text")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    for model in (Project, Organisation, Donor, Event, Person):
        table = model._meta.db_table
        assert {f"{table}_fts_{event}" for event in ("insert", "update", "delete")} <= triggers, table
