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
