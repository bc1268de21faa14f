"""Record content in the page's language (kernel.translation), marked where it is not.

A built-in library (settings.TEMPLATES), so every template has it:

- `{% text record "title" %}`: the text in the page's language, or the English text inside
  `<span lang="en">` when that language has none. `markdown=True` renders an editor's Markdown
  (inside `<div lang="en">` with a short notice when it falls back); `summary=180` cuts plain text
  at a sentence boundary (kernel.text.summarize) for cards.
- `{{ record|tr:"title" }}`: the same as `{% text record "title" %}`, as a filter (so it also goes
  into `{% blocktranslate with … %}`).
- `{{ record|localized:"title" }}`: the same text, plain, for attributes and `<title>` (which cannot
  hold a `lang` mark; the page's own text around them is in its language).
- `{% translation_notice record %}`: on a record's page, a line saying the page's text in this
  language was machine-made or has not been reviewed, or that parts are shown in English.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kernel import markdown as markdown_module
from kernel import text as text_module
from kernel import translation
from kernel.translation import Made

register = template.Library()


@register.filter
def localized(record, field_name):
    """Plain text, for attributes and `<title>`."""
    if record is None or record == "":
        return ""
    return translation.localized(record, field_name)


@register.filter
def tr(record, field_name):
    """`{{ project|tr:"title" }}`: for the page's text, marked `lang="en"` when it falls back (also
    as a `{% blocktranslate with title=project|tr:"title" %}` variable)."""
    return text(record, field_name)


def language_name(code):
    return {"en": _("English"), "fr": _("French"), "es": _("Spanish"), "ja": _("Japanese")}.get(code, code)


@register.filter
def mark(value):
    """`{{ donor.display_name|mark }}`: a `Localized` text marked `lang="en"` when it falls back."""
    if isinstance(value, translation.Localized) and value.fallback and value:
        return format_html('<span lang="{}">{}</span>', value.language, value)
    return value


@register.simple_tag
def text(record, field_name, markdown=False, summary=None):
    if record is None or record == "":
        return ""
    value = translation.localized(record, field_name)
    if markdown:
        html = mark_safe(markdown_module.render(value))
        if not value.fallback or not value:
            return html
        notice = _("Not yet translated into %(language)s: shown in English.") % {
            "language": language_name(value.wanted)
        }
        return format_html(
            '<p class="translation-notice">{}</p><div lang="{}">{}</div>', notice, value.language, html
        )
    shown = text_module.summarize(value, int(summary)) if summary else str(value)
    if value.fallback and shown:
        return format_html('<span lang="{}">{}</span>', value.language, shown)
    return shown


@register.inclusion_tag("includes/_translation_notice.html")
def translation_notice(record):
    """What a reader of this record's page in a language other than English should know of its
    text: how it was made, unless reviewed; which parts are not yet translated."""
    language = translation.active_language()
    if language == translation.default_language() or record is None:
        return {"notice": ""}
    fields = translation.translated_fields(type(record))
    english = [name for name in fields if getattr(record, name, "")]
    translated = [name for name in english if getattr(record, translation.column(name, language), "")]
    made = getattr(record, translation.provenance_field_name(language), "")
    name = language_name(language)
    if not translated:
        notice = _("This record is not yet translated into %(language)s: its text is shown in English.")
    elif made == Made.MACHINE:
        notice = _("The %(language)s text of this record was made by machine and has not been reviewed.")
    elif made != Made.REVIEWED:
        notice = _("The %(language)s text of this record has not been reviewed yet.")
    else:
        notice = ""
    if notice and translated and len(translated) < len(english):
        notice += " " + _("Parts not yet translated are shown in English.")
    return {"notice": notice % {"language": name} if notice else "", "made": made}
