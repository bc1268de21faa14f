"""WSGI entry point, used by gunicorn (`ilopartners.wsgi:application`).

gunicorn loads it once in its master process (`preload_app`) and forks the workers from it, so what
is loaded here is shared by every worker, and by each worker started to replace one
(`max_requests`). Otherwise a worker's first request loads the URL configuration (every view
module), the cache, session and message backends, each language's translations and URL names,
and compiles every template it renders: 0.2–0.5 s that the first reader of every new worker waited.
Nothing here opens a connection (a socket made before the fork would be shared by the workers).
"""

import contextlib
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilopartners.settings")

application = get_wsgi_application()


def _load_ahead():
    from pathlib import Path

    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.template.utils import get_app_template_dirs
    from django.urls import get_resolver
    from django.utils import translation
    from django.utils.module_loading import import_string

    for name in (
        settings.CACHES["default"]["BACKEND"],
        settings.MESSAGE_STORAGE,
        settings.SESSION_SERIALIZER,
        f"{settings.SESSION_ENGINE}.SessionStore",
    ):
        import_string(name)
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URL configuration and every view
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Projects")
            resolver.reverse_dict  # noqa: B018 - the URL names, per language
    for engine in engines.all():
        folders = [*getattr(engine, "dirs", []), *get_app_template_dirs("templates")]
        for folder in map(Path, folders):
            for path in folder.rglob("*.html"):
                # Skipped: a template of another engine, or a fragment only its includer compiles.
                with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
                    engine.get_template(path.relative_to(folder).as_posix())


_load_ahead()
