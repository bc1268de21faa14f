"""Markdown from editors comes out as safe HTML."""

import pytest

from kernel.markdown import render, to_text


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg/onload=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
    ],
)
def test_dangerous_markup_is_removed(payload):
    html = render(payload).lower()
    assert "<script" not in html
    assert "onerror" not in html
    assert "onload" not in html
    assert "javascript:" not in html
    assert "style=" not in html
    assert "<iframe" not in html


def test_ordinary_markdown_renders():
    html = render("**Peace building**\n\n- one\n- two\n\n[ILO](https://www.ilo.org)")
    assert "<strong>Peace building</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.ilo.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_plain_text_drops_markup():
    assert to_text("**Decent** work <b>for all</b>") == "Decent work for all"


# Headings fit the page's outline: the text sits under its section's <h2>.


def test_headings_are_shifted_under_the_section_heading():
    html = render("# Aims\n\n## Partners\n\n### Funding\n\nSetext\n======\n\n###### Deepest")
    assert "<h3>Aims</h3>" in html
    assert "<h4>Partners</h4>" in html
    assert "<h5>Funding</h5>" in html
    assert "<h3>Setext</h3>" in html
    assert "<h6>Deepest</h6>" in html  # a level past six stays the sixth
    assert "<h1" not in html and "<h2" not in html


def test_a_text_whose_headings_start_lower_starts_at_the_top_level_without_skipping():
    html = render("## Japan's contribution\n\nText\n\n### Detail\n\n## Cooperation")
    assert "<h3>Japan's contribution</h3>" in html
    assert "<h4>Detail</h4>" in html
    assert "<h3>Cooperation</h3>" in html


def test_raw_html_headings_above_the_text_keep_their_words_not_their_level():
    html = render("<h1>Title</h1>\n\n<h2>Section</h2>\n\n<h3>Part</h3>")
    assert "<h1" not in html and "<h2" not in html
    assert "Title" in html and "Section" in html
    assert "<h3>Part</h3>" in html


def test_the_top_heading_level_can_be_chosen():
    assert "<h2>Aims</h2>" in render("# Aims", top=2)
    assert "<h1" not in render("<h1>x</h1>", top=2)


def test_lists_tables_and_links_render():
    html = render(
        "1. first\n2. second\n\n- a\n- b\n\n"
        "| Year | Amount |\n|:-----|-------:|\n| 2017 | 12 |\n\n"
        "[ILO](https://www.ilo.org) [write](mailto:info@ilo.org) [projects](/projects/)"
    )
    assert "<ol>" in html and "<li>second</li>" in html
    assert "<ul>" in html and "<li>b</li>" in html
    assert '<th align="left">Year</th>' in html
    assert '<td align="right">12</td>' in html
    assert "style=" not in html
    # a table scrolls sideways on a narrow screen, in a region a keyboard can reach
    assert '<div aria-label="Table" class="table-scroll" role="region" tabindex="0"><table>' in html
    assert html.count("<div") == html.count("</div>") == 1
    assert '<a href="https://www.ilo.org" rel="noopener noreferrer nofollow">ILO</a>' in html
    assert 'href="mailto:info@ilo.org"' in html
    assert 'href="/projects/"' in html


def test_an_alignment_other_than_left_centre_or_right_is_dropped():
    assert "align" not in render('<table><tr><td align="justify">x</td></tr></table>')


# A link to an unsafe scheme is removed; its words stay.


@pytest.mark.parametrize(
    "payload",
    [
        "[click here](javascript:alert(1))",
        "[click here](JaVaScRiPt:alert(1))",
        "[click here](vbscript:msgbox(1))",
        "[click here](data:text/html;base64,PHNjcmlwdD4=)",
        "[click here](file:///etc/passwd)",
        '<a href="javascript:alert(1)">click here</a>',
        '<a href="&#106;avascript:alert(1)">click here</a>',
        '<a href="java&#x09;script:alert(1)" title="a title">click here</a>',
        '<a href=" javascript:alert(1)">click here</a>',
        "<a>click here</a>",
        "[click here]()",
    ],
)
def test_a_link_to_an_unsafe_scheme_keeps_its_text_and_loses_the_link(payload):
    html = render(payload)
    assert "<a" not in html
    assert "click here" in html
    assert "script:" not in html.lower()


def test_unsafe_links_go_and_safe_links_beside_them_stay():
    html = render(
        'See [the fund](javascript:steal()) and [the ILO](https://www.ilo.org "The ILO > all").\n\n'
        '<a href="javascript:x" title="a title"><em>emphasised</em> words</a> then [home](/)'
    )
    assert "See the fund and" in html
    assert html.count("<a ") == 2
    assert (
        '<a href="https://www.ilo.org" title="The ILO > all" rel="noopener noreferrer nofollow">the ILO</a>'
        in html
    )
    assert "<em>emphasised</em> words then" in html
    assert '<a href="/" rel="noopener noreferrer nofollow">home</a>' in html


@pytest.mark.parametrize(
    "payload",
    [
        '[x](https://a.com "<table><img src=x onerror=alert(1)>")',
        '<abbr title="<table><img src=x onerror=alert(1)>">y</abbr>',
        '[x](https://a.com "</table><img src=x onerror=alert(1)>")',
    ],
)
def test_a_table_tag_inside_an_attribute_stays_inside_it(payload):
    """The table's scrolling region is added in the Markdown tree, before sanitizing: text that
    only looks like a table in an attribute's value is never rewritten into markup."""
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    parser = Tags()
    parser.feed(render(payload))
    assert "img" not in parser.tags and "div" not in parser.tags


def test_a_raw_region_keeps_only_the_allowed_attribute_values():
    html = render('<div class="table-scroll" role="button" onclick="x" style="a">hi</div>')
    assert html == '<div class="table-scroll">hi</div>'
