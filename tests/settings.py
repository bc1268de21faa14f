"""Settings for the test suite: development defaults (DEBUG on, a local key) unless the
environment says otherwise, as `make run` has them."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from ilopartners.settings import *  # noqa: F403

# Hashing test passwords slowly buys nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
