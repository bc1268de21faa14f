"""gunicorn's master loads the site before forking (ilopartners/wsgi.py): the URL configuration,
the backends, the translations and every template are loaded there once, and no connection is
opened there (the workers would share its socket)."""

from tests.ops.conftest import site_python

CHECK = """
import sys
import ilopartners.wsgi
from django.db import connections
from django.template import engines
from django.urls import get_resolver
print("connections", sum(connection.connection is not None for connection in connections.all()))
print("views", "projects.views" in sys.modules and "api.viewsets" in sys.modules)
print("redis", "django_redis.cache" in sys.modules)
print("names", len(get_resolver()._reverse_dict))
loader = engines["django"].engine.template_loaders[0]
print("templates", len(loader.get_template_cache))
"""


def test_the_master_loads_the_site_and_opens_no_connection(tmp_path):
    output = site_python(
        CHECK,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:1/0",  # nothing listens: loading must not connect
    )
    found = dict(line.split(" ", 1) for line in output.splitlines() if " " in line)
    assert found["connections"] == "0"
    assert found["views"] == "True" and found["redis"] == "True"
    assert int(found["names"]) >= 4  # one per language
    assert int(found["templates"]) > 50


FREEZE = """
import gc, runpy
conf = runpy.run_path("gunicorn.conf.py")
before = gc.get_freeze_count()
conf["when_ready"](None)
after_ready = gc.get_freeze_count()
conf["pre_fork"](None, None)
print("frozen", before, after_ready > 0, gc.get_freeze_count() >= after_ready)
"""


def test_the_master_freezes_what_it_loaded_before_it_forks(tmp_path):
    """gunicorn.conf.py: the workers' collector never walks the objects the master loaded (each
    worker's first full collection otherwise copied the shared memory and paused it)."""
    output = site_python(FREEZE, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="test-only")
    assert "frozen 0 True True" in output
