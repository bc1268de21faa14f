"""Uploaded files kept between two requests: a spreadsheet between its import preview and the
confirmation that imports it.

django-import-export's default keeps the upload in the system's temporary folder under a name that
travels in the confirmation form, and reads whatever file the form names there (then deletes it):
an Editor could import, and delete, any file in that folder, skipping the preview. Here:

- the file is stored under a random name the server chose, in a folder of its own
  (`IMPORT_UPLOAD_DIR`), readable by the site's user only;
- what the form carries is that name signed together with the uploader's id and the time, so a
  confirmation naming any other file, another user's upload, or an upload older than
  `IMPORT_UPLOAD_MAX_AGE` seconds is refused (a 400) and nothing is read or deleted;
- uploads that are never confirmed (abandoned, or refused at the preview) are removed once they are
  older than `IMPORT_UPLOAD_MAX_AGE`, whenever another upload is stored (and by
  `manage.py remove_abandoned_uploads`, for a scheduler);
- an upload handed to a background job (`hold()`) moves to a folder the sweep leaves alone, under a
  claim that does not expire: it waits in the queue as long as the job does, and the job (or the
  reaper of a job that stopped) removes it. That claim travels only in the job's own record.
"""

import contextvars
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from import_export.tmp_storages import BaseStorage

SALT = "kernel.uploads.import"
HELD_SALT = "kernel.uploads.held"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

# The user whose request is storing or reading an upload (set by operations/imports.py's admin
# mixin, and by a background job, as the user who started it).
uploader = contextvars.ContextVar("uploader", default=None)


def upload_dir():
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def held_dir():
    folder = upload_dir() / "held"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def remove_abandoned_uploads(now=None):
    """Remove uploads older than IMPORT_UPLOAD_MAX_AGE; returns how many were removed."""
    cutoff = (now or time.time()) - settings.IMPORT_UPLOAD_MAX_AGE
    removed = 0
    for path in upload_dir().iterdir():
        try:
            if path.is_file() and TOKEN.match(path.name) and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by another process
            continue
    return removed


def discard_held(claim):
    """Remove the upload a held claim names (for a job that stopped before reading it); a claim this
    server did not sign removes nothing."""
    try:
        name = str(signing.loads(claim or "", salt=HELD_SALT).get("file", ""))
    except signing.BadSignature:
        return False
    if not TOKEN.match(name):
        return False
    path = held_dir() / name
    existed = path.is_file()
    path.unlink(missing_ok=True)
    return existed


class ImportUploadStorage(BaseStorage):
    """A django-import-export temporary storage tied to the uploader (see the module).

    `held=True` reads a claim made by `hold()`: the upload a background job waits to import."""

    def __init__(self, **kwargs):
        self.held = kwargs.pop("held", False)
        super().__init__(**kwargs)

    def _user_id(self):
        user_id = uploader.get()
        if user_id is None:
            raise SuspiciousFileOperation("An upload is stored or read outside a signed-in request.")
        return user_id

    def _path(self):
        try:
            if self.held:
                claim = signing.loads(self.name or "", salt=HELD_SALT)
            else:
                claim = signing.loads(self.name or "", salt=SALT, max_age=settings.IMPORT_UPLOAD_MAX_AGE)
        except signing.SignatureExpired:
            raise SuspiciousFileOperation("The uploaded file has expired: upload it again.") from None
        except signing.BadSignature:
            raise SuspiciousFileOperation("The import names a file this server did not store.") from None
        if claim.get("user") != self._user_id() or not TOKEN.match(str(claim.get("file", ""))):
            raise SuspiciousFileOperation("The import names a file another user uploaded.")
        path = (held_dir() if self.held else upload_dir()) / claim["file"]
        if not path.is_file():
            raise SuspiciousFileOperation("The uploaded file is gone (already imported, or expired).")
        return path

    def save(self, data):
        remove_abandoned_uploads()
        token = secrets.token_urlsafe(32)
        path = upload_dir() / token
        mode = "wb" if isinstance(data, bytes) else "w"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, mode, encoding=None if mode == "wb" else (self.encoding or "utf-8")) as file:
            file.write(data)
        self.name = signing.dumps({"user": self._user_id(), "file": token}, salt=SALT)

    def hold(self):
        """Hand the upload to a background job: moved out of the sweep of abandoned uploads, under a
        claim that does not expire (the job may wait in the queue). Returns that claim."""
        path = self._path()
        path.rename(held_dir() / path.name)
        self.held = True
        self.name = signing.dumps({"user": self._user_id(), "file": path.name}, salt=HELD_SALT)
        return self.name

    def read(self):
        path = self._path()
        if "b" in self.read_mode:
            return path.read_bytes()
        return path.read_text(encoding=self.encoding or "utf-8")

    def remove(self):
        self._path().unlink(missing_ok=True)
