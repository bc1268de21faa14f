import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def site_python(code, *, drop=(), **env):
    """Run `code` in a new Python process with the site's own settings (ilopartners.settings, not
    the tests'), the environment's variables in `drop` removed and `env` added; its standard output."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env={
            **{key: value for key, value in os.environ.items() if key not in drop},
            "DJANGO_SETTINGS_MODULE": "ilopartners.settings",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
