"""The public site on a 390 px phone, in contexts that obey the CSP as production does: the filter
panel folds away (and works without JavaScript), and a table wider than the screen shows that it
scrolls."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def panel(page):
    return page.locator("details[data-filter-panel]")


def is_open(page):
    return panel(page).evaluate("(details) => details.open")


def test_the_filter_panel_folds_away_on_a_phone(phone, seeded):
    page = phone
    page.goto(f"{seeded}/projects/")
    summary = panel(page).locator(".filters__summary")
    expect(summary).to_contain_text("Filter projects")
    assert not is_open(page)
    expect(page.get_by_label("Search projects")).to_be_hidden()
    # the results come first: the first one starts within the first screen
    first = page.locator(".list-layout__results .card__title").first
    assert first.bounding_box()["y"] < PHONE["height"]
    assert page.locator(".list-layout__filters").bounding_box()["height"] < 120

    summary.click()
    assert is_open(page)
    country = page.locator("details.facet", has=page.locator("summary", has_text="Country"))
    if country.get_attribute("open") is None:
        country.locator("summary").click()
    page.get_by_label(re.compile(r"^Nepal \(\d+\)$")).check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"country=NP"))
    assert not is_open(page)  # folded again over the new results, and saying what is in force
    expect(summary.locator(".filters__active")).to_have_text("1 active")
    expect(page.locator(".chip", has_text="Country: Nepal")).to_be_visible()
    # sorting sends the folded panel's fields with it
    page.get_by_label("Sort by").select_option(index=1)
    page.locator(".sort").get_by_role("button", name="Sort").click()
    expect(page).to_have_url(re.compile(r"country=NP"))
    expect(page).to_have_url(re.compile(r"sort="))


def test_without_javascript_the_panel_is_open_and_still_folds(browser, seeded):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{seeded}/projects/")
    expect(page.get_by_label("Search projects")).to_be_visible()
    panel(page).locator(".filters__summary").click()
    expect(page.get_by_label("Search projects")).to_be_hidden()
    panel(page).locator(".filters__summary").click()
    page.get_by_label("Search projects").fill("informality")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"q=informality"))
    expect(panel(page).locator(".filters__active")).to_have_text("1 active")
    context.close()


def test_on_a_wide_screen_the_panel_stays_open_beside_the_results(desktop, seeded):
    page = desktop
    page.goto(f"{seeded}/projects/?country=NP")
    assert is_open(page)
    expect(page.get_by_label("Search projects")).to_be_visible()
    panel(page).locator(".filters__summary").click()  # no toggle here
    assert is_open(page)
    expect(panel(page).locator(".filters__active")).to_have_text("1 active")
    # a phone turned to a wide screen opens the panel; back to narrow folds it
    page.set_viewport_size(PHONE)
    expect(page.get_by_label("Search projects")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_label("Search projects")).to_be_visible()


# The profile's table of contributions (the chart above it has a table of its own, folded away).
CONTRIBUTIONS_TABLE = '.contributions .table-scroll[aria-labelledby="contributions-table-caption"]'


def test_a_wide_table_shows_that_it_scrolls(phone, seeded):
    page = phone
    page.goto(f"{seeded}/donors/japan/")
    region = page.locator(CONTRIBUTIONS_TABLE)
    region.scroll_into_view_if_needed()
    sizes = region.evaluate("(region) => [region.scrollWidth, region.clientWidth]")
    assert sizes[0] > sizes[1], "the table should be wider than a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page does not

    # a line above the table says so, and the region is described by it
    hint = page.locator(f"#{region.get_attribute('aria-describedby').split()[0]}")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("scrolls sideways")
    assert hint.get_attribute("id") in region.get_attribute("aria-describedby").split()
    # the edge where more columns lie is shaded (a headless browser hides scrollbars, so their
    # style is not checked here)
    assert "radial-gradient" in region.evaluate("(region) => getComputedStyle(region).backgroundImage")

    amount = region.locator("thead th", has_text="Amount")
    right_edge = region.bounding_box()["x"] + region.bounding_box()["width"]
    assert amount.bounding_box()["x"] + amount.bounding_box()["width"] > right_edge  # clipped at first
    region.evaluate("(region) => { region.scrollLeft = region.scrollWidth; }")
    expect(hint).to_contain_text("scroll back")
    box = amount.bounding_box()
    assert box["x"] + box["width"] <= right_edge + 1  # reached by scrolling


def test_a_table_that_fits_says_nothing(desktop, seeded):
    page = desktop
    page.goto(f"{seeded}/donors/japan/")
    region = page.locator(CONTRIBUTIONS_TABLE)
    sizes = region.evaluate("(region) => [region.scrollWidth, region.clientWidth]")
    assert sizes[0] <= sizes[1]
    expect(page.locator(f"#{region.get_attribute('aria-describedby').split()[0]}")).to_be_hidden()
