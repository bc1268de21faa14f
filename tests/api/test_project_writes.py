"""/api/v1/projects/ written by staff: who may write, publish and delete; a project and its parts
written in one request, refused with a 400 naming the field; history and the CSRF token of a session."""

import pytest

from kernel.publishing import Status
from projects.models import Project
from tests.api.util import slugs
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def detail(slug):
    return f"{LIST}{slug}/"


def new_project(**changes):
    payload = {
        "title": "Decent work in the informal economy",
        "slug": "decent-work-informal",
        "summary": "Formalization in South Asia.",
        "status": "2",
        "start_date": "2020-01-01",
        "end_date": "2024-12-31",
        "budget_usd": "2500000.00",
        "countries": ["NP"],
        "themes": ["informal-economy"],
        "donors": ["japan"],
    }
    payload.update(changes)
    return payload


def test_anonymous_clients_cannot_write(api, projects):
    assert api.post(LIST, new_project(), format="json").status_code == 401
    assert api.patch(detail("nepal-sse"), {"title": "x"}, format="json").status_code == 401
    assert api.put(detail("nepal-sse"), new_project(), format="json").status_code == 401
    response = api.delete(detail("nepal-sse"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert Project.objects.get(slug="nepal-sse").title == "Social and solidarity economy in Nepal"


def test_a_signed_in_user_without_permissions_is_refused(projects):
    from tests.api.conftest import client_for
    from tests.factories import UserFactory

    client = client_for(UserFactory(is_staff=True))
    assert client.post(LIST, new_project(), format="json").status_code == 403
    assert not Project.objects.filter(slug="decent-work-informal").exists()


def test_an_editor_creates_a_draft_project_with_relations_by_slug(editor_api, japan):
    response = editor_api.post(LIST, new_project(countries=["np"]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == "http://testserver/api/v1/projects/decent-work-informal/"
    assert response["ETag"].startswith('"')
    assert body["publication_status"] == "draft"
    assert body["countries"] == ["NP"]
    assert body["donors"] == ["japan"]
    project = Project.objects.get(slug="decent-work-informal")
    assert project.status == Project.Status.IMPLEMENTATION
    assert [c.code for c in project.countries.all()] == ["NP"]
    assert str(project.budget_usd) == "2500000.00"


def test_the_written_form_equals_the_read_form(editor_api, japan):
    created = editor_api.post(LIST, new_project(), format="json").json()
    again = editor_api.put(
        detail("decent-work-informal"),
        {key: created[key] for key in new_project()},
        format="json",
        HTTP_IF_MATCH=editor_api.get(detail("decent-work-informal"))["ETag"],
    )
    assert again.status_code == 200
    assert {key: again.json()[key] for key in new_project()} == {key: created[key] for key in new_project()}


def test_amounts_may_be_sent_as_numbers(editor_api, japan):
    response = editor_api.post(LIST, new_project(budget_usd=1500), format="json")
    assert response.status_code == 201
    assert response.json()["budget_usd"] == "1500.00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"donors": ["japan", "atlantis"]}, "donors", "There is no donor with slug atlantis."),
        ({"countries": ["ZZ"]}, "countries", "There is no country with code ZZ."),
        ({"sdgs": [18]}, "sdgs", "There is no SDG with number 18."),
        ({"themes": "informal-economy"}, "themes", 'Expected a list of items but got type "str".'),
        ({"status": "9"}, "status", '"9" is not a valid choice.'),
        ({"status": 2}, "status", "Expected a string, not a number."),
        ({"title": 5}, "title", "Expected a string, not a number."),
        ({"title": "a\x00b"}, "title", "Null characters are not allowed."),
        # The length as sent, not once trimmed: what the schema's maxLength says.
        ({"title": "\x1f" + "t" * 300}, "title", "Ensure this field has no more than 300 characters."),
        ({"title": " " + "t" * 300}, "title", "Ensure this field has no more than 300 characters."),
        ({"budget_usd": "-5.00"}, "budget_usd", "Ensure this value is greater than or equal to 0."),
        ({"budget_usd": "1e3"}, "budget_usd", "Expected a number or a string of digits, not a string."),
        ({"budget_usd": True}, "budget_usd", "Expected a number or a string of digits, not a boolean."),
        ({"start_date": "yesterday"}, "start_date", None),
        ({"end_date": "2019-01-01"}, "end_date", "The end date cannot be before the start date."),
        ({"slug": "not a slug"}, "slug", None),
        ({"parent": "nobody"}, "parent", "There is no project with slug nobody."),
    ],
)
def test_invalid_writes_are_400s_naming_the_field(editor_api, japan, changes, field, message):
    response = editor_api.post(LIST, new_project(**changes), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    if message:
        assert message in errors[field]
    assert not Project.objects.filter(slug="decent-work-informal").exists()


def test_a_taken_slug_is_a_400(editor_api, projects):
    response = editor_api.post(LIST, new_project(slug="nepal-sse"), format="json")
    assert response.status_code == 400
    assert response.json() == {"slug": ["project with this slug already exists."]}


def test_a_body_that_is_not_json_is_refused(editor_api, japan):
    response = editor_api.post(LIST, "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    response = editor_api.post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    response = editor_api.post(LIST, '{"title": "\\ud800"}', content_type="application/json")
    assert response.status_code == 400


def test_an_editor_cannot_publish_and_nothing_changes(editor_api, projects):
    response = editor_api.post(LIST, new_project(publication_status="published"), format="json")
    assert response.status_code == 403
    assert "publication_status" in response.json()
    assert not Project.objects.filter(slug="decent-work-informal").exists()

    draft = ProjectFactory(slug="draft", publication_status=Status.DRAFT, published_at=None, title="Old")
    response = editor_api.patch(
        detail("draft"), {"publication_status": "published", "title": "New"}, format="json"
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.publication_status, draft.title) == (Status.DRAFT, "Old")


def test_an_editor_cannot_unpublish_but_may_edit_a_published_project(editor_api, projects):
    response = editor_api.patch(detail("nepal-sse"), {"publication_status": "draft"}, format="json")
    assert response.status_code == 403
    assert Project.objects.get(slug="nepal-sse").publication_status == Status.PUBLISHED
    current = editor_api.get(detail("nepal-sse")).json()
    # Sending the publishing fields back unchanged is not publishing.
    response = editor_api.patch(
        detail("nepal-sse"),
        {"title": "Renamed", "publication_status": "published", "published_at": current["published_at"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Project.objects.get(slug="nepal-sse").title == "Renamed"


def test_a_publisher_publishes_and_the_time_is_set(publisher_api, japan):
    response = publisher_api.post(LIST, new_project(publication_status="published"), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["publication_status"] == "published"
    assert body["published_at"] is not None
    assert Project.objects.published().filter(slug="decent-work-informal").exists()


def test_participants_and_results_are_written_with_the_project(editor_api, publisher_api, projects):
    OrganisationFactory(slug="mhlw")
    OrganisationFactory(slug="ilo")
    payload = {
        "participants": [
            {"organisation": "mhlw", "role": "1", "amount_usd": "1000.00"},
            {"organisation": "ilo", "role": "4"},
        ],
        "results": [{"title": "workers trained", "value": 120, "country": "np", "year": 2016}],
    }
    response = editor_api.patch(detail("nepal-sse"), payload, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(p["organisation"], p["role"], p["position"]) for p in body["participants"]] == [
        ("mhlw", "1", 0),
        ("ilo", "4", 1),
    ]
    assert body["results"][0]["country"] == "NP"

    # A list sent replaces the stored one (removing a participant needs the delete permission
    # Publishers hold); a list left out is left alone.
    response = publisher_api.patch(
        detail("nepal-sse"), {"participants": [{"organisation": "ilo", "role": "2"}]}, format="json"
    )
    body = response.json()
    assert [(p["organisation"], p["role"]) for p in body["participants"]] == [("ilo", "2")]
    assert len(body["results"]) == 1


def test_a_participant_twice_in_the_same_role_is_a_400(editor_api, projects):
    OrganisationFactory(slug="ilo")
    twice = [{"organisation": "ilo", "role": "4"}, {"organisation": "ilo", "role": "4"}]
    response = editor_api.patch(detail("nepal-sse"), {"participants": twice}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "participants": [
            {},
            {"non_field_errors": ["This organisation already has this role in the project."]},
        ]
    }


def test_a_part_naming_an_unknown_organisation_is_a_400(editor_api, projects):
    response = editor_api.patch(
        detail("nepal-sse"), {"participants": [{"organisation": "ghost", "role": "4"}]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "participants": [{"organisation": ["There is no organisation with slug ghost."]}]
    }


def test_a_project_cannot_be_its_own_parent(editor_api, projects):
    response = editor_api.patch(detail("nepal-sse"), {"parent": "nepal-sse"}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()


def test_editors_cannot_delete_publishers_can(editor_api, publisher_api, projects):
    assert editor_api.delete(detail("nepal-sse")).status_code == 403
    assert Project.objects.filter(slug="nepal-sse").exists()
    assert publisher_api.delete(detail("nepal-sse")).status_code == 204
    assert not Project.objects.filter(slug="nepal-sse").exists()


def test_deleting_a_project_others_refer_to_is_a_409(publisher_api, projects):
    ProjectFactory(slug="child", parent=projects["nepal"])
    response = publisher_api.delete(detail("nepal-sse"))
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Other records still refer to this one (1 projects): change them first."
    }
    assert Project.objects.filter(slug="nepal-sse").exists()


def test_changing_only_the_parts_gives_the_project_a_new_version(editor_api, projects):
    OrganisationFactory(slug="ilo")
    etag = editor_api.get(detail("nepal-sse"))["ETag"]
    response = editor_api.patch(
        detail("nepal-sse"),
        {"participants": [{"organisation": "ilo", "role": "4"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert (
        editor_api.patch(detail("nepal-sse"), {"results": []}, format="json", HTTP_IF_MATCH=etag).status_code
        == 412
    )


def test_history_records_who_changed_a_project_through_the_api(editor, editor_api, projects):
    editor_api.patch(detail("nepal-sse"), {"title": "Renamed"}, format="json")
    latest = Project.objects.get(slug="nepal-sse").history.first()
    assert latest.title == "Renamed"
    assert latest.history_user == editor


def test_the_admin_session_signs_in_to_the_api_and_writes_need_its_csrf_token(editor, projects):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    ProjectFactory(slug="draft", publication_status=Status.DRAFT, published_at=None)
    assert "draft" in slugs(client.get(LIST))
    response = client.patch(detail("nepal-sse"), {"title": "Renamed"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    # The browsable API, like the admin, hands the browser its CSRF cookie.
    assert client.get(LIST, HTTP_ACCEPT="text/html").status_code == 200
    token = client.cookies["csrftoken"].value
    response = client.patch(detail("nepal-sse"), {"title": "Renamed"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
