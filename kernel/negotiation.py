"""Which of the site's languages a request asks for, for what has one address in every language
(the API, the feeds) or a file that may name its language (`calendar.ics?lang=ja`).

`?lang=` first (any of the site's codes, or a regional form such as `fr-CA`), then, where the
address does not say, the `Accept-Language` header. An unknown `lang` is refused (UnknownLanguage),
which each surface answers as a 400 naming the parameter. operations.i18n (the pages' first-visit
redirect) and api/language.py use the same two readings; they live here, in the kernel, so that
kernel.feeds can use them too.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

PARAMETER = "lang"


class UnknownLanguage(ValueError):
    """A `lang` parameter naming no language of the site."""

    def __init__(self, asked):
        self.asked = asked
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        super().__init__(f'Unknown language "{asked}". Choose one of: {choices}.')


def supported(code):
    """The site's language for `code` (`fr-CA` gives `fr`), or None."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def accept_language(header):
    """The site's language the `Accept-Language` header prefers most, or None when it names none."""
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            return None
        if language := supported(code):
            return language
    return None


def requested_language(request, default=None, *, header=True):
    """The language the request asks for: `?lang=`, else (with `header`) `Accept-Language`, else
    `default` (English when None). UnknownLanguage for a `lang` the site does not have."""
    if PARAMETER in request.GET:
        asked = request.GET[PARAMETER]
        language = supported(asked)
        if language is None:
            raise UnknownLanguage(asked)
        return language
    if header and (language := accept_language(request.headers.get("Accept-Language"))):
        return language
    return default or settings.LANGUAGE_CODE
