"""The admin's live Markdown preview in a real browser, under the site's Content-Security-Policy: a
context of its own without bypass_csp, so that an inline script or style would be refused here as it
is in production, and any refusal is reported."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ProjectFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough test password"
# The elements of a rendering and their text, less what the page's own scripts add (tables.js's hint).
OUTLINE = """(root) => Array.from(root.querySelectorAll("*"))
    .filter((element) => !element.matches(".table-scroll__hint"))
    .map((element) => element.tagName + " " + element.textContent.trim())"""


@pytest.fixture
def csp_page(browser, live_server):
    """A page that obeys the CSP, with every refusal the browser reports collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    assert not context._impl_obj._options.get("bypassCSP")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()


def sign_in(page, live_server):
    user = UserFactory(username="editor", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_the_preview_shows_the_page_rendering_as_the_editor_types(csp_page, live_server):
    page = csp_page
    project = ProjectFactory(title="Skills for peace", description="# Aims\n\nOld text.")
    sign_in(page, live_server)
    response = page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy

    editor = page.locator("[data-markdown-editor]").filter(has=page.locator("textarea[name=description]"))
    preview = editor.locator("[data-markdown-preview]")
    output = editor.locator("[data-markdown-output]")
    expect(preview).to_be_visible()
    # the text as stored, rendered at once, with the page's heading levels
    expect(output.locator("h3")).to_have_text("Aims")
    expect(output).to_contain_text("Old text.")

    requests = []
    page.on("request", lambda request: "markdown-preview" in request.url and requests.append(request))
    textarea = editor.locator("textarea")
    textarea.fill("")
    textarea.press_sequentially(
        "## Partners\n\n- employers\n- workers\n\n| Year | USD |\n|---|--:|\n| 2017 | 5 |\n\n"
        "[bad](javascript:alert(1)) and [ILO](https://www.ilo.org)",
        delay=5,
    )
    # the text's highest heading ("##" here) takes the level under the section's
    expect(output.locator("h3")).to_have_text("Partners")
    expect(output.locator("li")).to_have_text(["employers", "workers"])
    expect(output.locator("td[align=right]")).to_have_text("5")
    expect(output).to_contain_text("bad and ILO")
    expect(output.locator("a")).to_have_count(1)
    expect(output.locator("a")).to_have_attribute("href", "https://www.ilo.org")
    # typing waits for a pause: far fewer requests than keystrokes, each a POST with the CSRF token
    assert 1 <= len(requests) < 20
    assert all(request.method == "POST" and request.headers.get("x-csrftoken") for request in requests)

    # what the preview showed is what the page shows once saved
    previewed = output.evaluate(OUTLINE)
    assert previewed[0] == "H3 Partners" and "A ILO" in previewed
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    section = page.locator("section.prose", has=page.locator("#about-heading"))
    expect(section.locator("h3")).to_have_text("Partners")
    assert section.evaluate(OUTLINE) == ["H2 About the project", *previewed]
    assert page.csp_violations == []


def test_a_preview_that_fails_says_so_and_the_textarea_still_works(csp_page, live_server):
    page = csp_page
    project = ProjectFactory(description="Some text.")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    editor = page.locator("[data-markdown-editor]").filter(has=page.locator("textarea[name=description]"))
    expect(editor.locator("[data-markdown-output]")).to_contain_text("Some text.")

    # the session ends in another tab: the preview is refused and says why
    page.context.clear_cookies()
    editor.locator("textarea").fill("**More** text.")
    expect(editor.locator("[data-markdown-status]")).to_contain_text("Preview not updated")
    expect(editor.locator("[data-markdown-output]")).to_contain_text("Some text.")
    expect(editor.locator("textarea")).to_have_value("**More** text.")
    assert page.csp_violations == []


def test_without_javascript_the_field_is_a_plain_textarea(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    project = ProjectFactory(description="Some text.")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    expect(page.locator("textarea[name=description]")).to_have_value("Some text.")
    expect(page.locator("[data-markdown-preview]").first).to_be_hidden()
    context.close()
