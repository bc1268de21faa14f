"""Record text in the API's languages (api/translations.py): each endpoint answers its text in the
language asked for, English marked in `fallbacks` where that language has none; `lang=all` gives
every language in `translations`; writes take translations, checked, kept in the history; CSV
follows the language."""

import pytest

from kernel.taxonomy.models import SDG, Region, Theme
from projects.models import Project, Result
from tests.api.util import csv_rows
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def make_donor():
    return DonorFactory(
        slug="japan", name="Japan", name_fr="Japon", summary="A donor.", fr_translation="machine"
    )


def make_project():
    return ProjectFactory(
        slug="nepal",
        title="Nepal project",
        title_fr="Projet au Népal",
        summary="In Nepal.",
        fr_translation="written",
    )


def make_event():
    return EventFactory(slug="seminar", title="Seminar", title_fr="Séminaire", summary="A seminar.")


def make_organisation():
    return OrganisationFactory(slug="mhlw", name="Ministry", name_fr="Ministère", source_note="A note.")


def make_person():
    return PersonFactory(
        slug="tomizawa",
        honorific="Mr.",
        name="Ryuichi Tomizawa",
        name_fr="TOMIZAWA Ryuichi",
        position="Director",
    )


def make_contribution():
    return ContributionFactory(
        slug="japan-2012",
        donor=DonorFactory(slug="japan"),
        description="Money.",
        description_fr="De l'argent.",
        rank_note="Fifth.",
    )


def make_region():
    return Region.objects.create(slug="nowhere", name="Nowhere", name_fr="Nulle part", position=99)


def make_theme():
    return Theme.objects.create(
        slug="care", name="Care", name_fr="Soins", description="Care work.", dac_sector="16020"
    )


def make_sdg():
    """SDG 8 with its name in French only (the reference data has every language: emptied here)."""
    sdg = SDG.objects.get(number=8)
    for language in ("fr", "es", "ja"):
        setattr(sdg, f"name_{language}", "")
        setattr(sdg, f"short_name_{language}", "")
    sdg.name_fr = "Travail décent et croissance économique"
    sdg.save()
    return sdg


# resource, its key, the record, a field translated into French, a field that is not (English in French)
ENDPOINTS = [
    ("donors", "slug", make_donor, "name", "summary"),
    ("projects", "slug", make_project, "title", "summary"),
    ("events", "slug", make_event, "title", "summary"),
    ("organisations", "slug", make_organisation, "name", "source_note"),
    ("people", "slug", make_person, "name", "position"),
    ("contributions", "slug", make_contribution, "description", "rank_note"),
    ("regions", "slug", make_region, "name", None),
    ("themes", "slug", make_theme, "name", "description"),
    ("sdgs", "number", make_sdg, "name", "short_name"),
]


def row_of(response, key, value):
    body = response.json()
    rows = body["results"] if "count" in body else [body]  # a project's own `results` are its parts
    found = [row for row in rows if row.get(key) == value]
    assert found, body
    return found[0]


@pytest.mark.parametrize(("resource", "key", "make", "translated", "untranslated"), ENDPOINTS)
def test_every_endpoint_answers_its_text_in_the_language_asked_for(
    api, resource, key, make, translated, untranslated
):
    record = make()
    value = getattr(record, key)
    for url in (f"/api/v1/{resource}/", f"/api/v1/{resource}/{value}/"):
        french = api.get(url, {"lang": "fr", "page_size": 100})
        assert french.status_code == 200, url
        assert french["Content-Language"] == "fr"
        row = row_of(french, key, value)
        assert row[translated] == getattr(record, f"{translated}_fr")
        assert row["text_language"] == "fr"
        assert translated not in row["fallbacks"]
        assert "translations" not in row
        if untranslated:
            assert row[untranslated] == getattr(record, untranslated)  # English, never blank
            assert untranslated in row["fallbacks"]
        english = row_of(api.get(url, {"page_size": 100}), key, value)
        assert english[translated] == getattr(record, translated)
        assert english["text_language"] == "en"
        assert english["fallbacks"] == []
        assert english["translation_made"] is None
        # Spanish has none of it: every text is English, and each one with text is named.
        spanish = row_of(api.get(url, {"lang": "es", "page_size": 100}), key, value)
        assert spanish[translated] == getattr(record, translated)
        assert translated in spanish["fallbacks"]


def test_a_persons_full_name_is_in_the_language_too(api):
    make_person()
    assert api.get("/api/v1/people/tomizawa/?lang=fr").json()["full_name"] == "Mr. TOMIZAWA Ryuichi"
    assert api.get("/api/v1/people/tomizawa/").json()["full_name"] == "Mr. Ryuichi Tomizawa"


def test_accept_language_chooses_the_text_too(api):
    make_project()
    row = api.get("/api/v1/projects/nepal/", HTTP_ACCEPT_LANGUAGE="fr-CH, en;q=0.5").json()
    assert row["title"] == "Projet au Népal"
    assert row["translation_made"] == "written"


def test_parts_and_embedded_records_follow_the_language(api):
    project = make_project()
    ResultFactory(project=project, title="Jobs created", title_fr="Emplois créés", unit="jobs")
    donor = make_donor()
    PriorityAreaFactory(donor=donor, name="Decent work", name_fr="Travail décent")
    ContributionFactory(donor=donor, description="Money.", description_fr="De l'argent.")
    source = SourceFactory(title="Annual report", title_fr="Rapport annuel")
    Project.objects.filter(pk=project.pk).update(source=source)
    result = api.get("/api/v1/projects/nepal/", {"lang": "fr"}).json()
    assert result["results"][0]["title"] == "Emplois créés"
    assert result["results"][0]["unit"] == "jobs"
    assert result["results"][0]["fallbacks"] == ["unit"]
    assert result["source_document"]["title"] == "Rapport annuel"
    japan = api.get("/api/v1/donors/japan/", {"lang": "fr"}).json()
    assert japan["priority_areas"][0]["name"] == "Travail décent"
    assert japan["contributions"][0]["description"] == "De l'argent."


def test_lang_all_gives_every_language_of_each_text(api):
    make_project()
    response = api.get("/api/v1/projects/nepal/", {"lang": "all"})
    assert response.status_code == 200
    assert response["Content-Language"] == "en, fr, es, ja"
    row = response.json()
    assert row["title"] == "Nepal project"  # the plain fields are English
    assert row["text_language"] == "en"
    assert row["fallbacks"] == []
    assert set(row["translations"]) == {"fr", "es", "ja"}
    assert row["translations"]["fr"]["title"] == "Projet au Népal"
    assert row["translations"]["fr"]["made"] == "written"
    assert row["translations"]["es"] == {
        "source_note": "",
        "title": "",
        "summary": "",
        "description": "",
        "made": "",
    }
    listed = api.get("/api/v1/projects/", {"lang": "ALL"}).json()["results"][0]
    assert set(listed["translations"]["fr"]) == {
        "source_note",
        "title",
        "summary",
        "made",
    }  # the list's fields


def test_each_language_has_its_own_etag_and_cache_entry(api, settings):
    settings.RESPONSE_CACHE_SECONDS = 60
    make_project()
    tags = {}
    for language in ("en", "fr", "all"):
        response = api.get("/api/v1/projects/nepal/", {"lang": language})
        tags[language] = response["ETag"]
        again = api.get("/api/v1/projects/nepal/", {"lang": language})  # from the cache
        assert again.json() == response.json()
    assert len(set(tags.values())) == 3
    assert api.get("/api/v1/projects/nepal/", {"lang": "all"}).json()["translations"]["fr"]["title"]
    assert "translations" not in api.get("/api/v1/projects/nepal/", {"lang": "en"}).json()
    not_modified = api.get("/api/v1/projects/nepal/", {"lang": "fr"}, HTTP_IF_NONE_MATCH=tags["all"])
    assert not_modified.status_code == 200


# Writing


def patch(client, url, body, **query):
    suffix = "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    return client.patch(f"{url}{suffix}", body, format="json")


def test_a_write_takes_translations_with_how_they_were_made(editor_api):
    make_project()
    response = patch(
        editor_api,
        "/api/v1/projects/nepal/",
        {
            "translations": {
                "ja": {"title": "ネパールの事業", "made": "machine"},
                "es": {"summary": "En Nepal."},
            }
        },
    )
    assert response.status_code == 200, response.json()
    project = Project.objects.get(slug="nepal")
    assert (project.title_ja, project.ja_translation) == ("ネパールの事業", "machine")
    assert (project.summary_es, project.es_translation) == ("En Nepal.", "written")  # made by a person
    assert project.title_fr == "Projet au Népal"  # a language left out is left as it is
    assert project.title == "Nepal project"
    latest = project.history.first()
    assert latest.title_ja == "ネパールの事業" and latest.history_user is not None
    # Removing a language's last text unmarks it.
    patch(editor_api, "/api/v1/projects/nepal/", {"translations": {"es": {"summary": ""}}})
    project.refresh_from_db()
    assert (project.summary_es, project.es_translation) == ("", "")


@pytest.mark.parametrize(
    ("translations", "errors"),
    [
        (
            {"fr": {"title": "x" * 451}},  # a translation takes half again the English 300
            {"fr": {"title": ["Ensure this field has no more than 450 characters."]}},
        ),
        ({"de": {"title": "Projekt"}}, {"de": ['Unknown language "de". Choose one of: fr, es, ja.']}),
        ({"fr": {"colour": "bleu"}}, None),
        ({"fr": {"made": "guessed"}}, None),
        ({"fr": {"title": 5}}, {"fr": {"title": ["Expected a string, not a number."]}}),
        ({"fr": "Projet"}, {"fr": ["Expected an object of fields, not a string."]}),
        ({"en": {"title": "Project"}}, None),
        (["fr"], ["Expected an object of languages, not a array."]),
    ],
)
def test_a_bad_translation_is_a_400_naming_its_path(editor_api, translations, errors):
    make_project()
    response = patch(editor_api, "/api/v1/projects/nepal/", {"translations": translations})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["translations"]
    if errors is not None:
        assert body["translations"] == errors
    else:
        language = next(iter(translations))
        assert language in body["translations"]
    assert Project.objects.get(slug="nepal").title_fr == "Projet au Népal"


def test_the_title_limit_follows_the_column(editor_api):
    make_project()
    limit = Project._meta.get_field("title_fr").max_length
    assert (
        patch(
            editor_api, "/api/v1/projects/nepal/", {"translations": {"fr": {"title": "é" * limit}}}
        ).status_code
        == 200
    )
    response = patch(
        editor_api, "/api/v1/projects/nepal/", {"translations": {"fr": {"title": "é" * (limit + 1)}}}
    )
    assert response.json() == {
        "translations": {"fr": {"title": [f"Ensure this field has no more than {limit} characters."]}}
    }


def test_a_plain_text_field_sent_in_french_is_the_french_text(editor_api):
    make_project()
    response = patch(editor_api, "/api/v1/projects/nepal/", {"summary": "Au Népal."}, lang="fr")
    assert response.status_code == 200, response.json()
    assert response.json()["summary"] == "Au Népal."
    assert response["Content-Language"] == "fr"
    project = Project.objects.get(slug="nepal")
    assert (project.summary, project.summary_fr) == ("In Nepal.", "Au Népal.")
    assert project.fr_translation == "written"


def test_sending_back_what_was_read_in_french_changes_nothing(editor_api):
    make_project()
    Project.objects.filter(slug="nepal").update(fr_translation="machine")
    read = editor_api.get("/api/v1/projects/nepal/?lang=fr").json()
    assert read["summary"] == "In Nepal." and "summary" in read["fallbacks"]
    body = {name: read[name] for name in ("title", "summary", "description")}
    response = patch(editor_api, "/api/v1/projects/nepal/", body, lang="fr")
    assert response.status_code == 200
    project = Project.objects.get(slug="nepal")
    assert project.summary_fr == ""  # the English standing in was not copied into French
    assert project.title_fr == "Projet au Népal"
    assert project.fr_translation == "machine"  # nothing changed, so not marked


def test_plain_text_and_a_different_translation_of_it_is_a_400(editor_api):
    make_project()
    response = patch(
        editor_api,
        "/api/v1/projects/nepal/",
        {"title": "Un titre", "translations": {"fr": {"title": "Un autre"}}},
        lang="fr",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["title"]


def test_a_new_record_is_written_in_english(publisher_api):
    response = publisher_api.post(
        "/api/v1/regions/?lang=fr", {"slug": "ailleurs", "name": "Ailleurs", "position": 50}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert not Region.objects.filter(slug="ailleurs").exists()
    response = publisher_api.post(
        "/api/v1/regions/?lang=all",
        {
            "slug": "elsewhere",
            "name": "Elsewhere",
            "position": 50,
            "translations": {"fr": {"name": "Ailleurs"}},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["translations"]["fr"] == {"name": "Ailleurs", "made": "written"}
    assert Region.objects.get(slug="elsewhere").name_fr == "Ailleurs"


def test_parts_keep_their_translations_and_take_new_ones(editor_api):
    project = make_project()
    ResultFactory(project=project, title="Jobs created", title_fr="Emplois créés", unit="jobs", position=1)
    # An English write that does not mention translations keeps them.
    response = patch(
        editor_api,
        "/api/v1/projects/nepal/",
        {"results": [{"title": "Jobs made", "value": 5, "unit": "jobs"}]},
    )
    assert response.status_code == 200, response.json()
    result = Result.objects.get(project=project)
    assert (result.title, result.title_fr) == ("Jobs made", "Emplois créés")
    # In French: the plain text is French; what was read (the English unit) changes nothing.
    read = editor_api.get("/api/v1/projects/nepal/?lang=fr").json()["results"][0]
    row = {"title": "Emplois", "value": 5, "unit": read["unit"], "translations": {"ja": {"unit": "件"}}}
    response = patch(editor_api, "/api/v1/projects/nepal/", {"results": [row]}, lang="fr")
    assert response.status_code == 200, response.json()
    result.refresh_from_db()
    assert (result.title, result.title_fr, result.unit, result.unit_fr, result.unit_ja) == (
        "Jobs made",
        "Emplois",
        "jobs",
        "",
        "件",
    )
    bad = patch(
        editor_api,
        "/api/v1/projects/nepal/",
        {"results": [{"title": "x", "value": 1, "translations": {"fr": {"unit": "x" * 999}}}]},
    )
    assert bad.status_code == 400
    assert "unit" in bad.json()["results"][0]["translations"]["fr"]


# CSV


def test_csv_follows_the_language_with_the_same_columns(api):
    make_project()
    ProjectFactory(slug="other", title="Other project")
    english = api.get("/api/v1/projects/", {"format": "csv"})
    french = api.get("/api/v1/projects/", {"format": "csv", "lang": "fr"})
    assert french["Content-Language"] == "fr"
    english_rows, french_rows = csv_rows(english), csv_rows(french)
    assert list(english_rows[0]) == list(french_rows[0])  # the same header, in English words
    assert "translations" not in french_rows[0]
    rows = {row["slug"]: row for row in french_rows}
    assert rows["nepal"]["title"] == "Projet au Népal"
    assert rows["nepal"]["text_language"] == "fr"
    assert rows["nepal"]["fallbacks"] == "summary"
    assert rows["other"]["title"] == "Other project"
    assert english["ETag"] != french["ETag"]


def test_csv_with_every_language_has_a_column_per_language(api):
    make_project()
    response = api.get("/api/v1/projects/", {"format": "csv", "lang": "all"})
    assert response["Content-Language"] == "en, fr, es, ja"
    row = csv_rows(response)[0]
    assert row["title"] == "Nepal project"
    assert row["title_fr"] == "Projet au Népal"
    assert row["translation_made_fr"] == "written"
    assert {"title_es", "title_ja", "summary_ja", "translation_made_ja"} <= set(row)
    assert "translations" not in row


def test_the_list_pages_csv_link_names_the_page_language(client):
    make_project()
    response = client.get("/fr/projects/")
    assert response.status_code == 200
    assert "lang=fr" in response.context["csv_url"]
    csv_response = client.get(response.context["csv_url"])
    assert csv_response["Content-Language"] == "fr"
    assert csv_rows(csv_response)[0]["title"] == "Projet au Népal"
