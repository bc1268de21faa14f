"""Editors and Publishers through the API, for every publishable resource.

tests/api/test_projects.py already covers projects: an editor creating a draft, being refused
`publication_status` on create and on a draft, not deleting; a publisher publishing on create and
deleting; anonymous writes (and tests/api/test_every_resource.py anonymous writes everywhere).
What is added here: the same rules for donors, organisations, events and people, an editor's
change leaving a draft a draft, and a publisher publishing or unpublishing an existing record.
"""

import pytest

from kernel.publishing import Status
from tests.api.resources import PUBLISHABLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]


def draft_of(resource):
    return resource.make(publication_status=Status.DRAFT, published_at=None)


def stored(resource, record):
    return type(record).objects.get(pk=record.pk)


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_an_editor_changes_a_draft_and_it_stays_a_draft(editor_api, resource):
    record = draft_of(resource)
    response = editor_api.patch(resource.detail_url(record), resource.change, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["publication_status"] == "draft"
    after = stored(resource, record)
    assert after.publication_status == Status.DRAFT
    assert after.published_at is None
    field, value = next(iter(resource.change.items()))
    assert getattr(after, field) == value


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_an_editor_cannot_publish_a_draft_and_nothing_changes(editor_api, resource):
    record = draft_of(resource)
    before = editor_api.get(resource.detail_url(record)).json()
    for changes in (
        {"publication_status": "published"},
        {"publication_status": "published", **resource.change},
        {"published_at": "2020-01-01T00:00:00Z"},
    ):
        response = editor_api.patch(resource.detail_url(record), changes, format="json")
        assert response.status_code == 403, (changes, response.json())
        assert set(response.json()) == {"publication_status", "published_at"} & set(changes)
    assert editor_api.get(resource.detail_url(record)).json() == before
    assert stored(resource, record).publication_status == Status.DRAFT


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_an_editor_cannot_delete(editor_api, resource):
    record = resource.make()
    response = editor_api.delete(resource.detail_url(record))
    assert response.status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_a_publisher_publishes_unpublishes_and_deletes(api, publisher_api, resource):
    record = draft_of(resource)
    url = resource.detail_url(record)
    assert api.get(url).status_code == 404
    response = publisher_api.patch(url, {"publication_status": "published"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["published_at"] is not None
    assert api.get(url).status_code == 200
    response = publisher_api.patch(url, {"publication_status": "draft"}, format="json")
    assert response.status_code == 200
    assert api.get(url).status_code == 404
    assert publisher_api.delete(url).status_code == 204
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_anonymous_clients_cannot_create_or_publish(api, resource):
    record = draft_of(resource)
    response = api.patch(resource.detail_url(record), {"publication_status": "published"}, format="json")
    assert response.status_code == 401
    assert stored(resource, record).publication_status == Status.DRAFT
    assert api.post(resource.list_url, {"publication_status": "published"}, format="json").status_code == 401
