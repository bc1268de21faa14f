"""Every Markdown field is edited beside a live preview, rendered by the page's own renderer through
a staff-only endpoint."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from kernel.admin import MarkdownWidget
from kernel.markdown import MarkdownField, render
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/markdown-preview/"
TEXT = "# Aims\n\n- one\n- two\n\n[bad](javascript:alert(1)) and [ILO](https://www.ilo.org)"


def test_the_preview_address_is_the_one_the_widget_names():
    assert reverse("markdown_preview") == PREVIEW


def test_staff_get_the_html_the_page_shows(client, editor):
    client.force_login(editor)
    response = client.post(PREVIEW, {"text": TEXT})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    html = response.json()["html"]
    assert html == render(TEXT)
    assert "<h3>Aims</h3>" in html
    assert "bad" in html and "javascript" not in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_empty_text_previews_as_nothing(client, editor):
    client.force_login(editor)
    assert client.post(PREVIEW, {}).json() == {"html": ""}


def test_control_characters_do_not_break_the_preview(client, editor):
    client.force_login(editor)
    response = client.post(PREVIEW, {"text": "a\x00b\x1b **c**"})
    assert response.status_code == 200
    assert "<strong>c</strong>" in response.json()["html"]


def test_anonymous_visitors_and_non_staff_users_are_refused(client):
    response = client.post(PREVIEW, {"text": TEXT})
    assert response.status_code == 403
    assert "html" not in response.json()

    client.force_login(UserFactory(is_staff=False))
    response = client.post(PREVIEW, {"text": TEXT})
    assert response.status_code == 403

    client.force_login(UserFactory(is_staff=True, is_active=False))
    assert client.post(PREVIEW, {"text": TEXT}).status_code == 403


def test_only_post_is_answered(client, editor):
    client.force_login(editor)
    assert client.get(PREVIEW, {"text": TEXT}).status_code == 405


def test_the_csrf_token_is_required(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(PREVIEW, {"text": TEXT}).status_code == 403

    # the token of a form the admin served, sent in the header as the preview script does
    page = browser.get(reverse("admin:projects_project_add"))
    token = page.context["csrf_token"]
    response = browser.post(PREVIEW, {"text": TEXT}, headers={"X-CSRFToken": str(token)})
    assert response.status_code == 200
    assert "<h3>Aims</h3>" in response.json()["html"]


def test_text_longer_than_a_field_holds_is_refused(client, editor, settings):
    settings.TEXT_MAX_CHARS = 50
    client.force_login(editor)
    response = client.post(PREVIEW, {"text": "x" * 51})
    assert response.status_code == 413
    assert "50 characters" in response.json()["error"]
    assert client.post(PREVIEW, {"text": "x" * 50}).status_code == 200


# The widget


def test_every_text_field_written_in_markdown_is_a_markdown_field():
    """A field whose help says it is Markdown is rendered as Markdown and previewed as such."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.TextField) and str(field.help_text).startswith("Markdown"):
                assert isinstance(field, MarkdownField), f"{model._meta.label}.{field.name}"


def test_every_markdown_field_in_the_admin_has_the_preview(rf, superuser):
    fields = [
        (model, field)
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, MarkdownField)
    ]
    assert {f"{model.__name__}.{field.name}" for model, field in fields} >= {
        "Donor.profile",
        "Organisation.description",
        "Person.biography",
        "Project.description",
        "Event.description",
        "Event.report",
    }
    request = rf.get("/admin/")
    request.user = superuser
    for model, field in fields:
        model_admin = admin.site._registry[model]
        form = model_admin.get_form(request)
        widget = form.base_fields[field.name].widget
        assert isinstance(widget, MarkdownWidget), f"{model.__name__}.{field.name}"


@pytest.mark.parametrize(
    ("factory", "url_name", "field"),
    [
        (ProjectFactory, "admin:projects_project_change", "description"),
        (EventFactory, "admin:events_event_change", "report"),
        (DonorFactory, "admin:donors_donor_change", "profile"),
        (OrganisationFactory, "admin:organisations_organisation_change", "description"),
        (PersonFactory, "admin:organisations_person_change", "biography"),
    ],
)
def test_the_change_form_carries_the_preview_and_its_files(client, superuser, factory, url_name, field):
    record = factory()
    client.force_login(superuser)
    content = client.get(reverse(url_name, args=[record.pk])).content.decode()
    assert f'data-preview-url="{PREVIEW}"' in content
    assert f'name="{field}"' in content
    assert 'src="/static/js/markdown-preview.js"' in content
    assert 'href="/static/css/markdown-preview.css"' in content
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", content) == []  # no inline script
