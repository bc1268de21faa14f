"""Settings for the test suite: development defaults (DEBUG on, a local key) unless the
environment says otherwise, as `make run` has them."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from ilopartners.settings import *  # noqa: F403

# Hashing test passwords slowly buys nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# On SQLite the test database is a file rather than memory, so that a real task worker
# (`manage.py db_worker`, started by tests/jobs/) can open it from another process.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"ilopartners-test-{os.getpid()}.sqlite3")
    }

# Source files uploaded by tests go to a folder of the test run's own, never the working copy's media/.
import tempfile as _tempfile  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

SOURCE_FILES_DIR = _Path(_tempfile.gettempdir()) / f"ilopartners-test-sources-{os.getpid()}"
