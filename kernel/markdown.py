"""Editors write Markdown; it is rendered to HTML and sanitized on output, never trusted as stored."""

import html

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li", "ol", "p",
    "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render(text):
    """Markdown to safe HTML: no script, event handler, style or javascript: URL survives."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def to_text(text):
    """Markdown to plain text, for meta descriptions, feeds and exports.

    Plain text, not HTML: "Fish & chips" stays "Fish & chips", and each output escapes it once as
    its own format asks (a template's autoescaping, JSON, XML, iCalendar).
    """
    return html.unescape(nh3.clean(render(text), tags=set())).strip()
