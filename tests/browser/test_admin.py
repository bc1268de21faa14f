"""The admin in Chromium at 1280 px: changelists fit, speakers are ordered by drag, and leaving an edited
form warns. The ordering and the warning are tested under the site's CSP (a context without bypass_csp)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from events.models import Event, Speaker
from tests.factories import EventFactory, PersonFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Decent" + "Work" * 60  # one word of 246 letters: once widened the table to 3,900 px


@pytest.fixture
def admin_page(browser, live_server):
    """A logged-in superuser's page, 1280 px wide, with the site's CSP in force."""
    get_user_model().objects.create_superuser("root", "root@example.org", "pw-for-tests")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-for-tests")
    page.click("input[type=submit]")
    expect(page.locator("#content-main")).to_be_visible()
    page.errors = errors
    yield page
    context.close()


@pytest.mark.parametrize("changelist", ["donors/donor", "events/event", "projects/project"])
def test_changelists_fit_1280_px_with_the_publication_column_in_view(admin_page, seeded, changelist):
    page = admin_page
    EventFactory(title=LONG_TITLE)
    page.goto(f"{seeded}/admin/{changelist}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    table = page.locator("#result_list")
    box = table.bounding_box()
    results = page.locator("#changelist .results").bounding_box()
    # The table stays inside its column: nothing to scroll sideways, nothing under the filters.
    assert box["x"] + box["width"] <= results["x"] + results["width"] + 1
    header = page.locator("#result_list thead th.column-publication")
    header_box = header.bounding_box()
    assert header_box["x"] >= 0 and header_box["x"] + header_box["width"] <= 1280
    filters = page.locator("#changelist-filter").bounding_box()
    assert header_box["x"] + header_box["width"] <= filters["x"]
    expect(page.locator("#result_list tbody td.field-publication").first).to_be_in_viewport()
    assert not [error for error in page.errors if "Content Security Policy" in error]


def test_drag_a_speaker_to_the_top_of_the_programme(admin_page, live_server):
    page = admin_page
    event = EventFactory(title="Seminar")
    for order, name in enumerate(("Ann", "Bob", "Cy"), start=1):
        SpeakerFactory(event=event, person=PersonFactory(name=name), order=order)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    rows = page.locator("#speakers-group div.inline-related:not(.empty-form)")
    expect(rows).to_have_count(3)
    rows.nth(2).locator(".place-handle").drag_to(rows.nth(0), target_position={"x": 60, "y": 12})
    places = page.locator("#speakers-group input.js-place:not([name*='__prefix__'])")
    assert places.evaluate_all("inputs => inputs.map(input => input.value)") == ["1", "2", "3"]
    # The up and down buttons move a row one place.
    rows.nth(2).locator(".place-up").click()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(
        Speaker.objects.filter(event=event).order_by("order").values_list("person__name", "order")
    ) == [
        ("Cy", 1),
        ("Bob", 2),
        ("Ann", 3),
    ]
    assert not page.errors, page.errors


def test_leaving_an_edited_form_asks_first(admin_page, live_server):
    page = admin_page
    event = EventFactory(title="Seminar")
    url = f"{live_server.url}/admin/events/event/{event.pk}/change/"
    page.goto(url)
    page.wait_for_load_state("load")
    # Unedited, a link leaves at once.
    page.click("#content-main")  # a user gesture, which Chromium asks for before it warns
    page.click(".breadcrumbs a[href$='/admin/events/event/']")
    expect(page).to_have_url(f"{live_server.url}/admin/events/event/")

    page.goto(url)
    page.wait_for_load_state("load")
    page.fill("#id_title", "Seminar, renamed")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.click(".breadcrumbs a[href$='/admin/events/event/']")
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(url)
    assert page.input_value("#id_title") == "Seminar, renamed"
    # Saving leaves without a question.
    page.click("input[name=_save]")
    expect(page).to_have_url(f"{live_server.url}/admin/events/event/")
    assert dialogs == ["beforeunload"]
    assert Event.objects.get(pk=event.pk).title == "Seminar, renamed"


def test_a_records_languages_stand_side_by_side_at_1280_px(admin_page, live_server):
    page = admin_page
    event = EventFactory(title="Seminar", title_fr="Séminaire")
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    columns = page.locator("fieldset.translation-column")
    expect(columns).to_have_count(4)
    boxes = [columns.nth(index).bounding_box() for index in range(4)]
    assert len({round(box["y"]) for box in boxes}) == 1  # one row
    assert [box["x"] for box in boxes] == sorted(box["x"] for box in boxes)
    assert boxes[-1]["x"] + boxes[-1]["width"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(page.locator("input[name=title_fr]")).to_have_value("Séminaire")
    assert page.locator("input[name=title_ja]").get_attribute("lang") == "ja"
    assert not [error for error in page.errors if "Content Security Policy" in error]
