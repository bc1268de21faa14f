"""Template tags and filters the site's pages share: Markdown, money and links.

Presentational logic only: nothing here runs a query, and nothing decides who sees what (the
views fetch only what the reader may see, through `kernel.visibility`).
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kernel import l10n
from kernel import markdown as markdown_module
from kernel import text as text_module
from kernel.filters import CONTROL_CHARACTERS
from kernel.l10n import format_usd

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitized HTML."""
    return mark_safe(markdown_module.render(text))


@register.filter
def plaintext(text):
    return markdown_module.to_text(text)


@register.filter
def summary(text, limit=240):
    """`{{ record.summary|summary:180 }}`: plain text cut at a sentence boundary, never mid-sentence
    (kernel.text.summarize), for cards, fact sheets and meta descriptions alike."""
    return text_module.summarize(text, int(limit))


@register.filter
def summary_within(text, limit=180):
    """`{{ record.summary|summary_within:180 }}`: the whole sentences that fit in `limit`
    characters, or "" when the first does not (a page description then says something else)."""
    return text_module.summarize(text, int(limit), strict=True)


@register.filter
def printable(text):
    """A visitor's input without control characters (a NUL byte), to show back in a form."""
    return CONTROL_CHARACTERS.sub("", str(text))


@register.filter
def usd(value, qualifier=""):
    """A sum of money as a reader says it, in the page's language: `{{ amount|usd:qualifier }}` gives
    "more than USD 271 million", "plus de 271 M $US" (`kernel.l10n.format_usd`)."""
    return format_usd(value, qualifier)


@register.filter
def number(value):
    """`{{ count|number }}`: a number with the language's separators ("1,234", "1 234")."""
    return l10n.format_number(value)


@register.filter
def percent(value):
    """`{{ share|percent }}`, a share given in per cent: "0.39%", "0,39 %"."""
    return l10n.format_percent(value)


@register.filter
def day(value):
    """`{{ date|day }}`: "2 December 2022", "2 décembre 2022", "2022年12月2日"."""
    return l10n.format_date(value)


@register.filter
def month(value):
    """`{{ date|month }}`: "December 2022", "décembre 2022", "2022年12月"."""
    return l10n.format_date(value, "month")


@register.filter
def by_name(items):
    """`{% for country in countries|by_name %}`: in the alphabetical order of the page's language."""
    return l10n.sorted_by_name(items)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute address; list pages add their meaningful parameters (`canonical_query`)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    query = context.get("canonical_query")
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page in every interface language, for `<link rel="alternate" hreflang>`: a list of
    (hreflang, absolute address), the four languages then `x-default` (English, the unprefixed
    address). Each address carries the page's meaningful parameters, like the canonical one."""
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    query = context.get("canonical_query")
    suffix = f"?{query.urlencode()}" if query else ""
    alternates = [
        (code, request.build_absolute_uri(translate_url(request.path, code)) + suffix)
        for code, _name in settings.LANGUAGES
    ]
    default = dict(alternates)[settings.LANGUAGE_CODE]
    return [*alternates, ("x-default", default)]


@register.simple_tag
def interface_languages():
    """(code, name) of each interface language, its name in itself ("Français", "日本語") whatever the
    page's language: Django's `get_available_languages` would translate them ("英語" on a Japanese page)."""
    return settings.LANGUAGES


@register.simple_tag(takes_context=True)
def current_section(context):
    """Which main navigation entry the page belongs to."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.url_name and match.url_name.startswith("organisation"):
        return "organisations"
    return match.namespace or match.url_name or ""


@register.simple_tag
def page_links(page_obj):
    """Page numbers around the current one, with `…` for the gaps: [1, '…', 4, 5, 6, '…', 12]."""
    paginator = page_obj.paginator
    return list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(value):
    """`{{ data|ld_json }}`: a `<script type="application/ld+json">` element, escaped as `json_script`
    escapes (so no `</script>` in the data can end the element). It is data, not executable script,
    so a strict Content-Security-Policy allows it."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def drawn_map(world_map):
    """The world map (kernel.maps.world_map), its HTML rendered once per map (kernel.maps.drawn)."""
    from kernel import maps

    return mark_safe(maps.drawn(world_map)) if world_map else ""


@register.simple_tag
def drawn_chart(chart, table=True):
    """A chart (kernel.charts), its HTML rendered once per chart (kernel.charts.drawn)."""
    from kernel import charts

    return mark_safe(charts.drawn(chart, table)) if chart else ""
