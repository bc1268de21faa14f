"""Record content in four languages (kernel.translation): where a translation lives, what a reader
in a language sees, and how the page marks English shown in its place."""

import pytest
from django.db.models import CharField, TextField
from django.template import Context, Template
from django.utils import translation

from donors.models import Donor
from events.models import Event, Speaker
from kernel.taxonomy.models import SDG, Region, Source, Theme
from kernel.translation import (
    Made,
    all_languages,
    localized,
    missing,
    translated_fields,
    translation_columns,
)
from organisations.models import Organisation, Person
from projects.models import Participant, Project, Result
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# What the issue names as translatable: "titles, names, summaries, descriptions, reports, roles,
# positions, source notes and other text of donors, contributions, organisations, people, projects,
# results, events, speakers and the reference taxonomy".
EXPECTED = {
    Donor: {"name", "short_name", "summary", "profile", "governing_body_note", "source_note"},
    Organisation: {"name", "description", "source_note"},
    Person: {"name", "position", "biography", "source_note"},
    Project: {"title", "summary", "description", "source_note"},
    Participant: {"note"},
    Result: {"title", "unit", "source_note"},
    Event: {"title", "summary", "description", "report_title", "report", "audience", "source_note"},
    Speaker: {"position", "topic", "summary"},
    Region: {"name"},
    Theme: {"name", "description"},
    SDG: {"name", "short_name"},
    Source: {"title"},
}


@pytest.mark.parametrize("model", EXPECTED)
def test_each_translatable_field_has_a_column_per_language(model):
    assert set(translated_fields(model)) == EXPECTED[model]
    for name in EXPECTED[model]:
        english = model._meta.get_field(name)
        for language in ("fr", "es", "ja"):
            column = model._meta.get_field(f"{name}_{language}")
            assert isinstance(column, type(english)) and isinstance(column, (CharField, TextField))
            assert column.blank and not column.unique
        assert model._meta.get_field("fr_translation").choices
    # The history keeps the translations too.
    if not hasattr(model, "history"):
        return  # the reference taxonomy keeps no history
    history = model.history.model
    assert {f"{name}_ja" for name in EXPECTED[model]} <= {field.name for field in history._meta.fields}


def test_a_reader_gets_the_language_asked_for_or_english_marked_as_such():
    project = ProjectFactory(title="Decent work in Nepal", title_fr="Travail décent au Népal")
    project.fr_translation = Made.MACHINE
    with translation.override("fr"):
        title = localized(project, "title")
        assert (title, title.language, title.fallback, title.unreviewed) == (
            "Travail décent au Népal",
            "fr",
            False,
            True,
        )
    with translation.override("ja"):
        title = localized(project, "title")
        assert (title, title.language, title.fallback) == ("Decent work in Nepal", "en", True)
    with translation.override("en"):
        assert not localized(project, "title").fallback
    assert all_languages(project, "title") == {
        "en": "Decent work in Nepal",
        "fr": "Travail décent au Népal",
        "es": "",
        "ja": "",
    }


def render(source, **context):
    return Template(source).render(Context(context))


def test_templates_mark_english_shown_in_another_language():
    project = ProjectFactory(
        title="Decent work <in> Nepal",
        title_es="Trabajo decente en Nepal",
        description="**Bold** words.",
        summary="One. Two.",
    )
    with translation.override("fr"):
        assert (
            render('{% text p "title" %}', p=project) == '<span lang="en">Decent work &lt;in&gt; Nepal</span>'
        )
        assert (
            render('{{ p|tr:"title" }}', p=project) == '<span lang="en">Decent work &lt;in&gt; Nepal</span>'
        )
        assert render('<a title="{{ p|localized:"title" }}">', p=project) == (
            '<a title="Decent work &lt;in&gt; Nepal">'
        )
        html = render('{% text p "description" markdown=True %}', p=project)
        assert '<div lang="en"><p><strong>Bold</strong> words.</p></div>' in html
        assert 'class="translation-notice"' in html
    with translation.override("es"):
        assert render('{% text p "title" %}', p=project) == "Trabajo decente en Nepal"
    with translation.override("en"):
        assert render('{% text p "title" %}', p=project) == "Decent work &lt;in&gt; Nepal"
        assert render('{% text p "description" markdown=True %}', p=project) == (
            "<p><strong>Bold</strong> words.</p>"
        )


@pytest.mark.parametrize(
    "made, fields, expected",
    [
        (Made.MACHINE, {"title_fr": "Titre"}, "made by machine"),
        (Made.WRITTEN, {"title_fr": "Titre", "summary_fr": "Résumé"}, "has not been reviewed"),
        (Made.REVIEWED, {"title_fr": "Titre", "summary_fr": "Résumé"}, ""),
        ("", {}, "not yet translated"),
    ],
)
def test_a_record_page_says_how_its_text_was_made(made, fields, expected):
    project = ProjectFactory(title="Title", summary="Summary", fr_translation=made, **fields)
    with translation.override("fr"):
        html = render("{% translation_notice p %}", p=project)
    # The catalogue translates the notice; the English words are the keys checked here.
    with translation.override("en"):
        english = render("{% translation_notice p %}", p=project)
    assert english.strip() == ""  # never on an English page
    if expected:
        assert 'class="translation-notice"' in html
    else:
        assert html.strip() == ""


def test_missing_finds_records_with_english_but_no_translation():
    done = ProjectFactory(title="Done", title_fr="Fait", summary="", description="")
    partly = ProjectFactory(title="Partly", title_fr="En partie", summary="Left in English", description="")
    untouched = ProjectFactory(title="Untouched", summary="", description="")
    found = set(Project.objects.filter(missing(Project, "fr")).values_list("pk", flat=True))
    assert partly.pk in found and untouched.pk in found and done.pk not in found
    assert "title_ja" in translation_columns(Project) and "title_ja" in translation_columns(Project, "ja")
    assert "title_fr" not in translation_columns(Project, "ja")


def test_the_string_of_a_record_is_in_the_language():
    theme = Theme.objects.get(slug="green-jobs")
    theme.name_ja = "グリーン・ジョブ"
    theme.name_fr = ""  # taxonomy 0006 gave it one
    with translation.override("ja"):
        assert str(theme) == "グリーン・ジョブ"
    with translation.override("fr"):
        assert str(theme) == theme.name


def page(response):
    import lxml.html

    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def test_a_record_page_shows_its_translation_or_english_marked(client):
    ProjectFactory(
        slug="nepal",
        title="Decent work in Nepal",
        title_fr="Travail décent au Népal",
        summary="A short summary.",
        description="Long **English** text.",
        fr_translation=Made.MACHINE,
    )
    html = page(client.get("/fr/projects/nepal/"))
    assert html.findtext(".//h1").startswith("Travail décent au Népal")
    assert html.find(".//h1").get("lang") is None
    # The summary has no French: English, marked as such.
    assert html.find(".//p[@class='lede']/span[@lang='en']").text == "A short summary."
    assert html.find(".//div[@lang='en']//strong").text == "English"
    notice = html.find(".//p[@class='translation-notice'][@role='note']")
    assert notice is not None
    assert "Travail décent au Népal" in html.findtext(".//title")
    # In Japanese nothing is translated: the title is English, marked, and the page says so.
    html = page(client.get("/ja/projects/nepal/"))
    assert html.find(".//h1/span[@lang='en']").text == "Decent work in Nepal"
    # In English nothing is marked.
    html = page(client.get("/projects/nepal/"))
    assert html.findtext(".//h1").startswith("Decent work in Nepal")
    assert not html.findall(".//*[@lang='en']")[1:]  # only <html lang="en">
    assert html.find(".//p[@class='translation-notice']") is None


def test_cards_and_lists_show_translated_titles(client):
    ProjectFactory(slug="nepal", title="Decent work in Nepal", title_es="Trabajo decente en Nepal")
    response = client.get("/es/projects/")
    assert "Trabajo decente en Nepal" in response.text
    response = client.get("/fr/projects/")
    assert '<span lang="en">Decent work in Nepal</span>' in response.text


@pytest.fixture
def every_kind():
    """One record of each kind with a page, each translated into French only."""
    from tests.factories import (
        ContributionFactory,
        DonorFactory,
        EventFactory,
        OrganisationFactory,
        PersonFactory,
        ResultFactory,
        SourceFactory,
        SpeakerFactory,
    )

    source = SourceFactory(slug="brochure", title="The brochure", title_fr="La brochure")
    japan = DonorFactory(slug="japan", name="Japan", name_fr="Japon", summary="A partner.", source=source)
    ContributionFactory(donor=japan, description="Core funds", description_fr="Fonds de base")
    jica = OrganisationFactory(slug="jica", name="Cooperation agency", name_fr="Agence de coopération")
    project = ProjectFactory(slug="nepal", title="Decent work", title_fr="Travail décent", donors=[japan])
    ResultFactory(project=project, title="Jobs made", title_fr="Emplois créés")
    event = EventFactory(slug="seminar", title="The seminar", title_fr="Le séminaire")
    SpeakerFactory(
        event=event, person=PersonFactory(organisation=jica), position="Director", position_fr="Directeur"
    )
    return {"source": source, "japan": japan, "jica": jica, "project": project, "event": event}


PAGES = {
    "/": None,
    "/donors/": "Japon",
    "/donors/japan/": "Japon",
    "/donors/japan/fact-sheet/": "Japon",
    "/donors/organisations/": "Agence de coopération",
    "/donors/organisations/jica/": "Agence de coopération",
    "/projects/": "Travail décent",
    "/projects/nepal/": "Emplois créés",
    "/events/": "Le séminaire",
    "/events/seminar/": "Directeur",
    "/search/?q=decent": "Travail décent",
    "/sources/": "La brochure",
    "/sources/brochure/": "La brochure",
}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ja"])
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_answers_in_every_language(client, every_kind, language, path):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(prefix + path)
    html = page(response)
    assert html.get("lang") == language
    assert response["Content-Language"] == language
    french = PAGES[path]
    if french and language == "fr":
        assert french in response.text
    elif french:
        # The French text never shows on another language's page; the English stands in, marked
        # on the pages of other languages.
        assert french not in response.text
        if language != "en":
            assert html.xpath("//*[@lang='en']"), "English shown in its place is marked"
