"""Browser test: a bar of a funding chart leads to the filtered project list behind it, and the
page with its charts open has no serious accessibility violation."""

import datetime

import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests.browser.conftest import AXE
from tests.browser.test_public_site import axe_violations
from tests.factories import BudgetFactory, TransactionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded(seeded):
    """Two seed projects with budgets, stated totals and a disbursement (the seed itself has none)."""
    first, second = Project.objects.published().order_by("pk")[:2]
    Project.objects.filter(pk__in=[first.pk, second.pk]).update(
        status=Project.Status.IMPLEMENTATION, budget_usd=1_500_000
    )
    BudgetFactory(project=first, value=1_000_000)
    BudgetFactory(
        project=second,
        value=500_000,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
    )
    TransactionFactory(project=first, value=250_000)
    return seeded


def test_clicking_a_year_bar_opens_the_list_filtered_to_that_year(page, funded):
    page.goto(f"{funded}/projects/?status=2")
    page.get_by_text("Funding charts").click()
    bar = page.get_by_role("link", name="2016, budget: USD 1M")
    expect(bar).to_be_visible()
    bar.click()
    page.wait_for_url("**/projects/?status=2&year=2016")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    assert "year=2016" in page.url and "status=2" in page.url


def test_clicking_a_theme_bar_on_the_home_page_opens_the_themed_list(page, funded):
    page.goto(f"{funded}/")
    bar = page.locator("#funding-by-theme a.chart__link").first
    expect(bar).to_be_visible()
    href = bar.get_attribute("href")
    assert href.startswith("/projects/?theme=")
    bar.click()
    page.wait_for_url(f"**{href}")


def test_axe_finds_no_serious_violation_in_the_charts(page, funded):
    assert axe_violations(page, f"{funded}/") == []
    # The list's charts folded open, so that axe sees them.
    page.goto(f"{funded}/projects/")
    page.get_by_text("Funding charts").click()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', "
        "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    serious = [v["id"] for v in results["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []
