"""The language of an API answer: `?lang=` first, then `Accept-Language`, else English.

Every address under /api/ is the same in every language (no /fr/ prefix), so the client names the
language: `?lang=fr` (any of the site's codes, or a regional form such as `fr-CA`), or the
`Accept-Language` header. The answer says which one it is in (`Content-Language`) and varies on the
header. An unknown `lang` is a 400 naming the parameter, like every other bad parameter.

`?lang=all` asks for every language at once: the record's own fields are English (and so are the
labels), each record carries its `translations` (api/translations.py), and `Content-Language` names
every language (`en, fr, es, ja`). `answer_language(request)` is what the serializers, the ETags and
the CSV ask: a language code, or `all`.
"""

import re

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from operations.i18n import LANGUAGE_CODES, accept_language, supported

PARAMETER = "lang"
ALL = "all"


def _either_case(word):
    return "".join(f"[{letter.upper()}{letter.lower()}]" for letter in word)


# What `lang` takes: a code of the site's, in either case, with or without a region (`fr-CA`,
# `es-419`), or `all`. The OpenAPI schema states the same pattern, so what it says is valid is
# exactly what the API accepts.
PATTERN = (
    "^(?:(?:"
    + "|".join(_either_case(code) for code in LANGUAGE_CODES)
    + ")(?:-[A-Za-z0-9]{1,8})*|"
    + _either_case(ALL)
    + ")$"
)
VALUE = re.compile(PATTERN)


def answer_language(request=None):
    """The language an API answer is in: one of the site's codes, or `all` (`?lang=all`)."""
    chosen = getattr(request, "api_language", None)
    if chosen:
        return chosen
    language = translation.get_language() or settings.LANGUAGE_CODE
    return supported(language) or settings.LANGUAGE_CODE


class APILanguageMiddleware:
    """Choose the language of every request under /api/ (after Django's LocaleMiddleware, which
    makes every unprefixed address English)."""

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        answer = None
        if PARAMETER in request.GET:
            asked = request.GET[PARAMETER]
            valid = VALUE.search(asked) is not None
            if valid and asked.strip().lower() == ALL:
                language, answer = settings.LANGUAGE_CODE, ALL
            else:
                language = supported(asked) if valid else None
                if language is None:
                    return self.refuse(asked)
        else:
            language = accept_language(request.headers.get("Accept-Language")) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.api_language = answer or language
        response = self.get_response(request)
        response["Content-Language"] = ", ".join(LANGUAGE_CODES) if answer == ALL else language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def refuse(self, asked):
        choices = ", ".join(LANGUAGE_CODES)
        response = JsonResponse(
            {PARAMETER: [f'Unknown language "{asked}". Choose one of: {choices}, or {ALL} for every one.']},
            status=400,
        )
        response["Content-Language"] = settings.LANGUAGE_CODE
        return response
