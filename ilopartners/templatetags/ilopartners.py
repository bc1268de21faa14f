"""Template filters the site's pages share."""

from django import template
from django.utils.safestring import mark_safe

from ilopartners import markdown as markdown_module

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitized HTML."""
    return mark_safe(markdown_module.render(text))


@register.filter
def plaintext(text):
    return markdown_module.to_text(text)
