"""An editor's Markdown on the pages: headings, lists, links and tables render, under the section's
<h2>, so that the page keeps one <h1>; an unsafe link keeps its words and is no link."""

import re

import pytest

from tests.factories import DonorFactory, EventFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "# Aims\n\nThe programme works in three ways.\n\n## Partners\n\n- governments\n- employers\n\n"
    "| Year | Amount |\n|------|-------:|\n| 2017 | 12 |\n\n"
    "Read [the report](https://www.ilo.org/report) or [this](javascript:alert(1)) text."
)


def outline(content):
    return re.findall(r"<(h[1-6])[^>]*>(.*?)</\1>", content, re.DOTALL)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (ProjectFactory, "description"),
        (EventFactory, "description"),
        (EventFactory, "report"),
        (DonorFactory, "profile"),
        (OrganisationFactory, "description"),
    ],
)
def test_markdown_renders_under_the_section_heading(client, make, field):
    record = make(**{field: TEXT})
    content = client.get(record.get_absolute_url()).content.decode()
    headings = outline(content)
    assert [level for level, _ in headings].count("h1") == 1
    position = headings.index(("h3", "Aims"))
    assert headings[position + 1] == ("h4", "Partners")
    # the nearest heading above the text's own is its section's <h2>
    assert [level for level, _ in headings[:position]][-1] == "h2"
    assert "<li>governments</li>" in content
    assert '<td align="right">12</td>' in content
    assert '<div aria-label="Table" class="table-scroll" role="region" tabindex="0"><table>' in content
    assert '<a href="https://www.ilo.org/report" rel="noopener noreferrer nofollow">the report</a>' in content
    assert "or this text." in content
    assert "javascript:" not in content
