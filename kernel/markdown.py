"""Editors write Markdown; it is rendered to HTML and sanitized on output, never trusted as stored.

`render` is the one renderer: the public pages (the `markdown` template filter) and the admin's live
preview (`kernel.views.markdown_preview`) both call it, so what an editor previews is what the page
shows. A record's text sits in a section of its page under an <h2>, so its headings are shifted to
fit that outline: "# Heading" is an <h3>, "## Heading" an <h4>, and no text can make a second <h1>.
"""

import html
import re
from functools import lru_cache
from xml.etree import ElementTree as etree

import markdown as markdown_lib
import nh3
from django.db import models
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

TOP_HEADING_LEVEL = 3  # the level of a "#" heading: the text sits under its section's <h2>
HEADING = re.compile(r"^h([1-6])$")

# The region a table scrolls in (built in the Markdown tree, before sanitizing): its only attributes.
TABLE_REGION = {"class": "table-scroll", "role": "region", "aria-label": "Table", "tabindex": "0"}
INLINE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "hr", "i", "li", "ol", "p", "pre", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "div": set(TABLE_REGION),
    "abbr": {"title"},
    "th": {"scope", "align"},
    "td": {"align"},
}
# A table column's alignment is the one presentational attribute kept (no inline style is allowed).
ALLOWED_ATTRIBUTE_VALUES = {
    "div": {name: {value} for name, value in TABLE_REGION.items()},
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# nh3 serializes its output itself: every attribute double-quoted, a quote inside one escaped.
LINK = re.compile(r'<a((?:\s+[^\s=>"]+(?:="[^"]*")?)*)>(.*?)</a>', re.DOTALL)
LINK_TARGET = re.compile(r'\shref="([^"]*)"')


def allowed_tags(top=TOP_HEADING_LEVEL):
    return INLINE_TAGS | {"div"} | {f"h{level}" for level in range(top, 7)}


class ShiftHeadings(Treeprocessor):
    """Moves the headings so that the text's highest one is the `top` level and the others keep
    their steps below it ("#" is <h3> under a section's <h2>; a text whose headings start at "##"
    starts at <h3> too, never skipping a level); a level past six stays <h6>."""

    def __init__(self, md, top):
        super().__init__(md)
        self.top = top

    def run(self, root):
        headings = []
        for element in root.iter():
            match = HEADING.match(element.tag) if isinstance(element.tag, str) else None
            if match:
                headings.append((element, int(match[1])))
        highest = min((level for _element, level in headings), default=1)
        for element, level in headings:
            element.tag = f"h{min(level - highest + self.top, 6)}"


class ScrollTables(Treeprocessor):
    """Each table sits in a region that scrolls sideways on a narrow screen, as the site's own do.
    Done in the tree, before the sanitizer, never by editing the sanitized text (where a `<table>`
    inside an attribute's value would be matched too)."""

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    region = etree.Element("div", TABLE_REGION)
                    region.tail, child.tail = child.tail, None
                    parent.remove(child)
                    region.append(child)
                    parent.insert(index, region)


class ShiftHeadingsExtension(Extension):
    def __init__(self, top, **kwargs):
        self.top = top
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.treeprocessors.register(ShiftHeadings(md, self.top), "shift_headings", 5)
        md.treeprocessors.register(ScrollTables(md), "scroll_tables", 4)


def _unwrap_targetless_link(match):
    target = LINK_TARGET.search(match[1])
    return match[0] if target and target[1].strip() else match[2]


def _unwrap_targetless_links(fragment):
    """An <a> whose href the sanitizer removed (javascript:, data:, vbscript:…), or that never had
    one, keeps its words but is no link: a reader is not offered a link that goes nowhere."""
    return LINK.sub(_unwrap_targetless_link, fragment)


def _attribute_filter(tag, attribute, value):
    allowed = ALLOWED_ATTRIBUTE_VALUES.get(tag, {}).get(attribute)
    if allowed is not None and value not in allowed:
        return None
    return value


def sanitize(fragment, top=TOP_HEADING_LEVEL):
    return nh3.clean(
        fragment,
        tags=allowed_tags(top),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


@lru_cache(maxsize=2048)
def render(text, top=TOP_HEADING_LEVEL):
    """Markdown to safe HTML: no script, event handler, style or javascript: URL survives.

    Headings start at <h`top`>; a raw HTML heading above that level keeps its words, not its tag.
    A link to an unsafe scheme loses its link and keeps its text. Tables scroll sideways.

    A function of its arguments alone, so the last texts rendered are kept in memory: a list page
    summarises the same twenty texts on every visit.
    """
    if not text:
        return ""
    converted = markdown_lib.markdown(
        text,
        extensions=["extra", "sane_lists", ShiftHeadingsExtension(top)],
        # A column's alignment as `align`, not the inline style the site's CSP refuses.
        extension_configs={"extra": {"tables": {"use_align_attribute": True}}},
        output_format="html",
    )
    # Unwrapping a link only removes its tag (no quote or markup is added to the sanitized text).
    return _unwrap_targetless_links(sanitize(converted, top))


def to_text(text):
    """Markdown to plain text, for meta descriptions, feeds and exports.

    Plain text, not HTML: "Fish & chips" stays "Fish & chips", and each output escapes it once as
    its own format asks (a template's autoescaping, JSON, XML, iCalendar).
    """
    return html.unescape(nh3.clean(render(text), tags=set())).strip()


class MarkdownField(models.TextField):
    """Long text an editor writes in Markdown: rendered by `render` on the page, and edited in the
    admin beside a live preview (`kernel.admin.MarkdownWidget`).

    What is stored is plain text, as in any TextField, and migrations see a TextField: the field's
    kind says how the text is written and shown, not how it is kept.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs
