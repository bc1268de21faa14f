"""The language switcher in a real browser: it keeps the page and its filters, with scripts off and
under the site's Content-Security-Policy; the pages in each language pass axe and fit 360 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_site import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strict_page(browser):
    """A page under the site's own CSP (no bypass) and with JavaScript off."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_switching_language_keeps_the_page_and_its_filters(strict_page, seeded):
    page = strict_page
    page.goto(f"{seeded}/projects/?country=NP&sort=title")
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{seeded}/fr/projects/?country=NP&sort=title")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(
        page.get_by_role("navigation", name="Principale").get_by_role("link", name="Projets")
    ).to_be_visible()
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="日本語").click()
    expect(page).to_have_url(f"{seeded}/ja/projects/?country=NP&sort=title")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    # Links on the page stay in the language.
    page.get_by_role("navigation", name="メイン").get_by_role("link", name="ドナー").click()
    expect(page).to_have_url(re.compile(r"/ja/donors/$"))
    page.get_by_role("navigation", name="言語").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{seeded}/donors/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/es/projects/",
        "/ja/",
        "/ja/no-such-page/",
        # Record pages with their translated content, and English standing in marked lang="en".
        "/ja/events/decent-work-sse-seminar-2022/",
        "/fr/donors/japan/",
        "/es/projects/durable-solutions-for-somali-refugee-returnees/",
    ],
)
def test_axe_finds_no_serious_or_critical_violation_in_each_language(page, seeded, path):
    assert axe_violations(page, f"{seeded}{path}") == []


def test_a_record_page_in_japanese_shows_its_translation(strict_page, seeded):
    page = strict_page
    page.goto(f"{seeded}/ja/events/decent-work-sse-seminar-2022/")
    expect(page.locator("h1")).to_contain_text("ディーセント・ワーク")
    # The seed's translations were made for this site by machine: the page says so.
    expect(page.locator(".translation-notice").first).to_be_visible()


@pytest.mark.parametrize("path", ["/fr/", "/ja/projects/"])
def test_pages_in_each_language_fit_a_360_pixel_screen(page, seeded, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{seeded}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
