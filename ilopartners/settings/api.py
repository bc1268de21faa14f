"""The REST API (DRF, drf-spectacular) and who may read it from another site (CORS)."""

import os

from ilopartners.settings.environment import env_rate
from ilopartners.settings.security import TRUSTED_PROXY_COUNT

# REST API v1 (docs/api.md). Anonymous clients read published records, throttled per address; staff
# write with a token or the admin session. The rates are read from the environment so a load or fuzz
# run on loopback can change them; `none` turns a throttle off (a throttle keeps every request time
# of the last period per client, so a huge rate from one address costs more than no throttle).


# What one request may send (operations/limits.py, api/parsers.py; docs/operations.md).
API_MAX_BODY_BYTES = int(os.environ.get("DJANGO_API_MAX_BODY_BYTES", 1024 * 1024))
API_MAX_JSON_DEPTH = int(os.environ.get("DJANGO_API_MAX_JSON_DEPTH", 32))
# Parts of one kind (participants, results, speakers…) one record may have.
API_MAX_PARTS = int(os.environ.get("DJANGO_API_MAX_PARTS", 500))

API_ANON_RATE = env_rate("DJANGO_API_ANON_RATE", "120/minute")
API_USER_RATE = env_rate("DJANGO_API_USER_RATE", "1200/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous write is answered 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ModelPermissionsOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Filters and `sort` both come from the resource's FilterSet, the one its page uses.
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.ContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle",
        "api.throttling.StaffThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    # The client address as the throttles see it: the same rule as the rest of the site.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ILO Partners API",
    "DESCRIPTION": (
        "Donors (development partners), their contributions, the projects they fund, the events held "
        "with them, and the organisations and people behind them. Guide: docs/api.md.\n\n"
        "Reading needs no credentials (published records). Writing needs a staff token "
        "(`Authorization: Token <key>`, the operations with a lock); a staff token sent with a read "
        "also shows drafts. Every coded value (`status`, `kind`, `role`…) comes with its label "
        "beside it (`status_label`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.allow_empty_query_values",
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
        "PublicationStatusEnum": "kernel.publishing.Status",
        "DonorKindEnum": "donors.models.Donor.Kind",
        "ContributionKindEnum": "donors.models.Contribution.Kind",
        "EventKindEnum": "events.models.Event.Kind",
        "ProjectKindEnum": "projects.models.Project.Kind",
        "SourceKindEnum": "kernel.taxonomy.models.Source.Kind",
        "ParticipantRoleEnum": "projects.models.Participant.Role",
        "OrganiserRoleEnum": "events.models.Organiser.Role",
        "SpeakerRoleEnum": "events.models.Speaker.Role",
        "QualifierEnum": "kernel.quantities.Qualifier",
        "DatePrecisionEnum": "kernel.dates.Precision",
        "EventPrecisionEnum": [
            ("time", "Date and time"),
            ("day", "Day"),
            ("month", "Month"),
            ("year", "Year"),
        ],
        "EventFormatEnum": "events.models.Event.Format",
        "OrganisationTypeEnum": "organisations.models.Organisation.Type",
        "OrganisationCategoryEnum": "organisations.models.Organisation.Category",
        "BudgetTypeEnum": "projects.models.BudgetType",
        "BudgetStatusEnum": "projects.models.Budget.Status",
        "TransactionTypeEnum": "projects.models.Transaction.Kind",
        "IndicatorMeasureEnum": "projects.models.Indicator.Measure",
    },
}
# Open data: any site may read the API from a browser (GET only, no cookies sent or accepted).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-none-match", "x-requested-with"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "X-Request-ID"]
