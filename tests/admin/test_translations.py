"""An editor translates records in the admin: the languages side by side on the change form, the list
filtered by a missing translation, and the round trip of the text through a spreadsheet."""

import io
import re

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Speaker
from kernel.translation import Made
from projects.models import Project
from tests.factories import EventFactory, ProjectFactory, SpeakerFactory, UserFactory
from tests.rules.forms import change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:projects_project_changelist"
PAGE = "admin:projects_project_translations"
EXPORT = "admin:projects_project_translations_export"
IMPORT = "admin:projects_project_translations_import"
CONFIRM = "admin:projects_project_translations_confirm"


# The change form


def test_the_change_form_shows_the_four_languages_side_by_side_with_their_lang(client, superuser):
    project = ProjectFactory(title="Decent work", title_fr="Travail décent")
    client.force_login(superuser)
    content = client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    columns = re.findall(r'<fieldset class="module aligned translation-column[^"]*"', content)
    assert len(columns) == 4  # English, then French, Spanish, Japanese
    for heading in ("English (the source)", "French", "Spanish", "Japanese"):
        assert f">{heading}</h2>" in content
    assert re.search(
        r'<input[^>]*name="title_fr"[^>]*lang="fr"|<input[^>]*lang="fr"[^>]*name="title_fr"', content
    )
    for code in ("es", "ja"):
        assert re.search(rf'<input[^>]*lang="{code}"[^>]*name="title_{code}"', content) or re.search(
            rf'<input[^>]*name="title_{code}"[^>]*lang="{code}"', content
        )
        assert f'name="{code}_translation"' in content
    assert 'lang="fr"' in re.search(r"<textarea[^>]*name=\"description_fr\"[^>]*>", content).group(0)
    assert "Decent work" in content and 'value="Travail décent"' in content


def test_a_french_title_saved_from_the_form(client, superuser):
    project = ProjectFactory(title="Decent work")
    client.force_login(superuser)
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = change_form_data(client.get(url), title_fr="Travail décent", fr_translation=Made.WRITTEN)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert (project.title, project.title_fr, project.fr_translation) == (
        "Decent work",
        "Travail décent",
        "written",
    )


def test_inline_rows_carry_their_translations(client, superuser):
    speaker = SpeakerFactory(event=EventFactory(), topic="Cooperatives")
    client.force_login(superuser)
    content = client.get(reverse("admin:events_event_change", args=[speaker.event.pk])).content.decode()
    assert re.search(r'<input[^>]*name="speakers-0-topic_ja"[^>]*lang="ja"', content) or re.search(
        r'<input[^>]*lang="ja"[^>]*name="speakers-0-topic_ja"', content
    )
    assert 'name="speakers-0-fr_translation"' in content


# The list filter


def test_the_list_filters_records_missing_a_language(client, superuser):
    translated = ProjectFactory(
        title="Translated", title_fr="Traduit", summary="", description="", source_note=""
    )
    untranslated = ProjectFactory(title="Untranslated", summary="", description="", source_note="")
    machine = ProjectFactory(
        title="Machine", title_fr="Machine FR", fr_translation=Made.MACHINE, summary="", description=""
    )
    client.force_login(superuser)
    url = reverse(CHANGELIST)
    shown = set(client.get(url, {"translation": "fr"}).context["cl"].result_list)
    assert untranslated in shown and translated not in shown and machine not in shown
    shown = set(client.get(url, {"translation": "fr-machine"}).context["cl"].result_list)
    assert shown == {machine}
    page = client.get(url).content.decode()
    assert "missing a translation" in page and "Machine-made, not reviewed (French)" in page


# The spreadsheet round trip


def sheet(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content, language="fr", name="projects.xlsx"):
    return client.post(reverse(IMPORT), {"language": language, "file": SimpleUploadedFile(name, content)})


@pytest.fixture
def projects():
    return [
        ProjectFactory(slug="alpha", title="Alpha", summary="About alpha", title_fr="Alpha FR"),
        ProjectFactory(slug="beta", title="Beta", summary="About beta"),
    ]


def test_export_edit_import_preview_confirm_changes_exactly_what_the_file_changed(client, editor, projects):
    alpha, beta = projects
    client.force_login(editor)
    ids = [alpha.pk, beta.pk]
    response = client.post(reverse(EXPORT), {"language": "fr", "ids": ids})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = sheet(response.content)
    heads = rows[0]
    assert heads[0] == "slug"
    assert {"title (English)", "title (French)", "summary (French)", "how the French text was made"} <= set(
        heads
    )
    by_slug = {row[0]: row for row in rows[1:]}
    assert set(by_slug) == {"alpha", "beta"}
    assert by_slug["alpha"][heads.index("title (French)")] == "Alpha FR"

    # The translator fills beta's French title, and edits an English cell, which is not read.
    by_slug["beta"][heads.index("title (French)")] = "Bêta"
    by_slug["beta"][heads.index("title (English)")] = "Changed English"
    preview = upload(client, xlsx([heads, *by_slug.values()]))
    assert preview.status_code == 200
    changes = preview.context["changes"]
    assert [(c.key, c.field, c.old, c.new) for c in changes] == [("beta", "title_fr", "", "Bêta")]
    assert "Bêta" in preview.content.decode()
    beta.refresh_from_db()
    assert beta.title_fr == ""  # nothing written before the confirmation

    history = beta.history.count()
    response = client.post(reverse(CONFIRM), {"token": preview.context["token"], "made": "machine"})
    assert response.status_code == 302
    beta.refresh_from_db()
    alpha.refresh_from_db()
    assert (beta.title, beta.title_fr, beta.fr_translation) == ("Beta", "Bêta", "machine")
    assert (alpha.title_fr, alpha.fr_translation) == ("Alpha FR", "")  # unchanged, untouched
    assert beta.history.count() == history + 1
    assert beta.history.first().history_user == editor
    assert LogEntry.objects.filter(object_id=str(beta.pk)).exists()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["slug", "title (French)"], ["nobody", "X"]], "Row 2, column “slug”: no project “nobody”"),
        ([["slug", "colour (French)"], ["alpha", "X"]], "column 2 (“colour (French)”)"),
        ([["title (French)"], ["X"]], "no “slug” column"),
        (
            [["slug", "title (French)"], ["alpha", "x" * 500]],
            "Row 2, column “title (French)”: the text has 500",
        ),
        (
            [["slug", "title (French)"], ["alpha", "A"], ["alpha", "B"]],
            "Row 3, column “slug”: “alpha” appears",
        ),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(client, editor, projects, rows, expected):
    client.force_login(editor)
    response = upload(client, xlsx(rows))
    assert response.status_code == 200
    assert response.context["changes"] is None
    assert any(expected in problem for problem in response.context["problems"]), response.context["problems"]
    assert Project.objects.get(slug="alpha").title_fr == "Alpha FR"


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, editor, projects):
    client.force_login(editor)
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="image.xlsx")
    assert response.status_code == 200
    assert "not a spreadsheet" in " ".join(response.context["problems"])
    response = upload(client, b"PK\x03\x04 not really a zip", name="broken.xlsx")
    assert "could not be read as an XLSX" in " ".join(response.context["problems"])


def test_a_csv_is_read_too(client, editor, projects):
    client.force_login(editor)
    response = upload(client, b"slug,title (Spanish)\nalpha,Alfa\n", language="es", name="p.csv")
    assert [(c.key, c.field, c.new) for c in response.context["changes"]] == [("alpha", "title_es", "Alfa")]


def test_a_tampered_or_stale_confirmation_writes_nothing(client, editor, projects):
    alpha, _beta = projects
    client.force_login(editor)
    preview = upload(client, xlsx([["slug", "title (French)"], ["alpha", "Nouveau"]]))
    token = preview.context["token"]
    response = client.post(reverse(CONFIRM), {"token": token[:-2] + "xx", "made": "written"})
    assert "does not match a preview" in " ".join(response.context["problems"])
    Project.objects.filter(pk=alpha.pk).update(title_fr="Changed meanwhile")
    response = client.post(reverse(CONFIRM), {"token": token, "made": "written"})
    assert "changed by someone else" in " ".join(response.context["problems"])
    alpha.refresh_from_db()
    assert alpha.title_fr == "Changed meanwhile"


def test_a_user_without_change_permission_is_refused(client, projects):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(viewer)
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.post(reverse(EXPORT), {"language": "fr"}).status_code == 403
    assert upload(client, xlsx([["slug", "title (French)"], ["alpha", "X"]])).status_code == 403
    assert client.post(reverse(CONFIRM), {"token": "x", "made": "written"}).status_code == 403
    assert Project.objects.get(slug="alpha").title_fr == "Alpha FR"
    content = client.get(reverse(CHANGELIST)).content.decode()
    assert "Translate through a spreadsheet" not in content


def test_the_list_links_to_the_round_trip_with_its_filters_and_offers_the_action(client, editor, projects):
    client.force_login(editor)
    content = client.get(reverse(CHANGELIST), {"translation": "es"}).content.decode()
    assert "Translate through a spreadsheet" in content
    assert f"{reverse(PAGE)}?_changelist_filters=translation%3Des" in content
    assert 'value="translate_selected"' in content
    page = client.get(reverse(PAGE), {"_changelist_filters": "translation=es"})
    assert page.status_code == 200
    response = client.post(reverse(EXPORT), {"language": "es", "filters": "translation=es"})
    assert {row[0] for row in sheet(response.content)[1:]} == {"alpha", "beta"}
    page = client.post(
        reverse(CHANGELIST), {"action": "translate_selected", "_selected_action": [projects[0].pk]}
    )
    assert page.status_code == 200 and page.context["ids"] == [projects[0].pk]


def test_records_without_a_slug_are_keyed_by_id(client, superuser):
    speaker = SpeakerFactory(topic="Cooperatives")
    client.force_login(superuser)
    url = reverse("admin:events_speaker_translations_export")
    rows = sheet(client.post(url, {"language": "ja", "ids": [speaker.pk]}).content)
    assert rows[0][0] == "id" and rows[1][0] == str(speaker.pk)
    preview = client.post(
        reverse("admin:events_speaker_translations_import"),
        {
            "language": "ja",
            "file": SimpleUploadedFile(
                "s.xlsx", xlsx([["id", "topic (Japanese)"], [speaker.pk, "協同組合"]])
            ),
        },
    )
    client.post(
        reverse("admin:events_speaker_translations_confirm"),
        {"token": preview.context["token"], "made": "reviewed"},
    )
    speaker = Speaker.objects.get(pk=speaker.pk)
    assert (speaker.topic_ja, speaker.ja_translation) == ("協同組合", "reviewed")
