#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from importlib import import_module

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilopartners.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        # Read the settings first, so that settings the environment does not complete (no secret key
        # outside development mode) are one line saying what to set, not a traceback of a later error.
        import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ImproperlyConfigured as error:
        sys.exit(f"manage.py: {error}")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
