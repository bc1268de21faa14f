"""An import's confirmation can read only the file its own preview stored: another file on the
server, another user's upload, or an expired one is refused and left alone; abandoned uploads go."""

import os
import tempfile
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from donors.models import Contribution
from kernel import uploads
from tests.factories import DonorFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
DATA = "slug,donor,kind,year_from,year_to,amount_usd\nnew-row,japan,assessed,2012,2017,100\n"


@pytest.fixture(autouse=True)
def _own_upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    DonorFactory(slug="japan")


def preview(client):
    response = client.post(
        reverse("admin:donors_contribution_import"),
        {"resource": "0", "format": CSV_FORMAT, "import_file": SimpleUploadedFile("c.csv", DATA.encode())},
    )
    assert response.status_code == 200
    return response.context["confirm_form"].initial


def confirm(client, form):
    return client.post(reverse("admin:donors_contribution_process_import"), form)


def test_the_file_is_stored_under_a_name_the_server_chose(client, editor, settings):
    client.force_login(editor)
    form = preview(client)
    [stored] = Path(settings.IMPORT_UPLOAD_DIR).iterdir()
    assert stored.name not in form["import_file_name"]  # the form carries a signed claim, not a path
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    assert confirm(client, form).status_code == 302
    assert Contribution.objects.filter(slug="new-row").exists()
    assert not list(Path(settings.IMPORT_UPLOAD_DIR).iterdir())  # removed once imported


@pytest.mark.parametrize("name", ["../../{temp}/{file}", "{file}", "{temp}/{file}"])
def test_a_confirmation_naming_another_file_is_refused_and_the_file_kept(client, editor, name):
    client.force_login(editor)
    form = preview(client)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as victim:
        victim.write(DATA)
    try:
        form["import_file_name"] = name.format(
            temp=tempfile.gettempdir().strip("/"), file=os.path.basename(victim.name)
        )
        response = confirm(client, form)
        assert response.status_code == 400
        assert Path(victim.name).exists()
        assert not Contribution.objects.filter(slug="new-row").exists()
    finally:
        os.unlink(victim.name)


def test_another_users_upload_is_refused(client, editor):
    other = UserFactory(username="other-editor", is_staff=True, is_superuser=True)
    client.force_login(other)
    form = preview(client)
    client.force_login(editor)
    assert confirm(client, form).status_code == 400
    assert not Contribution.objects.filter(slug="new-row").exists()


def test_an_expired_upload_is_refused(client, editor, settings, monkeypatch):
    client.force_login(editor)
    form = preview(client)
    later = time.time() + settings.IMPORT_UPLOAD_MAX_AGE + 5
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert confirm(client, form).status_code == 400
    assert not Contribution.objects.filter(slug="new-row").exists()


def test_abandoned_uploads_are_removed_after_the_set_time(client, editor, settings):
    client.force_login(editor)
    preview(client)
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    [abandoned] = folder.iterdir()
    old = time.time() - settings.IMPORT_UPLOAD_MAX_AGE - 60
    os.utime(abandoned, (old, old))
    stranger = folder / "not-an-upload.txt"
    stranger.write_text("left alone")
    call_command("remove_abandoned_uploads", verbosity=0)
    assert not abandoned.exists()
    assert stranger.exists()
    # A new upload sweeps them too.
    preview(client)
    os.utime(next(p for p in folder.iterdir() if p != stranger), (old, old))
    preview(client)
    assert len([p for p in folder.iterdir() if p != stranger]) == 1


def test_the_storage_refuses_outside_a_signed_in_request():
    storage = uploads.ImportUploadStorage(name="anything")
    with pytest.raises(Exception, match="outside a signed-in request|did not store"):
        storage.read()
