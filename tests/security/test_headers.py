"""Every response carries the security headers, pages and the admin alike; the policy allows no
inline script or style, and staff roles hold on the server whatever the admin's buttons show."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
}


def policy(header):
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(directives)


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz", "/no-such-page/"])
def test_responses_carry_the_security_headers(client, path):
    response = client.get(path)
    assert policy(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_pages_carry_the_policy_too(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:projects_project_add"))
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_an_editor_cannot_delete_with_the_changelist_action(client, editor):
    project = ProjectFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [project.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_editor_cannot_open_the_delete_page(client, editor):
    project = ProjectFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:projects_project_delete", args=[project.pk])).status_code == 403
