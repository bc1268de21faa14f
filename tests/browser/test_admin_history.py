"""The history in a real browser: an editor reverts a project to a version that still had a result
deleted since, and the result comes back with the revert logged as such."""

import re

import pytest
from playwright.sync_api import expect

from kernel import services
from tests.factories import PASSWORD, ProjectFactory, ResultFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_revert_a_project_brings_back_a_deleted_result(page, live_server):
    user = UserFactory(is_staff=True, is_superuser=True)
    project = ProjectFactory(title="Social and solidarity economy in Nepal")
    kept = ResultFactory(project=project, title="2,827 micro entrepreneurs registered", value=2827)
    ResultFactory(project=project, title="40 cooperatives formed", value=40)
    services.save_record(project, user=user, note="Results from the 2017 brochure")
    log_in(page, live_server.url, user)

    # The editor deletes a result on the project's page: one version, which lists the deletion.
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    result = page.locator(".inline-related", has=page.locator("input[value='40 cooperatives formed']"))
    result.get_by_label("Delete").check()
    page.get_by_label("Change note").fill("Duplicate result")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(project.results.values_list("pk", flat=True)) == [kept.pk]

    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text("Result removed: “40 cooperatives formed”")
    expect(history).to_contain_text("Duplicate result")
    expect(history).not_to_contain_text("None")

    # The older version: its page says what reverting does to the results, and the revert does it.
    history.locator("tbody tr").nth(1).locator("a").first.click()
    expect(page.locator("#revert-part-changes")).to_contain_text("Result added: “40 cooperatives formed”")
    page.get_by_role("button", name="Revert").first.click()
    expect(page.locator(".messagelist")).to_contain_text("is back to the version of")
    expect(page.locator("input[value='40 cooperatives formed']")).to_have_count(1)

    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    reverted = re.compile(r"Reverted to the version of .* by " + re.escape(user.username))
    expect(latest).to_contain_text(reverted)
    expect(latest).to_contain_text("Result added: “40 cooperatives formed”")
    assert project.results.count() == 2
