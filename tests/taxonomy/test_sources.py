"""Source documents: a record with its language and date precision, a PDF kept under a name the
server chose and served only as a download, and a public page listing what cites it (never a draft)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from kernel.dates import Precision
from kernel.publishing import Status
from kernel.taxonomy.models import DocumentCategory, Source
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name="brochure.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def stored(tmp_path, settings, django_capture_on_commit_callbacks):
    """A source with an uploaded PDF, in a folder of the test's own."""
    settings.SOURCE_FILES_DIR = tmp_path / "sources"
    source = SourceFactory(slug="japan-ilo-cooperation", title="Japan ILO Cooperation")
    source.file = pdf("../../etc/passwd.pdf")
    source.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        source.save()
    return source


def test_an_uploaded_file_is_stored_under_a_name_the_server_chose(stored, tmp_path):
    name = stored.file.name
    assert "passwd" not in name and "/" not in name and name.endswith(".pdf")
    path = tmp_path / "sources" / name
    assert path.read_bytes() == PDF
    assert path.stat().st_mode & 0o777 == 0o600
    assert stored.file_size == len(PDF)


def test_two_uploads_of_the_same_name_get_different_files(stored):
    other = SourceFactory(file=pdf("../../etc/passwd.pdf"))
    assert other.file.name != stored.file.name


def test_the_file_has_no_public_address(stored):
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018


def test_replacing_the_file_removes_the_old_one_once_committed(
    stored, tmp_path, django_capture_on_commit_callbacks
):
    old = tmp_path / "sources" / stored.file.name
    stored.file = pdf(content=PDF + b"% second edition\n%%EOF\n")
    with django_capture_on_commit_callbacks(execute=True):
        stored.save()
    assert not old.exists()
    assert (tmp_path / "sources" / stored.file.name).exists()


def test_a_rolled_back_replacement_keeps_the_old_file(stored, tmp_path):
    old = tmp_path / "sources" / stored.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        stored.file = pdf()
        stored.save()
        raise RuntimeError
    assert old.exists()


def test_deleting_a_source_removes_its_file(stored, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "sources" / stored.file.name
    with django_capture_on_commit_callbacks(execute=True):
        stored.delete()
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "not a PDF"),
        (b"MZ\x90\x00 an executable named .pdf", "not a PDF"),
        (b"", "empty"),
        (PDF[:30], "incomplete"),
    ],
)
def test_a_file_is_judged_by_its_content_not_its_name(content, message, tmp_path, settings):
    settings.SOURCE_FILES_DIR = tmp_path
    source = SourceFactory.build(slug="x", title="X", file=pdf("report.pdf", content))
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert message in " ".join(error.value.message_dict["file"])


def test_a_file_over_the_limit_is_refused_naming_the_limit(tmp_path, settings):
    settings.SOURCE_FILES_DIR = tmp_path
    settings.SOURCE_FILE_MAX_BYTES = 1024
    source = SourceFactory.build(slug="x", title="X", file=pdf(content=PDF + b"0" * 2048 + b"\n%%EOF"))
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "at most 1 KB" in error.value.message_dict["file"][0]


def test_a_source_needs_a_way_for_a_reader_to_check_it():
    source = SourceFactory.build(slug="x", title="X", url="", reference="")
    with pytest.raises(ValidationError, match="URL"):
        source.full_clean()
    source.url = "https://www.ilo.org/tokyo"
    source.full_clean()


def test_a_source_shows_its_date_as_precisely_as_it_is_known():
    source = SourceFactory.build(published_on=datetime.date(2017, 5, 1), date_precision=Precision.MONTH)
    assert source.date_display == "May 2017"
    source.date_precision = Precision.DAY
    assert source.date_display == "1 May 2017"


def test_the_iati_category_follows_the_kind_unless_chosen():
    source = SourceFactory.build(kind=Source.Kind.NEWS)
    assert source.document_category == DocumentCategory.WEB_PAGE
    source.iati_category = DocumentCategory.RESULTS
    assert source.document_category == "A08"


def test_languages_are_iso_639_1():
    codes = dict(Source._meta.get_field("language").choices)
    assert codes["ja"] == "Japanese" and codes["fr"] == "French"
    assert all(len(code) == 2 for code in codes)


def test_the_limit_must_fit_in_a_request_body(settings):
    from kernel.taxonomy.apps import check_source_file_limit

    assert check_source_file_limit() == []
    settings.SOURCE_FILE_MAX_BYTES = settings.UPLOAD_MAX_BYTES
    assert [error.id for error in check_source_file_limit()] == ["taxonomy.E001"]


# ------------------------------------------------------------------ the download


def test_the_file_is_served_as_a_download_with_nosniff(client, stored):
    DonorFactory(source=stored)  # published: the public sees the sources public records cite
    response = client.get(reverse("source_file", args=[stored.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="japan-ilo-cooperation.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_source_only_drafts_cite_is_unknown_to_the_public(client, stored, editor):
    DonorFactory(source=stored, publication_status="draft", published_at=None)
    for url in ("/sources/", reverse("source", args=[stored.slug])):
        assert stored.title not in client.get(url).content.decode()
    assert client.get(reverse("source", args=[stored.slug])).status_code == 404
    assert client.get(reverse("source_file", args=[stored.slug])).status_code == 404
    client.force_login(editor)
    download = client.get(reverse("source_file", args=[stored.slug]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"


def test_a_source_without_a_file_has_no_download(client):
    source = SourceFactory(url="https://example.org/report")
    assert client.get(reverse("source_file", args=[source.slug])).status_code == 404
    assert source.get_file_url() == ""


def test_a_file_missing_from_the_folder_is_a_404_not_a_500(client, stored, tmp_path):
    (tmp_path / "sources" / stored.file.name).unlink()
    assert client.get(reverse("source_file", args=[stored.slug])).status_code == 404


def test_nothing_else_in_the_folder_can_be_reached(client, stored):
    for path in (
        f"/sources/{stored.file.name}",
        f"/media/sources/{stored.file.name}",
        f"/sources/{stored.slug}/file/../../settings.py",
    ):
        assert client.get(path).status_code == 404


# ------------------------------------------------------------------ the source's page


@pytest.fixture
def cited():
    source = SourceFactory(
        slug="brochure",
        title="Japan ILO Cooperation",
        publisher="ILO PARDEV",
        published_on=datetime.date(2017, 5, 1),
        date_precision=Precision.MONTH,
        language="en",
        url="https://www.ilo.org/brochure",
    )
    japan = DonorFactory(name="Japan", slug="japan", source=source, source_note="Opening paragraph.")
    ContributionFactory(donor=japan, source=source)
    ProjectFactory(title="Way out of Informality", source=source)
    ProjectFactory(title="Secret draft project", source=source, publication_status=Status.DRAFT)
    hidden = DonorFactory(name="Draft donor", slug="draft-donor", publication_status=Status.DRAFT)
    ContributionFactory(donor=hidden, source=source, description="hidden")
    EventFactory(title="Seminar on SSE", source=source)
    OrganisationFactory(name="MHLW", source=source)
    PersonFactory(name="Simel Esim", source=source)
    draft = Status.DRAFT
    EventFactory(title="Secret draft event", slug="secret-event", source=source, publication_status=draft)
    OrganisationFactory(name="Secret draft org", slug="secret-org", source=source, publication_status=draft)
    PersonFactory(name="Secret draft person", slug="secret-person", source=source, publication_status=draft)
    return source


def test_the_source_page_says_what_the_document_is_and_lists_what_cites_it(client, cited):
    page = client.get(cited.get_absolute_url()).content.decode()
    for text in (
        "Japan ILO Cooperation",
        "ILO PARDEV",
        "May 2017",
        "English",
        "https://www.ilo.org/brochure",
    ):
        assert text in page
    citing = ("Way out of Informality", "Seminar on SSE", "MHLW", "/donors/japan/", "Opening paragraph.")
    for text in citing:
        assert text in page


def test_a_draft_citing_the_source_does_not_reveal_itself(client, cited):
    page = client.get(cited.get_absolute_url()).content.decode()
    assert "Simel Esim" in page  # a published person is listed, so the check below is not vacuous
    assert "secret" not in page.lower()
    assert "Draft donor" not in page and "draft-donor" not in page


def test_staff_see_the_drafts_citing_the_source_marked_as_such(client, cited, editor):
    client.force_login(editor)
    page = client.get(cited.get_absolute_url()).content.decode()
    assert "Secret draft project" in page and "Draft — not public" in page


def test_the_source_page_takes_a_fixed_number_of_queries(client, cited, django_assert_max_num_queries):
    for _ in range(5):
        ProjectFactory(source=cited)
    with django_assert_max_num_queries(12):
        assert client.get(cited.get_absolute_url()).status_code == 200


def test_the_list_of_sources_links_each(client, cited):
    page = client.get(reverse("sources")).content.decode()
    assert f'href="{cited.get_absolute_url()}"' in page


def test_an_unknown_source_is_a_404(client, db):
    assert client.get("/sources/no-such-source/").status_code == 404
