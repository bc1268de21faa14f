"""Settings for ILO Partners, read from the environment.

One module for every deployment: defaults suit a laptop (SQLite, DEBUG on), and production is
switched on with DJANGO_DEBUG=0 plus a real DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import datetime
import logging
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a boolean from the environment: 1/true/yes/on are true, 0/false/no/off false."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    # Local development only: a key that signs nothing worth stealing.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "ilopartners",
    "ilopartners.taxonomy",
    "donors",
    "projects",
    "events",
]

MIDDLEWARE = [
    # First, so every log line of the request, and the response, carry its id.
    "ilopartners.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files get the same headers as pages.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that can answer on its own (WhiteNoise, CommonMiddleware): CORS for /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ETag on every page, and 304 for a request that names it (the API sets its own).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous reads may use the read replica, when there is one (ilopartners/routers.py).
    "ilopartners.routers.ReplicaReadsMiddleware",
    # Public pages for anonymous visitors from the cache, never stale (ilopartners/caching.py).
    "ilopartners.caching.AnonymousPageCacheMiddleware",
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
            ],
        },
    },
]

WSGI_APPLICATION = "ilopartners.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; the timeout waits out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A PostgreSQL read replica for anonymous reads (ilopartners/routers.py, docs/scaling.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the primary only; the replica alias reads the same test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ilopartners.routers.PrimaryReplicaRouter"]

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

LANGUAGE_CODE = "en"
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

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ilopartners",
            # Redis down: pages are built afresh and throttles stop counting (logged), not a 500.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long an anonymous page or API response may be served from the cache. Any change to content
# invalidates every cached response at once (ilopartners/caching.py), so this bounds only what
# changes with the clock alone ("upcoming" events). 0 turns the response cache off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("DJANGO_RESPONSE_CACHE_SECONDS", "300"))

LOGIN_URL = "admin:login"

# Security. Production runs behind a TLS-terminating proxy that sets X-Forwarded-Proto; DJANGO_HTTPS=0
# turns the HTTPS redirect, HSTS and secure cookies off for a production-mode run on plain loopback
# (benchmarks, Lighthouse).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
# A load balancer probes the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# How many proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# Every asset is served by the site itself, and no page has an inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
    }
}

# Admin login: after 5 failures for one username from one address, 15 minutes' lockout.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "ilopartners.middleware.client_ip"

# `loaddata seed` finds fixtures/seed.json, the content taken from the source documents.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The organisation that reports IATI activities: the ILO's identifier in the IATI registry.
ILO_IATI_IDENTIFIER = "XM-DAC-41302"

# REST API v1 (docs/api.md). Anonymous clients read published records, throttled per address; staff
# write with a token or the admin session. The rates are read from the environment so a load or fuzz
# run on loopback can change them; `none` turns a throttle off (a throttle keeps every request time
# of the last period per client, so a huge rate from one address costs more than no throttle).


def env_rate(name, default):
    value = os.environ.get(name, default)
    return None if value.strip().lower() in {"none", "off", "0"} else value


API_ANON_RATE = env_rate("DJANGO_API_ANON_RATE", "120/minute")
API_USER_RATE = env_rate("DJANGO_API_USER_RATE", "1200/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous write is answered 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ilopartners.api.permissions.ModelPermissionsOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "ilopartners.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "ilopartners.api.ordering.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "ilopartners.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["ilopartners.api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "ilopartners.api.negotiation.ContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [
        "ilopartners.api.throttling.AnonymousThrottle",
        "ilopartners.api.throttling.StaffThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    # The client address as the throttles see it: the same rule as the rest of the site.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "ilopartners.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "ilopartners.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ILO Partners API",
    "DESCRIPTION": (
        "Donors (development partners), their contributions, the projects they fund, the events held "
        "with them, and the organisations and people behind them. Guide: docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ilopartners.api.schema.allow_empty_query_values",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The script is served by the site (CSP allows no inline script), and nothing is fetched from
    # elsewhere: no online validator badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.Project.Status",
        "EventStatusEnum": "events.models.Event.Status",
        "PublicationStatusEnum": "ilopartners.publishing.Status",
        "DonorKindEnum": "donors.models.Donor.Kind",
        "ContributionKindEnum": "donors.models.Contribution.Kind",
        "EventKindEnum": "events.models.Event.Kind",
        "ProjectKindEnum": "projects.models.Project.Kind",
        "SourceKindEnum": "ilopartners.taxonomy.models.Source.Kind",
        "ParticipantRoleEnum": "projects.models.Participant.Role",
        "OrganiserRoleEnum": "events.models.Organiser.Role",
        "SpeakerRoleEnum": "events.models.Speaker.Role",
        "QualifierEnum": "ilopartners.quantities.Qualifier",
        "DatePrecisionEnum": "ilopartners.dates.Precision",
        "EventPrecisionEnum": [
            ("time", "Date and time"),
            ("day", "Day"),
            ("month", "Month"),
            ("year", "Year"),
        ],
        "EventFormatEnum": "events.models.Event.Format",
        "OrganisationTypeEnum": "donors.models.Organisation.Type",
        "OrganisationCategoryEnum": "donors.models.Organisation.Category",
    },
}
# Open data: any site may read the API from a browser (GET only, no cookies sent or accepted).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-none-match", "x-requested-with"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "X-Request-ID"]

# Logs go to standard output: one JSON object a line in production (or with DJANGO_LOG_FORMAT=json),
# plain text in development. Every line carries the id of the request it was written in.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ilopartners.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ilopartners.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request; in development runserver already prints one.
        "ilopartners.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
if LOG_FORMAT == "json":
    # Python warnings become log lines too, rather than bare text among the JSON.
    logging.captureWarnings(True)

# Spreadsheet import and export in the admin (django-import-export), every import in one
# transaction; whoever may add may import, whoever may view may export.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
