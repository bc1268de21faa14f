"""WSGI entry point, used by gunicorn (`ilopartners.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilopartners.settings")

application = get_wsgi_application()
