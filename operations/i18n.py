"""The interface language of a request: which one a page is shown in, and the first-visit redirect.

Each language has its own addresses: English at the unprefixed ones (`/projects/`), the others
under their code (`/fr/projects/`, `/es/…`, `/ja/…`), made by `i18n_patterns` in ilopartners/urls.py.
Django's LocaleMiddleware activates the language of the address; the address alone decides, so a
cached page (operations/caching.py) is always in the language of its address.

A browser's first visit to an unprefixed public page is sent to the same page in the language it
prefers (`Accept-Language`), unless the visitor chose a language with the switcher (the language
cookie, portal/language.py), whose choice wins, English included. Never redirected: anything but a
GET or HEAD, a request that does not ask for HTML (feeds, CSV, the API), a file (`calendar.ics`), a
crawler (it reads the `hreflang` alternates instead), and the addresses that are the same in every
language (the admin, the API, the sitemap, the feeds, the health check, static files).
"""

import functools
import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import get_urlconf, translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

# The two readings of a language live in the kernel (kernel.feeds uses them); api/language.py
# imports them from here.
from kernel.negotiation import accept_language, supported

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

# Crawlers, link previewers and command-line clients: they get the address they asked for.
ROBOT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|curl|wget|httpie|"
    r"python-|java/|go-http|okhttp|feed|validator|lighthouse|headless",
    re.IGNORECASE,
)

# A file rather than a page (`/events/calendar.ics`): the same in every language.
FILE = re.compile(r"\.[a-z0-9]{2,5}$", re.IGNORECASE)


def preferred_language(request):
    """The visitor's language: the switcher's cookie, else the browser's, else None."""
    chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    return accept_language(request.headers.get("Accept-Language"))


def first_visit(request):
    """Whether the request may be sent to another language: a browser's GET of an unprefixed page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "text/html" not in request.headers.get("Accept", ""):
        return False
    if ROBOT.search(request.headers.get("User-Agent", "")):
        return False
    if FILE.search(request.path_info):
        return False
    return get_language_from_path(request.path_info) is None


def in_language(request, language):
    """The address of the requested page in `language`, or None when it is the same in every
    language (the admin, the API, a feed: translate_url gives those back unchanged)."""
    here = request.get_full_path()
    there = translate_url(here, language)
    return there if there != here else None


@functools.lru_cache(maxsize=4096)
def _has_translations(urlconf, path):
    return translate_url(path, LANGUAGE_CODES[1]) != path


def has_translations(request):
    """Whether the page at this address also exists in the other languages (the admin, the API and
    the feeds do not): remembered per path, since every unprefixed response asks (resolving the
    address again cost an API answer from the cache a fifth of its time)."""
    return _has_translations(get_urlconf(), request.path)


def redirect_to(request):
    """The address a first visit is sent to (the page in the visitor's language), or None."""
    if first_visit(request):
        language = preferred_language(request)
        if language and language != settings.LANGUAGE_CODE:
            return in_language(request, language)
    return None


def address_language(request):
    """The language a page is made in: its address's (`/fr/…`), English at an unprefixed address,
    as Django's LocaleMiddleware decides with `i18n_patterns` and no prefix for English."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


class FirstVisitLanguageMiddleware:
    """Send a browser from an unprefixed public page to the page in its language (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if there := redirect_to(request):
            response = HttpResponseRedirect(there)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and get_language_from_path(request.path_info) is None
            and has_translations(request)
        ):
            # A page at an unprefixed address: a redirect or the English page, by both headers,
            # whoever asked (a shared cache must not hand a crawler's copy to a French browser).
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
