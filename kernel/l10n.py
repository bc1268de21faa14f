"""Dates, numbers, money and country names in the reader's language, from CLDR through Babel.

The language is Django's active one (`get_language()`: the page's address, or the API's `?lang=`
and `Accept-Language`). English keeps the site's own forms, which are British English: dates
through CLDR's `en_GB` ("2 December 2022"), money as the site has always written it ("USD 2.83
million", `format_usd`), countries by their stored name (the ILO's spelling). French, Spanish and
Japanese take CLDR's forms: "2 décembre 2022", "2 de diciembre de 2022", "2022年12月2日"; "2,83 M $US",
"$282.7万"; "Népal", "ネパール".

Nothing here runs a query: Babel reads its locale data from files and keeps it, and the stored
English name comes with the row the caller already has.
"""

import datetime
import functools
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, dates, numbers
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from kernel.quantities import Qualifier, format_figure

# The site's interface languages and the CLDR locale each is written in.
LOCALES = {"en": "en_GB", "fr": "fr", "es": "es", "ja": "ja"}
ENGLISH = "en"


def language():
    """The active interface language as one of the site's codes ("fr" for "fr-ca"); English when
    none is active or it is not one of the site's."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).lower().replace("_", "-")
    base = code.split("-")[0]
    return base if base in LOCALES else ENGLISH


@functools.cache
def _locale(code):
    return Locale.parse(LOCALES[code])


def locale():
    """The Babel `Locale` of the active language."""
    return _locale(language())


# Dates -------------------------------------------------------------------------------------

# How a date known to the day, the month or the year reads (CLDR skeletons: each language orders
# and spells them its own way, "December 2022", "décembre 2022", "2022年12月").
SKELETONS = {"month": "yMMMM", "year": "y"}


def format_date(value, precision="day"):
    """A date no more precisely than it is known: "2 December 2022", "décembre 2022", "2022年"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    skeleton = SKELETONS.get(str(precision))
    if skeleton:
        return dates.format_skeleton(skeleton, value, locale=locale())
    return dates.format_date(value, "long", locale=locale())


def format_time(value):
    """A time of day on the 24-hour clock every one of the site's languages reads: "14:30"."""
    return dates.format_time(value, "HH:mm", locale=locale())


def format_datetime(value):
    """A day and a time, joined as the language joins them: "2 December 2022, 14:30",
    "2022年12月2日 14:30"."""
    joined = locale().datetime_formats["medium"]
    return str(joined).replace("{1}", format_date(value)).replace("{0}", format_time(value))


# Numbers -----------------------------------------------------------------------------------


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_number(value, places=2):
    """A number with the language's separators and no trailing zero decimals (at most `places`):
    "1,234.5", "1 234,5", "1234,5" (Spanish groups from five digits, as CLDR says)."""
    if value is None or value == "":
        return ""
    return _formatted_number(language(), str(value), places)


@functools.lru_cache(maxsize=8192)
def _formatted_number(code, text, places):
    """`format_number` of a value written `text`, kept: a list page writes a thousand counts and
    sums, most of them small numbers it has written before, and Babel takes 9 µs for each."""
    number = _decimal(text)
    if number is None:
        return text
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if places else number
    return numbers.format_decimal(number, locale=_locale(code), decimal_quantization=False)


def format_percent(value, places=2):
    """A share given in per cent (0.2 for 0.2 %), as the language writes it, with `places` decimals
    unless it is whole: "0.20%", "0,20 %", "1%"."""
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return str(value)
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = locale().percent_formats[None].pattern
    if number != number.to_integral_value():
        pattern = pattern.replace("0", "0." + "0" * places, 1)
    return numbers.format_percent(number / 100, format=pattern, locale=locale())


def qualify(text, qualifier):
    """ "more than 271", "about 100": a figure as its source states it."""
    if not text:
        return text
    if qualifier == Qualifier.MORE_THAN:
        return gettext("more than %(amount)s") % {"amount": text}
    if qualifier == Qualifier.ABOUT:
        return gettext("about %(amount)s") % {"amount": text}
    return text


def format_quantity(value, qualifier=Qualifier.EXACT):
    """A stated figure in words: "more than 1,200", "environ 1 200", "約1,200"."""
    if value is None or value == "":
        return ""
    return qualify(format_number(value), qualifier)


# Money -------------------------------------------------------------------------------------

CURRENCY = "USD"
# From a million up, a sum reads in millions (or the language's own unit: 万, 億), as the English
# pages say "USD 2.83 million".
COMPACT_FROM = Decimal(10) ** 6
# The signs before a compact figure (chart labels), the same in every language.
QUALIFIER_SIGNS = {Qualifier.MORE_THAN: "> ", Qualifier.ABOUT: "≈ "}


def format_money(value, compact=False):
    """US dollars in the active language: in full, "2 827 000 $US", "US$2,827,000" (no cents when
    there are none); compact, "2,83 M $US", "$282.7万" (CLDR's Japanese form: the dollar sign, then
    万 or 億)."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if compact:
        return numbers.format_compact_currency(amount, CURRENCY, locale=locale(), fraction_digits=2)
    pattern = locale().currency_formats["standard"].pattern.replace("0.00", "0")
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return numbers.format_currency(
        amount, CURRENCY, format=pattern, locale=locale(), currency_digits=False, decimal_quantization=False
    )


def format_usd(value, qualifier=Qualifier.EXACT, compact=False):
    """A sum as a reader says it: "more than USD 271 million" (English, the site's own form),
    "plus de 271 M $US", "$2.71億超"; below a million in full, "environ 12 500 $US". `compact` is for
    chart labels: "> USD 271M", "> 271 M $US"."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if language() == ENGLISH:
        text = _english_usd(amount, compact)
    else:
        text = format_money(amount, compact=amount >= COMPACT_FROM)
    if compact:
        return QUALIFIER_SIGNS.get(qualifier, "") + text
    return qualify(text, qualifier)


ENGLISH_SCALES = ((Decimal(10) ** 9, "billion", "bn"), (Decimal(10) ** 6, "million", "M"))


def _english_usd(value, compact):
    for size, word, short in ENGLISH_SCALES:
        if value >= size:
            number = f"{value / size:,.2f}".rstrip("0").rstrip(".")
            return f"USD {number}{short}" if compact else f"USD {number} {word}"
    return f"USD {format_figure(value)}"


# Countries ---------------------------------------------------------------------------------


def country_name(code, stored=""):
    """A country's or territory's name in the active language, from CLDR (`NP`: "Népal", "Nepal",
    "ネパール"). English keeps the stored name (the ILO's spelling); a code CLDR does not know
    falls back to it too."""
    code = (code or "").upper()
    if language() == ENGLISH:
        return stored or code
    return locale().territories.get(code) or stored or code


def sort_key(text):
    """The order of names in the active language, without an ICU collator: accents and case are
    ignored, so "Égypte" comes with the E's. Japanese names, in katakana, fall in the gojūon
    order of their code points; names written in kanji (中国, 日本) come after them."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sorted_by_name(items, name=str):
    """`items` in the active language's alphabetical order of `name(item)`."""
    return sorted(items, key=lambda item: sort_key(name(item)))
