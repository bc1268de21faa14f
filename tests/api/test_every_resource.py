"""What every resource does alike: list and detail, ETags and 304, If-Match and 412, anonymous
writes refused, drafts hidden, CSV."""

import pytest

from kernel.concurrency import etag_for, is_stale
from kernel.publishing import Status
from tests.api.resources import PUBLISHABLE, READ_ONLY, RESOURCES
from tests.api.util import content, csv_rows
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_list_and_detail(api, resource):
    record = resource.make()
    listed = api.get(resource.list_url, {"page_size": 100})
    assert listed.status_code == 200
    body = listed.json()
    assert set(body) == {"count", "next", "previous", "results"}
    keys = [row[resource.key] for row in body["results"]]
    while body["next"]:
        body = api.get(body["next"]).json()
        keys += [row[resource.key] for row in body["results"]]
    assert getattr(record, resource.key) in keys
    shown = api.get(resource.detail_url(record))
    assert shown.status_code == 200
    assert shown.json()["url"] == f"http://testserver{resource.detail_url(record)}"


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_every_get_carries_an_etag_and_a_current_one_gives_304(api, resource):
    record = resource.make()
    for url, query in (
        (resource.list_url, {}),
        (resource.list_url, {"format": "csv"}),
        (resource.detail_url(record), {}),
    ):
        first = api.get(url, query)
        etag = first["ETag"]
        assert etag
        again = api.get(url, query, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again["ETag"] == etag
        assert content(again) == ""
        assert api.get(url, query, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_a_record_etag_is_its_version(api, resource):
    record = resource.make()
    etag = api.get(resource.detail_url(record))["ETag"]
    # The record's version, then the content version the answer was made at (kernel/concurrency.py).
    assert etag.startswith(etag_for(record)[:-1] + ".")
    assert not is_stale(record, etag)


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_a_stale_if_match_is_412_and_changes_nothing(publisher_api, resource):
    record = resource.make()
    url = resource.detail_url(record)
    etag = publisher_api.get(url)["ETag"]
    changed = publisher_api.patch(url, resource.change, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.json()
    new_etag = changed["ETag"]
    assert new_etag != etag
    assert publisher_api.get(url)["ETag"] == new_etag

    # A second editor, still holding the first version, changes nothing.
    field = next(iter(resource.change))
    stale = publisher_api.patch(url, {field: "Overwritten"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert "changed since you read it" in stale.json()["detail"]
    whole = {**publisher_api.get(url).json(), field: "Overwritten"}
    assert publisher_api.put(url, whole, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert publisher_api.put(url, whole, format="json", HTTP_IF_MATCH=new_etag).status_code == 200
    assert publisher_api.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert publisher_api.get(url).json()[field] == "Overwritten"


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_if_match_with_the_current_version_or_star_succeeds(publisher_api, resource):
    record = resource.make()
    url = resource.detail_url(record)
    etag = publisher_api.get(url)["ETag"]
    assert publisher_api.patch(url, {}, format="json", HTTP_IF_MATCH=f'"old", {etag}').status_code == 200
    assert publisher_api.patch(url, {}, format="json", HTTP_IF_MATCH="*").status_code == 200
    # If-Match compares strongly: the same tag marked weak does not match.
    current = publisher_api.get(url)["ETag"]
    assert publisher_api.patch(url, {}, format="json", HTTP_IF_MATCH=f"W/{current}").status_code == 412


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_anonymous_writes_are_refused(api, resource):
    record = resource.make()
    before = api.get(resource.detail_url(record)).json()
    assert api.post(resource.list_url, {}, format="json").status_code == 401
    assert api.put(resource.detail_url(record), before, format="json").status_code == 401
    assert api.patch(resource.detail_url(record), resource.change, format="json").status_code == 401
    assert api.delete(resource.detail_url(record)).status_code == 401
    assert api.get(resource.detail_url(record)).json() == before


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_staff_writes_are_validated(editor_api, resource):
    response = editor_api.post(resource.list_url, {}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors and all(isinstance(messages, list) for messages in errors.values())
    response = editor_api.post(resource.list_url, ["not", "an", "object"], format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}


@pytest.mark.parametrize("resource", PUBLISHABLE, ids=str)
def test_drafts_are_hidden_from_anonymous_clients(api, editor_api, resource):
    draft = resource.make(publication_status=Status.DRAFT, published_at=None)
    key = getattr(draft, resource.key)
    assert key not in [row[resource.key] for row in api.get(resource.list_url).json()["results"]]
    assert key not in [row[resource.key] for row in csv_rows(api.get(resource.list_url, {"format": "csv"}))]
    assert api.get(resource.detail_url(draft)).status_code == 404
    assert key in [row[resource.key] for row in editor_api.get(resource.list_url).json()["results"]]
    assert editor_api.get(resource.detail_url(draft)).status_code == 200


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_csv_lists_every_row_with_a_header(api, resource):
    record = resource.make()
    response = api.get(resource.list_url, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["ETag"].startswith('W/"')
    rows = csv_rows(response)
    assert str(getattr(record, resource.key)) in [row[resource.key] for row in rows]
    assert "url" in rows[0]


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_options_describes_the_resource(api, resource):
    response = api.options(resource.list_url)
    assert response.status_code == 200
    assert response.json()["name"]


# ------------------------------------------------------------------ read-only resources


@pytest.mark.parametrize("resource", READ_ONLY, ids=str)
def test_a_read_only_resource_lists_shows_and_streams_its_rows(api, resource):
    record = resource.make()
    listed = api.get(resource.list_url, {"page_size": 100})
    assert listed.status_code == 200
    assert record.pk in [row["id"] for row in listed.json()["results"]]
    shown = api.get(resource.detail_url(record))
    assert shown.json()["url"] == f"http://testserver{resource.detail_url(record)}"
    etag = shown["ETag"]
    assert api.get(resource.detail_url(record), HTTP_IF_NONE_MATCH=etag).status_code == 304
    rows = csv_rows(api.get(resource.list_url, {"format": "csv"}))
    assert str(record.pk) in [row["id"] for row in rows]
    assert api.options(resource.list_url).status_code == 200


@pytest.mark.parametrize("resource", READ_ONLY, ids=str)
def test_a_read_only_resource_refuses_writes_even_from_publishers(publisher_api, resource):
    record = resource.make()
    for response in (
        publisher_api.post(resource.list_url, {}, format="json"),
        publisher_api.put(resource.detail_url(record), {}, format="json"),
        publisher_api.patch(resource.detail_url(record), {}, format="json"),
        publisher_api.delete(resource.detail_url(record)),
    ):
        assert response.status_code == 405
        assert "GET" in response["Allow"]
    assert publisher_api.get(resource.detail_url(record)).status_code == 200


@pytest.mark.parametrize("resource", [each for each in READ_ONLY if each.publishable], ids=str)
def test_the_rows_of_draft_projects_are_hidden_from_anonymous_clients(api, editor_api, resource):
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    row = resource.make(project=draft)
    assert row.pk not in [each["id"] for each in api.get(resource.list_url).json()["results"]]
    assert str(row.pk) not in [each["id"] for each in csv_rows(api.get(resource.list_url, {"format": "csv"}))]
    assert api.get(resource.detail_url(row)).status_code == 404
    assert row.pk in [each["id"] for each in editor_api.get(resource.list_url).json()["results"]]
    assert editor_api.get(resource.detail_url(row)).status_code == 200
