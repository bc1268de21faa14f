"""The site itself: debug mode, keys, hosts, apps, middleware, templates, languages, static files."""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from ilopartners.settings.environment import BASE_DIR, env_bool, env_list

# Off unless asked for: a deployment that forgets DJANGO_DEBUG=0 must not run in debug mode.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set (or DJANGO_DEBUG=1 for local development, as `make run` does)"
        )
    # Local development only: a key that signs nothing worth stealing.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    # Django's admin on the site's AdminSite: the content apps first, and an overview on its home.
    "kernel.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    # The layers, bottom up (docs/architecture.md): the kernel, the operations code, the content
    # apps, and the site-wide pages. The API's shared machinery (api/) is a package, not an app.
    "kernel",
    "kernel.taxonomy",
    "operations",
    "organisations",
    "donors",
    "projects",
    "events",
    "portal",
]

MIDDLEWARE = [
    # First, so every log line of the request, and the response, carry its id.
    "operations.middleware.RequestIdMiddleware",
    # Before anything reads the request: a NUL byte in the query string, or a body over its limit.
    "operations.limits.RequestLimitsMiddleware",
    # Anonymous reads may use the read replica, when there is one (operations/routers.py): decided
    # before the caches below read the content version, so that it is read where the rows are.
    "operations.routers.ReplicaReadsMiddleware",
    # Public pages for anonymous visitors from the cache, never stale, before the rest of the stack
    # runs; what it keeps carries the headers the middleware below gave (operations/caching.py).
    "operations.caching.AnonymousPageCacheMiddleware",
    # The same for the API's answers, counted against the client's rate (api/caching.py).
    "api.caching.AnonymousAPICacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files get the same headers as pages.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that can answer on its own (WhiteNoise, CommonMiddleware): CORS for /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below the caches, so that they keep the compressed answer, and below WhiteNoise, which serves
    # static files' own compressed copies: text answers gzip'd for readers that accept it.
    "operations.compression.TextCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (as Django asks) and before the page cache below,
    # so every cached page is looked up in the language it is served in: the language of the
    # address (/fr/…), English at unprefixed addresses, the API's own choice (api/negotiation.py).
    "django.middleware.locale.LocaleMiddleware",
    # A browser's first visit to an unprefixed page goes to the page in its language (operations/i18n.py).
    "operations.i18n.FirstVisitLanguageMiddleware",
    # The API's language: ?lang= or Accept-Language, and Content-Language on the answer.
    "api.language.APILanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ETag on every page, and 304 for a request that names it (the API sets its own).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets django-simple-history record who made a change, from the admin or the API.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ilopartners.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            # Record content in the page's language, in every template (kernel.translation).
            "builtins": ["kernel.templatetags.localized"],
        },
    },
]

WSGI_APPLICATION = "ilopartners.wsgi.application"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages (docs/architecture.md, "Languages"): English at today's unprefixed
# addresses, the others under /fr/, /es/, /ja/. The interface strings are in locale/*/LC_MESSAGES.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ja", "日本語"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language a visitor chose with the switcher (portal.i18n.switch_language); a year, like a preference.
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# `loaddata seed` finds fixtures/seed.json, the content taken from the source documents.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The organisation that reports IATI activities: the ILO's identifier in the IATI registry.
ILO_IATI_IDENTIFIER = "XM-DAC-41302"

# Spreadsheet import and export in the admin (django-import-export), every import in one
# transaction; whoever may add may import, whoever may view may export.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The largest body a page's form may send, uploads included (operations/limits.py): spreadsheet
# imports are the largest. Form fields alone stay within Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
UPLOAD_MAX_BYTES = int(os.environ.get("DJANGO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))

# Where a spreadsheet waits between its import preview and the confirmation, and how long it may
# (kernel/uploads.py). With several app servers the folder must be shared, or sessions sticky.
IMPORT_UPLOAD_DIR = Path(
    os.environ.get("DJANGO_IMPORT_UPLOAD_DIR") or Path(tempfile.gettempdir()) / "ilopartners-imports"
)
IMPORT_UPLOAD_MAX_AGE = int(os.environ.get("DJANGO_IMPORT_UPLOAD_MAX_AGE", 60 * 60))

# Source documents uploaded as PDFs (kernel/taxonomy/documents.py): kept in a folder of their own,
# outside every public address, served only by the download view; back it up with the database.
# The largest file must fit in a request body (UPLOAD_MAX_BYTES), which a system check verifies.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
SOURCE_FILES_DIR = Path(os.environ.get("DJANGO_SOURCE_FILES_DIR") or MEDIA_ROOT / "sources")
SOURCE_FILE_MAX_BYTES = int(os.environ.get("DJANGO_SOURCE_FILE_MAX_BYTES", 8 * 1024 * 1024))

# The site's own address, for links in files made without a request (an IATI file's document-link
# to a source's PDF, written by a background job); a request's own address is used when there is one.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://localhost:8000").rstrip("/")

# The longest text any long-text field takes (a report, a description), in the API and the admin.
TEXT_MAX_CHARS = int(os.environ.get("DJANGO_TEXT_MAX_CHARS", 100_000))

# The admin home lists these apps first, in this order, above accounts, tokens and logs
# (kernel/admin_site.py); its overview covers their publishable records.
ADMIN_CONTENT_APPS = ["donors", "projects", "events", "organisations", "taxonomy", "operations"]
