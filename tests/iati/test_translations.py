"""IATI files in every language: each translated text as `narrative xml:lang`, read back per language."""

import io

import pytest
from django.core.management import call_command

from donors.iati import organisation_document
from kernel.iati import XML_LANG
from kernel.translation import Made
from organisations.models import Organisation
from projects.iati import activities_document
from projects.models import Participant, Project, Result
from tests.factories import (
    DonorFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
)
from tests.iati.rules import parse, schema_errors

pytestmark = pytest.mark.django_db

ILO = "XM-DAC-41302"


def narratives(node):
    """{language: text} of an element's narratives, English (unmarked) as "en"."""
    return {item.get(XML_LANG, "en"): item.text for item in node.iterfind("narrative")}


def translated_project():
    project = ProjectFactory(
        slug="decent-work-japan",
        title="Decent work in Japan",
        title_fr="Travail décent au Japon",
        title_ja="日本のディーセント・ワーク",
        fr_translation=Made.MACHINE,
        ja_translation=Made.REVIEWED,
        summary="A *short* summary.",
        summary_fr="Un *bref* résumé.",
        description="The description.",
    )
    organisation = OrganisationFactory(
        slug="jtuc", name="Japanese Trade Union Confederation", name_ja="日本労働組合総連合会"
    )
    ParticipantFactory(
        project=project, organisation=organisation, role=Participant.Role.IMPLEMENTING, note="Partner"
    )
    ResultFactory(
        project=project,
        title="Workers trained",
        title_fr="Travailleurs formés",
        unit="workers",
        unit_fr="travailleurs",
        fr_translation=Made.WRITTEN,
    )
    return project


def import_file(path):
    out = io.StringIO()
    call_command("import_iati", str(path), stdout=out, stderr=io.StringIO(), quiet_progress=True)
    return out.getvalue()


def test_a_project_with_french_and_japanese_titles_exports_three_narratives():
    document = activities_document(Project.objects.filter(pk=translated_project().pk))

    assert schema_errors(document, "activities") == []
    (activity,) = parse(document).iterfind("iati-activity")
    assert activity.get(XML_LANG) == "en"
    title = activity.find("title")
    assert narratives(title) == {
        "en": "Decent work in Japan",
        "fr": "Travail décent au Japon",
        "ja": "日本のディーセント・ワーク",
    }
    # English first and unmarked: the activity's default language.
    assert title.find("narrative").get(XML_LANG) is None
    # A language's description holds its own text only: French has a summary, Japanese nothing.
    description = narratives(activity.find("description"))
    assert description == {"en": "A short summary.\n\nThe description.", "fr": "Un bref résumé."}
    participants = {node.get("role"): narratives(node) for node in activity.iterfind("participating-org")}
    assert participants[Participant.Role.IMPLEMENTING] == {
        "en": "Japanese Trade Union Confederation",
        "ja": "日本労働組合総連合会",
    }
    assert narratives(activity.find("reporting-org"))["fr"] == "Organisation internationale du Travail"
    result = activity.find("result")
    assert narratives(result.find("title")) == {"en": "Workers trained", "fr": "Travailleurs formés"}
    assert narratives(result.find("indicator/title")) == {"en": "workers", "fr": "travailleurs"}


def test_the_file_is_english_whatever_the_language_asked(client):
    translated_project()
    response = client.get("/api/v1/projects/?format=iati&lang=fr")
    assert response.status_code == 200
    document = b"".join(response.streaming_content) if response.streaming else response.content
    assert schema_errors(document, "activities") == []
    (activity,) = parse(document).iterfind("iati-activity")
    assert activity.find("title/narrative").text == "Decent work in Japan"


def test_export_then_import_into_an_empty_database_gives_the_same_translations(tmp_path):
    project = translated_project()
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.filter(pk=project.pk)))
    assert schema_errors(path.read_bytes(), "activities") == []
    Project.objects.all().delete()
    Organisation.objects.all().delete()

    assert "Created 1" in import_file(path)

    again = Project.objects.get(slug="decent-work-japan")
    assert (again.title, again.title_fr, again.title_es, again.title_ja) == (
        "Decent work in Japan",
        "Travail décent au Japon",
        "",
        "日本のディーセント・ワーク",
    )
    assert (again.summary, again.summary_fr) == ("A *short* summary.", "Un *bref* résumé.")
    # How each translation was made comes back from a file of ours.
    assert (again.fr_translation, again.es_translation, again.ja_translation) == (
        Made.MACHINE,
        "",
        Made.REVIEWED,
    )
    result = Result.objects.get(project=again)
    assert (result.title_fr, result.unit_fr, result.fr_translation) == (
        "Travailleurs formés",
        "travailleurs",
        Made.WRITTEN,
    )
    organisation = Organisation.objects.get(slug="jtuc")
    assert (organisation.name, organisation.name_ja) == (
        "Japanese Trade Union Confederation",
        "日本労働組合総連合会",
    )
    # ...and the file it exports again is the same file, schema-valid.
    assert narratives(parse(activities_document(Project.objects.all())).find("iati-activity/title")) == {
        "en": "Decent work in Japan",
        "fr": "Travail décent au Japon",
        "ja": "日本のディーセント・ワーク",
    }


FOREIGN = """<iati-activities version="2.03">
  <iati-activity xml:lang="{language}" default-currency="USD">
    <iati-identifier>XM-EXAMPLE-1</iati-identifier>
    <reporting-org ref="XM-EXAMPLE" type="10"><narrative>A publisher</narrative></reporting-org>
    <title>{title}</title>
    <description type="1"><narrative>{description}</narrative></description>
    <participating-org role="1" type="10">
      <narrative>Ministère du Travail</narrative><narrative xml:lang="de">Arbeitsministerium</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2019-02-01"/>
    <recipient-country code="SN" percentage="100"/>
  </iati-activity>
</iati-activities>
"""


def test_another_publishers_languages_go_to_their_columns_as_written(tmp_path):
    path = tmp_path / "foreign.xml"
    path.write_text(
        FOREIGN.format(
            language="en",
            title='<narrative>Skills for youth</narrative><narrative xml:lang="es">Competencias</narrative>'
            '<narrative xml:lang="de">Kompetenzen</narrative>',
            description="Training.",
        )
    )
    out = import_file(path)

    project = Project.objects.get()
    assert (project.title, project.title_es, project.title_fr) == ("Skills for youth", "Competencias", "")
    assert (project.es_translation, project.fr_translation) == (Made.WRITTEN, "")
    # German is not a language of the site: left out, and the report says so (not an error).
    assert "Created 1" in out
    assert "text in de left out" in out


def test_a_french_activity_without_english_fills_both_columns_and_says_so(tmp_path):
    path = tmp_path / "foreign.xml"
    path.write_text(
        FOREIGN.format(
            language="fr",
            title="<narrative>Emploi des jeunes</narrative>",
            description="Formation.",
        )
    )
    out = import_file(path)

    project = Project.objects.get()
    assert (project.title, project.title_fr) == ("Emploi des jeunes", "Emploi des jeunes")
    assert (project.description, project.description_fr) == ("Formation.", "Formation.")
    assert project.fr_translation == Made.WRITTEN
    organisation = Organisation.objects.get(name="Ministère du Travail")
    assert organisation.name_fr == "Ministère du Travail"
    assert "no English text" in out


def test_the_organisation_file_names_the_donor_in_each_language():
    donor = DonorFactory(name="Japan", name_fr="Japon", name_ja="日本")
    document = organisation_document(donor)

    assert schema_errors(document, "organisations") == []
    assert narratives(parse(document).find("iati-organisation/name")) == {
        "en": "Japan",
        "fr": "Japon",
        "ja": "日本",
    }
