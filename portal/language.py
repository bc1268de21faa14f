"""The language switcher: remember the visitor's choice and show the same page in that language.

Links, not a form (templates/includes/_language_switcher.html): a form would need a CSRF token, and
a page holding one could not be cached for every anonymous reader. Choosing a language changes
nothing but the visitor's own preference cookie, which operations/i18n.py reads on a first visit.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from operations.i18n import LANGUAGE_CODES


@never_cache
@require_safe
def switch_language(request, code):
    """`/language/fr/?next=/projects/?country=JP` → `/fr/projects/?country=JP`, and the cookie."""
    if code not in LANGUAGE_CODES:
        raise Http404("No such language.")
    here = request.GET.get("next", "")
    if not here.startswith("/") or not url_has_allowed_host_and_scheme(
        here, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        here = reverse("home")
    # translate_url reads the address in the active language: the one the address is in.
    with translation.override(translation.get_language_from_path(here) or settings.LANGUAGE_CODE):
        there = translate_url(here, code)
    response = HttpResponseRedirect(there)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=request.is_secure(),
        httponly=True,
    )
    return response
