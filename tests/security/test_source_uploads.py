"""A source's PDF, uploaded through the admin: the server chooses its name (a client's path cannot
steer where it goes), its content decides whether it is a PDF (not its name or declared type), its
size is bounded, and it comes back only as a download that no browser renders as a page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kernel.taxonomy.models import Source

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
ADD = "/admin/taxonomy/source/add/"


@pytest.fixture
def folder(tmp_path, settings):
    settings.SOURCE_FILES_DIR = tmp_path / "sources"
    return tmp_path / "sources"


def upload(client, name, content, content_type="application/pdf", slug="report"):
    return client.post(
        ADD,
        {
            "title": "Annual report",
            "slug": slug,
            "kind": "report",
            "language": "en",
            "date_precision": "day",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def stored_files(folder):
    return sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/cron.d/evil.pdf",
        "..\\..\\settings.py",
        "/tmp/absolute.pdf",
        "report.pdf.html",
        "é x.pdf",
    ],
)
def test_the_client_cannot_steer_the_name_or_the_place(client, editor, folder, tmp_path, name):
    client.force_login(editor)
    response = upload(client, name, PDF)
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(slug="report")
    files = stored_files(folder)
    assert files == [source.file.name]
    assert source.file.name.endswith(".pdf") and "/" not in source.file.name and ".." not in source.file.name
    # Nothing landed outside the folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"<!doctype html><script>alert(document.cookie)</script>", "application/pdf"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "application/pdf"),
        (b"PK\x03\x04 a zip file", "application/pdf"),
        (b"  %PDF-1.4 with a prefix\n%%EOF", "application/pdf"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_it_is_called(
    client, editor, folder, content, content_type
):
    client.force_login(editor)
    response = upload(client, "report.pdf", content, content_type)
    assert response.status_code == 200
    assert "The file is not a PDF" in response.content.decode()
    assert not Source.objects.exists()
    assert stored_files(folder) == []


def test_a_file_over_the_limit_is_refused_naming_the_limit(client, editor, folder, settings):
    settings.SOURCE_FILE_MAX_BYTES = 2048
    client.force_login(editor)
    response = upload(client, "big.pdf", PDF[:-6] + b"0" * 4096 + b"\n%%EOF\n")
    assert response.status_code == 200
    assert "a source file may be at most 2 KB" in response.content.decode()
    assert not Source.objects.exists() and stored_files(folder) == []


def test_a_body_over_the_request_limit_is_refused_before_anything_is_read(client, editor, folder, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    client.force_login(editor)
    response = upload(client, "big.pdf", PDF + b"0" * 8192)
    assert response.status_code == 413
    assert not Source.objects.exists() and stored_files(folder) == []


def test_the_admin_links_the_stored_file_through_the_download_view(client, editor, folder):
    client.force_login(editor)
    upload(client, "report.pdf", PDF)
    source = Source.objects.get()
    page = client.get(reverse("admin:taxonomy_source_change", args=[source.pk])).content.decode()
    assert 'href="/sources/report/file/"' in page
    assert source.file.name not in page  # the stored name stays on the server
    assert 'accept="application/pdf,.pdf"' in page


def test_the_download_is_an_attachment_no_browser_sniffs_or_runs(client, editor, folder):
    client.force_login(editor)
    upload(client, "<script>.pdf", PDF)
    client.logout()
    from tests.factories import DonorFactory

    DonorFactory(source=Source.objects.get())  # a public record cites it: the public may download it
    response = client.get("/sources/report/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_media_folder_has_no_public_address(client, editor, folder):
    client.force_login(editor)
    upload(client, "report.pdf", PDF)
    name = Source.objects.get().file.name
    for path in (f"/media/{name}", f"/media/sources/{name}", f"/sources/{name}", f"/static/{name}"):
        assert client.get(path).status_code == 404


def test_the_admin_says_what_cites_the_source(client, editor, folder):
    from tests.factories import ProjectFactory

    client.force_login(editor)
    upload(client, "report.pdf", PDF)
    source = Source.objects.get()
    ProjectFactory.create_batch(2, source=source)
    page = client.get(reverse("admin:taxonomy_source_change", args=[source.pk])).content.decode()
    assert "2 projects" in page
