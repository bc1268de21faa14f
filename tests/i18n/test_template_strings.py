"""Every word a visitor reads in a template is marked for translation: `make test` fails, naming
the template and the words, when one is left outside `{% translate %}`/`{% blocktranslate %}`.

The check reads each template with Django's own Lexer: its text (the HTML between template tags)
is put back together with every variable and tag replaced by a digit, each `{% blocktranslate %}`
block left out whole, and comments dropped; an HTML parser then reads what is left. Any letter
in its text or in an attribute a reader sees (`title`, `aria-label`, `placeholder`, `alt`) is an
unmarked word, unless it is a proper noun of ALLOWED. Text inside `<script>` and `<style>` is data,
not interface. A literal word given to `|default:"…"` is reported too.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The admin's import pages are not marked yet (the admin speaks English at /admin/ for now).
NOT_LINTED = ("admin/operations/", "admin/projects/")
# Names that are the same in every language.
ALLOWED = ("ILO Partners", "IATI XML")
VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
LITERAL_DEFAULT = re.compile(r"""\|default:(["'])(.*?)\1""")
# A default that is a code, not words: an id ("contributions-chart"), an Open Graph type ("website").
CODE = re.compile(r"[a-z0-9_-]*")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.found.append(data)


def has_words(text):
    for name in ALLOWED:
        text = text.replace(name, "")
    return any(character.isalpha() for character in text)


def untranslated(source):
    """The pieces of visible text of a template that are not marked for translation."""
    parts, problems = [], []
    inside_block = inside_comment = False
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        word = contents.split(" ", 1)[0] if contents else ""
        if token.token_type == TokenType.BLOCK:
            if word == "comment":
                inside_comment = True
            elif word == "endcomment":
                inside_comment = False
            elif word in ("blocktranslate", "blocktrans"):
                inside_block = True
            elif word in ("endblocktranslate", "endblocktrans"):
                inside_block = False
            parts.append("0")
        elif inside_block or inside_comment:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        elif token.token_type == TokenType.VAR:
            problems += [
                value
                for _quote, value in LITERAL_DEFAULT.findall(contents)
                if has_words(value) and not CODE.fullmatch(value)
            ]
            parts.append("0")
    parser = _Text()
    parser.feed(re.sub(r"<!--.*?-->", "", "".join(parts), flags=re.S))
    parser.close()
    problems += [" ".join(text.split()) for text in parser.found if has_words(text)]
    return problems


def public_templates():
    return sorted(
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if not path.relative_to(TEMPLATES).as_posix().startswith(NOT_LINTED)
    )


@pytest.mark.parametrize("name", public_templates())
def test_every_word_of_a_public_template_is_marked_for_translation(name):
    problems = untranslated((TEMPLATES / name).read_text(encoding="utf-8"))
    assert problems == [], f"{name}: words not marked for translation: {problems}"


def test_the_templates_linted_include_every_public_page_and_the_admin_home():
    names = public_templates()
    for name in ("base.html", "list.html", "search.html", "400.html", "donors/donor_fact_sheet.html"):
        assert name in names
    assert "axes/lockout.html" in names and "admin/index.html" in names


@pytest.mark.parametrize(
    "source, expected",
    [
        ("<p>Hello</p>", ["Hello"]),
        ("<h1>{{ title }}</h1><p>{{ count }} results</p>", ["0 results"]),
        ('<a href="/" title="Open the page">{{ name }}</a>', ["Open the page"]),
        ('<nav aria-label="Pages">', ["Pages"]),
        ('<input placeholder="Search">', ["Search"]),
        ('<img alt="Logo" src="/x.png">', ["Logo"]),
        ('{{ project.period|default:"Not stated" }}', ["Not stated"]),
        ("{% if x %}<span>Draft</span>{% endif %}", ["Draft"]),
        ("<p>Ça</p>", ["Ça"]),
    ],
)
def test_the_check_finds_a_word_left_unmarked(source, expected):
    assert untranslated(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<p>{% translate "Hello" %}</p>',
        '<a title="{% translate "Open" %}" href="{{ url }}">{{ name }}</a>',
        "<p>{% blocktranslate trimmed with name=x %}Hello <b>{{ name }}</b>{% endblocktranslate %}</p>",
        "{% blocktranslate count counter=n %}{{ counter }} day{% plural %}{{ counter }} days{% endblocktranslate %}",  # noqa: E501
        "{% comment %}Some words for the reader of the template{% endcomment %}<br>",
        "{# a note #}<!-- an HTML comment --><p>{{ a }} · {{ b }}, — (12) ‹ › × …</p>",
        '<script type="application/ld+json">{"name": "Project"}</script><style>a { color: red }</style>',
        "<title>{% block title %}ILO Partners{% endblock %} · ILO Partners</title>",
        '<a class="brand" href="/"><span>ILO Partners</span></a> &nbsp; &mdash;',
        '{{ value|default:"" }} {{ other|default:"—" }} {{ x|date:"j F Y" }} {{ id|default:"main-chart" }}',
        '<h{{ level }} class="card__title">{{ title }}</h{{ level }}>',
    ],
)
def test_the_check_accepts_marked_words_markup_and_names(source):
    assert untranslated(source) == []
