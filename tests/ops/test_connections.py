"""Database connections are kept between requests on SQLite as on PostgreSQL: a new SQLite
connection reads the whole schema again (3 ms), three times what a page from the cache costs."""

import pytest

from tests.ops.conftest import site_python


def conn_max_age(tmp_path, **env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    output = site_python(
        code,
        drop=("DJANGO_CONN_MAX_AGE",),
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        **env,
    )
    return int(output.split()[-1])


@pytest.mark.parametrize("setting, kept", [(None, 60), ("300", 300), ("0", 0)])
def test_sqlite_connections_are_kept_as_the_setting_says(tmp_path, setting, kept):
    env = {} if setting is None else {"DJANGO_CONN_MAX_AGE": setting}
    assert conn_max_age(tmp_path, **env) == kept
