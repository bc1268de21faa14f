"""Database connections are kept between requests on SQLite as on PostgreSQL: a new SQLite
connection reads the whole schema again (3 ms), three times what a page from the cache costs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def conn_max_age(tmp_path, **env):
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            **{key: value for key, value in os.environ.items() if key != "DJANGO_CONN_MAX_AGE"},
            "DJANGO_SETTINGS_MODULE": "ilopartners.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
            **env,
        },
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output.split()[-1])


@pytest.mark.parametrize("setting, kept", [(None, 60), ("300", 300), ("0", 0)])
def test_sqlite_connections_are_kept_as_the_setting_says(tmp_path, setting, kept):
    env = {} if setting is None else {"DJANGO_CONN_MAX_AGE": setting}
    assert conn_max_age(tmp_path, **env) == kept
