"""Source documents' files: where they are kept, what is accepted, and how they are named.

A source may carry its document as an uploaded PDF. The file is

- **named by the server**: a random token and `.pdf`, never the name the browser sent (which could
  climb out of the folder, collide with another file, or carry a script's extension);
- **checked by its content**, not its name: it must begin with the PDF header `%PDF-` and end with
  the `%%EOF` marker (a file cut short in transfer is refused), and be no larger than
  `SOURCE_FILE_MAX_BYTES` (`DJANGO_SOURCE_FILE_MAX_BYTES`, 8 MB by default: docs/operations.md);
- **kept outside the static and media addresses**, in `SOURCE_FILES_DIR`, readable by the site's
  user only, and served solely by the download view (`portal.sources`), as an attachment with its
  content type stated and `X-Content-Type-Options: nosniff`.
"""

import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.functional import cached_property

PDF_HEADER = b"%PDF-"
PDF_TRAILER = b"%%EOF"
# The PDF specification lets readers look for the end marker within the last 1,024 bytes.
TRAILER_WINDOW = 1024
CONTENT_TYPE = "application/pdf"


class SourceFileStorage(FileSystemStorage):
    """The folder of source files (`SOURCE_FILES_DIR`, read when first used and again when a test
    changes the setting); files 0600, folders 0700. It has no public address: `url()` refuses, so
    nothing can link to a file except through the download view."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @cached_property
    def base_location(self):
        return str(settings.SOURCE_FILES_DIR)

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Source files have no public address: link to Source.get_file_url().")

    def forget_location(self, **kwargs):
        if kwargs.get("setting") == "SOURCE_FILES_DIR":
            for name in ("base_location", "location"):
                self.__dict__.pop(name, None)


_storage = SourceFileStorage()
setting_changed.connect(_storage.forget_location, dispatch_uid="taxonomy.source_files")


def source_storage():
    """The storage of `Source.file` (a callable, so migrations name it rather than copy it)."""
    return _storage


def file_name(instance, filename):
    """A name the server chose: the client's `filename` is ignored on purpose."""
    return f"{secrets.token_urlsafe(24)}.pdf"


def describe_size(count):
    """A file size as people read it: "840 KB", "2.4 MB"."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"


def validate_pdf(upload):
    """A PDF within the size limit, judged by its bytes; the error names what is wrong."""
    if getattr(upload, "_committed", False):
        return  # a file already stored was checked when it was uploaded
    limit = settings.SOURCE_FILE_MAX_BYTES
    size = upload.size
    if size > limit:
        raise ValidationError(
            "The file is %(size)s; a source file may be at most %(limit)s.",
            code="too_large",
            params={"size": describe_size(size), "limit": describe_size(limit)},
        )
    if size == 0:
        raise ValidationError("The file is empty.", code="empty")
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        head = upload.read(len(PDF_HEADER))
        upload.seek(max(0, size - TRAILER_WINDOW))
        tail = upload.read(TRAILER_WINDOW)
    finally:
        upload.seek(position or 0)
    if head != PDF_HEADER:
        raise ValidationError(
            "The file is not a PDF (it does not begin with %PDF-): upload the document as a PDF.",
            code="not_pdf",
        )
    if PDF_TRAILER not in tail:
        raise ValidationError(
            "The PDF is incomplete (it has no %%EOF end marker): upload it again.", code="truncated"
        )
