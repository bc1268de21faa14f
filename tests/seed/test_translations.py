"""The seed speaks all four languages (issue 13, point 6): the Japan and Korea profiles, the seminar,
its speakers and every project in French, Spanish and Japanese, marked as translations made for
this site; the reference taxonomy too, the SDGs in the UN's own words. A seed loaded before its
translations gets them once from `load_seed`, never over what staff have written."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.core.management import call_command

from donors.models import Donor
from events.models import Event, Speaker
from kernel.taxonomy.models import SDG, Region, Theme
from kernel.translation import Made, column, languages, provenance_field_name, translated_fields
from organisations.models import Organisation, Person
from portal.management.commands.load_seed import fill_seed_translations
from projects.models import Project, Result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

SEMINAR = "decent-work-sse-seminar-2022"
SEED = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


def seminar():
    return Event.objects.get(slug=SEMINAR)


def assert_translated(record, *field_names, made=Made.MACHINE):
    for language in languages():
        assert getattr(record, provenance_field_name(language)) == made, (record, language)
        for name in field_names:
            english = getattr(record, name)
            translated = getattr(record, column(name, language))
            assert english, (record, name)
            assert translated, (record, name, language)
            assert translated != english, (record, name, language)


def test_the_japan_and_korea_profiles_in_every_language():
    for donor in Donor.objects.filter(slug__in=["japan", "republic-of-korea"]):
        assert_translated(donor, "name", "short_name", "summary", "profile")
        for area in donor.priority_areas.all():
            assert_translated(area, "name")
        for contribution in donor.contributions.all():
            assert_translated(contribution, "description")
    japan = Donor.objects.get(slug="japan")
    assert_translated(japan, "governing_body_note")
    assert (japan.name_fr, japan.name_es, japan.name_ja) == ("Japon", "Japón", "日本")
    assert "travail décent" in japan.profile_fr
    assert "Trabajo Decente" in japan.profile_es
    assert "ディーセント・ワーク" in japan.profile_ja
    assert "国際協力機構（JICA）" in japan.profile_ja


def test_the_seminar_and_its_speakers_in_every_language():
    event = seminar()
    assert_translated(event, "title", "summary", "description", "report_title", "report", "audience")
    assert event.title_fr == "Travail décent et économie sociale et solidaire"
    assert event.title_es == "Trabajo decente y economía social y solidaria"
    assert event.title_ja == "ディーセント・ワークと社会的連帯経済"
    assert "(ESS)" in event.report_fr and "(ESS)" in event.report_es and "（SSE）" in event.report_ja
    speakers = list(event.speakers.all())
    assert len(speakers) == 4
    for speaker in speakers:
        assert_translated(speaker, "summary")
        for name in ("position", "topic"):
            if getattr(speaker, name):
                assert_translated(speaker, name)


def test_the_other_events_in_every_language():
    for event in Event.objects.exclude(slug=SEMINAR):
        assert_translated(event, "title", "summary", "description")


def test_every_project_title_and_summary_in_every_language():
    projects = list(Project.objects.all())
    assert len(projects) >= 16
    for project in projects:
        assert_translated(project, "title", "summary")


def test_every_result_title_in_every_language():
    for result in Result.objects.all():
        assert_translated(result, "title", *(["unit"] if result.unit else []))


def test_names_of_people_stay_in_the_form_the_sources_give():
    """Neither source writes the seminar's people in Japanese, so no name is made up for them: the
    Japanese text names them as the English news item does."""
    for person in Person.objects.all():
        for language in languages():
            assert getattr(person, column("name", language)) == "", person
    assert "Shinichi Takasaki" in seminar().report_ja


def test_organisations_have_their_own_names_only():
    rengo = Organisation.objects.get(acronym="JTUC-RENGO")
    assert rengo.name_ja == "日本労働組合総連合会"
    ilo = Organisation.objects.get(acronym="ILO")
    assert (ilo.name_fr, ilo.name_es, ilo.name_ja) == (
        "Organisation internationale du Travail",
        "Organización Internacional del Trabajo",
        "国際労働機関",
    )
    assert Organisation.objects.get(slug="solidaridad-japan").name_ja == ""


def markdown_shape(text):
    """The Markdown skeleton of a text: paragraphs, headings by level, bold spans."""
    blocks = [block for block in text.strip().split("\n\n") if block.strip()]
    headings = [len(m.group(1)) for m in re.finditer(r"^(#+) ", text, re.M)]
    return len(blocks), headings, text.count("**") // 2


@pytest.mark.parametrize(
    ("model", "field_name"),
    [
        (Donor, "profile"),
        (Event, "description"),
        (Event, "report"),
        (Speaker, "summary"),
    ],
)
def test_translations_keep_the_markdown_structure(model, field_name):
    for record in model.objects.exclude(**{field_name: ""}):
        for language in languages():
            translated = getattr(record, column(field_name, language))
            if translated:
                assert markdown_shape(translated) == markdown_shape(getattr(record, field_name)), (
                    record,
                    language,
                )


def test_the_seminar_page_in_japanese_shows_its_japanese_title(client):
    page = client.get("/ja" + seminar().get_absolute_url())
    assert page.status_code == 200
    assert re.search(r"<h1[^>]*>[^<]*ディーセント・ワークと社会的連帯経済", page.content.decode())


# The reference taxonomy (kernel/taxonomy/migrations/0006_reference_translations.py)

SDG_8 = {
    "fr": "Travail décent et croissance économique",
    "es": "Trabajo decente y crecimiento económico",
    "ja": "働きがいも経済成長も",
}


def test_every_sdg_has_the_uns_titles_in_three_languages():
    goals = list(SDG.objects.all())
    assert len(goals) == 17
    for goal in goals:
        assert_translated(goal, "name", "short_name", made=Made.WRITTEN)
    goal = SDG.objects.get(number=8)
    assert {language: getattr(goal, column("short_name", language)) for language in languages()} == SDG_8
    assert goal.name_fr.startswith("Promouvoir une croissance économique soutenue, partagée et durable")
    assert "ディーセント・ワーク" in goal.name_ja


def test_every_region_and_theme_has_its_name_in_three_languages():
    for model in (Region, Theme):
        rows = list(model.objects.all())
        assert rows
        for row in rows:
            assert_translated(row, "name")
    assert Theme.objects.get(slug="social-solidarity-economy").name_fr == (
        "Économie sociale et solidaire et coopératives"
    )


def fill_reference_translations():
    from importlib import import_module

    import_module("kernel.taxonomy.migrations.0006_reference_translations").fill(global_apps)


def test_the_taxonomy_fill_leaves_what_staff_wrote():
    goal = SDG.objects.get(number=8)
    goal.short_name_fr = "Travail décent (revu)"
    goal.name_fr = ""
    goal.fr_translation = Made.REVIEWED
    goal.short_name_es = goal.name_es = goal.es_translation = ""
    goal.save()
    theme = Theme.objects.get(slug="green-jobs")
    theme.name = "Green jobs and just transition"
    theme.name_fr = theme.name_es = theme.name_ja = ""
    theme.fr_translation = theme.es_translation = theme.ja_translation = ""
    theme.save()

    fill_reference_translations()

    goal.refresh_from_db()
    assert goal.short_name_fr == "Travail décent (revu)"
    assert goal.name_fr == "" and goal.fr_translation == Made.REVIEWED  # French is staff's
    assert goal.short_name_es == SDG_8["es"] and goal.es_translation == Made.WRITTEN
    theme.refresh_from_db()
    assert (theme.name_fr, theme.name_es, theme.name_ja) == ("", "", "")  # not the old name's translation


# A seed loaded before its translations existed (load_seed)


def untranslate(record):
    """Make `record` look as the seed loaded before its translations left it."""
    for name in translated_fields(type(record)):
        for language in languages():
            setattr(record, column(name, language), "")
    for language in languages():
        setattr(record, provenance_field_name(language), "")
    record.save()


def test_load_seed_translates_a_seed_loaded_before_its_translations():
    event = seminar()
    project = Project.objects.get(slug="way-out-of-informality")
    expected = {name: getattr(event, column(name, "ja")) for name in translated_fields(Event)}
    untranslate(event)
    untranslate(project)

    call_command("load_seed", verbosity=0)

    event.refresh_from_db()
    project.refresh_from_db()
    assert {name: getattr(event, column(name, "ja")) for name in translated_fields(Event)} == expected
    assert_translated(event, "title", "summary", "report")
    assert_translated(project, "title", "summary")
    assert fill_seed_translations() == 0  # the second time, nothing to do


def test_load_seed_never_overwrites_staff():
    event = seminar()
    untranslate(event)
    event.title_fr = "Travail décent et ESS (titre de la rédaction)"
    event.fr_translation = Made.WRITTEN
    event.summary = "A seminar on the SSE, rewritten by staff."
    event.save()
    project = Project.objects.get(slug="strengthening-sse-in-asia")
    project.title_es = ""  # staff emptied a machine translation: it stays empty
    project.save()

    fill_seed_translations()

    event.refresh_from_db()
    assert event.title_fr == "Travail décent et ESS (titre de la rédaction)"
    assert event.summary_fr == "" and event.fr_translation == Made.WRITTEN  # French is staff's
    assert event.title_ja == "ディーセント・ワークと社会的連帯経済" and event.ja_translation == Made.MACHINE
    assert event.summary_ja == ""  # its English is no longer the seed's
    project.refresh_from_db()
    assert project.title_es == ""


def test_the_fixture_marks_every_translation_machine_made():
    for item in json.loads(SEED.read_text(encoding="utf-8")):
        fields = item["fields"]
        for language in languages():
            has_text = any(
                value
                for key, value in fields.items()
                if key.endswith(f"_{language}") and isinstance(value, str)
            )
            assert fields.get(provenance_field_name(language), "") == ("machine" if has_text else ""), (
                item["model"],
                item["pk"],
                language,
            )
