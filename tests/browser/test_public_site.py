"""The public site in a real browser: filtering the project list, opening a project and an event,
moving through a list page by keyboard, an axe-core scan, the 360 px layout and the printed fact sheet."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_titles(page):
    return page.locator(".list-layout__results .card__title").all_inner_texts()


def test_filter_the_project_list_by_country_and_theme(page, seeded):
    page.goto(f"{seeded}/projects/")
    everything = page.locator("#results-heading").inner_text()
    assert "Way out of Informality" in " ".join(result_titles(page))

    country = page.locator("details.facet", has=page.locator("summary", has_text="Country"))
    if country.get_attribute("open") is None:
        country.locator("summary").click()
    page.get_by_label(re.compile(r"^Nepal \(\d+\)$")).check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"country=NP"))
    titles = " ".join(result_titles(page))
    assert "Way out of Informality" in titles
    assert "Resilient Employment and Livelihoods" not in titles
    assert page.locator("#results-heading").inner_text() != everything
    expect(page.locator(".chip", has_text="Country: Nepal")).to_be_visible()

    theme = page.locator("details.facet", has=page.locator("summary", has_text="Theme"))
    if theme.get_attribute("open") is None:
        theme.locator("summary").click()
    page.get_by_label(re.compile(r"^Social dialogue and industrial relations \(\d+\)$")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"theme=social-dialogue"))
    assert "Way out of Informality" in " ".join(result_titles(page))

    # removing a chip drops that filter alone
    page.locator(".chip", has_text="Country: Nepal").click()
    expect(page).not_to_have_url(re.compile(r"country=NP"))
    expect(page).to_have_url(re.compile(r"theme=social-dialogue"))


def test_open_a_project_and_an_event(page, seeded):
    page.goto(f"{seeded}/projects/?country=NP")
    page.get_by_role("link", name=re.compile("Way out of Informality")).first.click()
    expect(page.locator("h1")).to_contain_text("Way out of Informality")
    expect(page.locator(".facts")).to_contain_text("2012–2017")
    expect(page.locator(".result__figure").first).to_be_visible()

    page.goto(f"{seeded}/events/")
    page.get_by_role("link", name="Decent Work and the Social and Solidarity Economy").first.click()
    expect(page.locator("h1")).to_have_text("Decent Work and the Social and Solidarity Economy")
    expect(page.locator(".programme__person")).to_have_count(4)
    expect(page.locator(".programme__person").first).to_contain_text("Shinichi Takasaki")
    expect(page.get_by_role("link", name=re.compile("Add to calendar"))).to_have_attribute(
        "href", "/events/decent-work-sse-seminar-2022.ics"
    )


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
                name: el.getAttribute('name') || '',
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def test_tab_through_the_project_list_by_keyboard(page, seeded):
    page.goto(f"{seeded}/projects/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to main content"
    assert first["outline"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    seen = []
    for _ in range(200):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "body":  # past the last control of the page
            break
        assert state["outline"], f"no visible focus on {state}"
        seen.append(state)
    assert seen[-1]["text"] == "Search"  # the footer's last link: the whole page was reachable
    names = {state["name"] for state in seen}
    texts = [state["text"] for state in seen]
    assert "q" in names  # the search box of the filters
    assert "country" in names or "donor" in names  # facet checkboxes
    assert "Apply filters" in texts
    assert any("Way out of Informality" in text or "Fund for Building" in text for text in texts)

    # a checkbox is toggled with the space bar and the form submitted with Enter on the button
    page.goto(f"{seeded}/projects/")
    page.locator("input[name=donor][value=japan]").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"donor=japan"))


def axe_violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    results = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{resultTypes: ['violations'], runOnly: {type: 'tag', values: tags}})",
        tags,
    )
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/projects/",
        "/projects/?country=NP&theme=informal-economy&year=abc",
        "/donors/japan/",
        "/donors/japan/fact-sheet/",
        "/projects/way-out-of-informality/",
        "/events/decent-work-sse-seminar-2022/",
        "/search/?q=japan",
        "/no-such-page/",
    ],
)
def test_axe_finds_no_serious_or_critical_violation(page, seeded, path):
    assert axe_violations(page, f"{seeded}{path}") == []


@pytest.mark.parametrize(
    "path", ["/", "/projects/", "/donors/japan/", "/events/decent-work-sse-seminar-2022/"]
)
def test_pages_fit_a_360_pixel_screen(page, seeded, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{seeded}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("h1")).to_be_visible()


def test_fact_sheet_prints_on_one_a4_page(page, seeded):
    page.goto(f"{seeded}/donors/japan/fact-sheet/")
    expect(page.get_by_role("button", name="Print this fact sheet")).to_be_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
