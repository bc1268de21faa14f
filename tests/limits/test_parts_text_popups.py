"""A record takes a bounded number of parts and bounded text through every form of writing, and the
admin's "+" pop-ups say what state a record they create starts in."""

import pytest

from projects.models import Project
from tests.api.conftest import client_for
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_api(publisher):
    return client_for(publisher)


def test_too_many_parts_is_a_400_naming_the_limit(publisher_api, settings):
    settings.API_MAX_PARTS = 3
    ProjectFactory(slug="p")
    results = [{"value": index, "unit": "people", "description": f"Result {index}"} for index in range(4)]
    response = publisher_api.patch("/api/v1/projects/p/", {"results": results}, format="json")
    assert response.status_code == 400
    assert "no more than 3" in str(response.json()["results"])
    assert not Project.objects.get(slug="p").results.exists()


def test_text_over_the_limit_is_a_400_naming_the_field(publisher_api, settings):
    ProjectFactory(slug="p", summary="Before")
    response = publisher_api.patch(
        "/api/v1/projects/p/", {"description": "x" * (settings.TEXT_MAX_CHARS + 1)}, format="json"
    )
    assert response.status_code == 400
    assert "description" in response.json()
    assert Project.objects.get(slug="p").description != "x" * (settings.TEXT_MAX_CHARS + 1)


def test_the_admin_bounds_long_text_too(admin_client, settings):
    project = ProjectFactory(slug="p")
    page = admin_client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert f'maxlength="{settings.TEXT_MAX_CHARS}"' in page


@pytest.mark.parametrize(
    ("who", "says"),
    [("editor", "a Publisher publishes it"), ("publisher", "unless you set “Published” below")],
)
def test_a_plus_pop_up_says_the_new_record_starts_as_a_draft(client, request, who, says):
    client.force_login(request.getfixturevalue(who))
    page = client.get("/admin/organisations/organisation/add/?_to_field=id&_popup=1").content.decode()
    assert "starts as a draft" in page
    assert says in page
    assert "not shown to the public" in page


def test_no_note_outside_a_pop_up(client, publisher):
    OrganisationFactory()
    client.force_login(publisher)
    assert "starts as a draft" not in client.get("/admin/organisations/organisation/add/").content.decode()
