"""The API refuses what no column can hold: a NUL byte in any text field, a value longer than its
column, each refused with a 400 naming the field, and nothing written."""

import pytest

from projects.models import Project
from tests.security.hostile import FIELDS, LONG, MODELS, make_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]


@pytest.fixture
def records():
    return make_records()


def test_nul_and_overlong_values_are_refused_naming_the_field(publisher_api, records):
    """A NUL byte is refused in every text field; a value over the column's length in names."""
    for resource, fields in FIELDS.items():
        url = f"/api/v1/{resource}/{records[resource]}/"
        for field in fields:
            response = publisher_api.patch(url, {field: "a\x00b"}, format="json")
            assert response.status_code == 400, (resource, field)
            assert response.json() == {field: ["Null characters are not allowed."]}
            limit = MODELS[resource]._meta.get_field(field).max_length
            if limit:
                response = publisher_api.patch(url, {field: "x" * (limit + 1)}, format="json")
                assert response.status_code == 400, (resource, field)
                assert list(response.json()) == [field]
    response = publisher_api.post(
        "/api/v1/projects/",
        {"title": LONG, "slug": "long", "status": "2", "summary": "\x00"},
        format="json",
    )
    assert response.status_code == 400
    assert {"title", "summary"} <= set(response.json())
    assert not Project.objects.filter(slug="long").exists()
