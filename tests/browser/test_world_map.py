"""The world map in a real browser: a click on a country opens the project list filtered to it,
keeping the list's other filters; axe finds nothing serious on a page with a map."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_site import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_click_a_country_on_the_home_map_to_list_its_projects(page, seeded):
    page.goto(f"{seeded}/")
    nepal = page.locator(".world-map__country[aria-label^='Nepal:']")
    expect(nepal).to_have_attribute("aria-label", re.compile(r"^Nepal: \d+ projects?$"))
    nepal.click()
    expect(page).to_have_url(re.compile(r"/projects/\?country=NP$"))
    expect(page.locator(".chips")).to_contain_text("Nepal")


def test_a_country_on_the_project_list_map_is_added_to_the_filters(page, seeded):
    page.goto(f"{seeded}/projects/?donor=japan")
    country = page.locator(".world-map__country").first
    code = re.search(r"country=([A-Z]{2})", country.get_attribute("href")).group(1)
    country.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"donor=japan&country={code}$"))
    expect(page.locator(".world-map__country--highlighted")).to_have_count(1)


@pytest.mark.parametrize("path", ["/fr/", "/ja/projects/?donor=japan", "/donors/organisations/japan-mhlw/"])
def test_axe_finds_nothing_serious_on_pages_with_a_map(page, seeded, path):
    assert axe_violations(page, f"{seeded}{path}") == []


def test_an_organisation_page_maps_the_projects_it_takes_part_in(page, seeded):
    page.goto(f"{seeded}/donors/organisations/japan-mhlw/")
    country = page.locator(".world-map__country").first
    country.click()
    expect(page).to_have_url(re.compile(r"/projects/\?organisation=japan-mhlw&country=[A-Z]{2}$"))
    expect(page.locator(".list-layout__results .card__title").first).to_be_visible()
