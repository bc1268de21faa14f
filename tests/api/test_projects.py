"""/api/v1/projects/: the list filtered like the page, the detail a page needs, staff writes."""

import datetime

import pytest

from kernel.publishing import Status
from projects.models import Participant, Project
from tests.api.util import csv_rows, slugs
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
    region,
    sdg,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def detail(slug):
    return f"{LIST}{slug}/"


@pytest.fixture
def japan():
    return DonorFactory(slug="japan", name="Japan")


@pytest.fixture
def projects(japan):
    korea = DonorFactory(slug="republic-of-korea", name="Republic of Korea")
    informality = ProjectFactory(
        slug="way-out-of-informality",
        title="Way out of Informality",
        countries=["BD", "IN", "NP"],
        themes=["informal-economy"],
        donors=[japan],
        status=Project.Status.CLOSED,
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        budget_usd="9500000.00",
    )
    informality.sdgs.add(sdg(8))
    nepal_now = ProjectFactory(
        slug="nepal-sse",
        title="Social and solidarity economy in Nepal",
        countries=["NP"],
        themes=["social-solidarity-economy"],
        donors=[korea],
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2022, 1, 1),
        end_date=None,
        budget_usd="1200000.00",
    )
    fiji = ProjectFactory(
        slug="resilient-fiji",
        title="Resilient Employment in Fiji",
        countries=["FJ"],
        themes=["crisis-response"],
        donors=[japan],
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2016, 1, 1),
        end_date=None,
    )
    return {"informality": informality, "nepal": nepal_now, "fiji": fiji}


def test_list_is_paginated_with_count_next_previous(api, projects):
    response = api.get(LIST, {"page_size": 2})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/projects/?page=2&page_size=2"
    assert len(body["results"]) == 2
    second = api.get(body["next"]).json()
    assert [row["slug"] for row in second["results"]] == ["way-out-of-informality"]
    assert second["previous"] == "http://testserver/api/v1/projects/?page_size=2"


def test_list_rows_carry_relations_as_slugs_and_urls(api, projects):
    row = next(row for row in api.get(LIST).json()["results"] if row["slug"] == "way-out-of-informality")
    assert row["url"] == "http://testserver/api/v1/projects/way-out-of-informality/"
    assert row["status"] == "4"
    assert row["publication_status"] == "published"
    assert sorted(row["countries"]) == ["BD", "IN", "NP"]
    assert row["themes"] == ["informal-economy"]
    assert row["donors"] == ["japan"]
    assert row["sdgs"] == [8]
    assert row["budget_usd"] == "9500000.00"
    assert row["links"]["donors"] == ["http://testserver/api/v1/donors/japan/"]
    assert "http://testserver/api/v1/countries/NP/" in row["links"]["countries"]
    assert row["links"]["sdgs"] == ["http://testserver/api/v1/sdgs/8/"]
    assert row["links"]["page"] == "http://testserver/projects/way-out-of-informality/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "NP"}, ["nepal-sse", "way-out-of-informality"]),
        ({"country": "np"}, ["nepal-sse", "way-out-of-informality"]),
        ({"country": ["NP", "FJ"]}, ["nepal-sse", "resilient-fiji", "way-out-of-informality"]),
        ({"donor": "republic-of-korea"}, ["nepal-sse"]),
        ({"theme": "crisis-response"}, ["resilient-fiji"]),
        ({"region": "asia-pacific"}, ["nepal-sse", "resilient-fiji", "way-out-of-informality"]),
        ({"sdg": "8"}, ["way-out-of-informality"]),
        ({"status": "2"}, ["nepal-sse", "resilient-fiji"]),
        ({"status": "2", "country": "NP"}, ["nepal-sse"]),
        ({"year": "2013"}, ["way-out-of-informality"]),
        ({"q": "informality way"}, ["way-out-of-informality"]),
        ({"q": "fiji nepal"}, []),
    ],
)
def test_list_takes_the_pages_filters(api, projects, query, expected):
    response = api.get(LIST, query)
    assert response.status_code == 200
    assert sorted(slugs(response)) == expected


def test_ongoing_projects_in_nepal_as_the_docs_show(api, projects):
    response = api.get(LIST, {"country": "NP", "status": "2"})
    assert slugs(response) == ["nepal-sse"]
    rows = csv_rows(api.get(LIST, {"country": "NP", "status": "2", "format": "csv"}))
    assert [row["slug"] for row in rows] == ["nepal-sse"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"donor": "nobody"}, "donor"),
        ({"status": "9"}, "status"),
        ({"year": "abc"}, "year"),
        ({"year": "99999999999"}, "year"),
        ({"sdg": "99"}, "sdg"),
        ({"q": "a\x00b"}, "q"),
        ({"ordering": "title"}, "ordering"),  # the API's old sort parameter: pointed to `sort`
        ({"sort": "nonsense"}, "sort"),
        ({"sort": "start_date"}, "sort"),  # a field name, not the site's word
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"format": "xml"}, "format"),
        ({"format": ""}, "format"),
    ],
)
def test_bad_query_values_are_400s_naming_the_parameter(api, projects, query, field):
    response = api.get(LIST, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


def test_page_past_the_end_is_a_json_404(api, projects):
    response = api.get(LIST, {"page": 7})
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no page 7: the last page is 1."}


def test_page_size_up_to_100(api, japan):
    ProjectFactory.create_batch(101)
    body = api.get(LIST, {"page_size": 100}).json()
    assert body["count"] == 101
    assert len(body["results"]) == 100
    assert len(api.get(LIST).json()["results"]) == 20


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["resilient-fiji", "nepal-sse", "way-out-of-informality"]),
        ("-title", ["way-out-of-informality", "nepal-sse", "resilient-fiji"]),
        ("start", ["way-out-of-informality", "resilient-fiji", "nepal-sse"]),
        ("-start", ["nepal-sse", "resilient-fiji", "way-out-of-informality"]),
        ("-budget,title", ["way-out-of-informality", "nepal-sse", "resilient-fiji"]),
        # Empty terms are skipped: a stray comma, or a form's empty default, is the default order.
        (",title,", ["resilient-fiji", "nepal-sse", "way-out-of-informality"]),
    ],
)
def test_sort_takes_the_words_of_the_site(api, projects, sort, expected):
    assert slugs(api.get(LIST, {"sort": sort})) == expected


def test_an_empty_sort_is_the_default_order(api, projects):
    assert slugs(api.get(LIST, {"sort": ""})) == slugs(api.get(LIST))


def test_the_page_and_the_api_sort_alike(api, client, projects):
    page = client.get("/projects/", {"sort": "-budget,title"}).context["object_list"]
    assert [project.slug for project in page] == slugs(api.get(LIST, {"sort": "-budget,title"}))


def test_detail_embeds_what_the_page_needs(api, projects):
    project = projects["informality"]
    ilo = OrganisationFactory(slug="ilo", name="ILO")
    mhlw = OrganisationFactory(slug="mhlw", name="MHLW")
    ParticipantFactory(project=project, organisation=mhlw, role=Participant.Role.FUNDING, amount_usd="100.00")
    ParticipantFactory(project=project, organisation=ilo, role=Participant.Role.IMPLEMENTING)
    ResultFactory(project=project, title="micro entrepreneurs registered", value=2827, country_id="NP")
    child = ProjectFactory(slug="child", parent=project)
    event = EventFactory(slug="launch")
    event.projects.add(project)

    body = api.get(detail(project.slug)).json()

    assert [(p["organisation"], p["role"]) for p in body["participants"]] == [("mhlw", "1"), ("ilo", "4")]
    assert body["participants"][0]["amount_usd"] == "100.00"
    assert body["participants"][0]["links"]["organisation"] == "http://testserver/api/v1/organisations/mhlw/"
    assert body["results"][0]["title"] == "micro entrepreneurs registered"
    assert body["results"][0]["value"] == "2827.00"
    assert body["results"][0]["country"] == "NP"
    assert body["children"] == [child.slug]
    assert body["events"] == ["launch"]
    assert body["links"]["events"] == ["http://testserver/api/v1/events/launch/"]


def test_unknown_project_is_a_json_404(api):
    response = api.get(detail("nothing-here"))
    assert response.status_code == 404
    assert response.json() == {"detail": "No Project matches the given query."}


def test_drafts_are_hidden_from_anonymous_clients_and_shown_to_staff(api, editor_api, projects):
    draft = ProjectFactory(slug="secret-draft", publication_status=Status.DRAFT, published_at=None)
    assert "secret-draft" not in slugs(api.get(LIST))
    assert api.get(detail(draft.slug)).status_code == 404
    assert "secret-draft" not in [row["slug"] for row in csv_rows(api.get(LIST, {"format": "csv"}))]
    assert "secret-draft" in slugs(editor_api.get(LIST))
    assert editor_api.get(detail(draft.slug)).json()["publication_status"] == "draft"


def test_a_scheduled_project_is_not_yet_public(api, projects):
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    ProjectFactory(slug="scheduled", published_at=later)
    assert api.get(detail("scheduled")).status_code == 404


def test_draft_related_records_are_not_shown_to_anonymous_clients(api, editor_api, projects):
    project = projects["fiji"]
    draft_donor = DonorFactory(slug="draft-donor", publication_status=Status.DRAFT, published_at=None)
    project.donors.add(draft_donor)
    hidden = OrganisationFactory(slug="hidden-org", publication_status=Status.DRAFT, published_at=None)
    ParticipantFactory(project=project, organisation=hidden)
    public = api.get(detail(project.slug)).json()
    assert public["donors"] == ["japan"]
    assert public["participants"] == []
    staff = editor_api.get(detail(project.slug)).json()
    assert sorted(staff["donors"]) == ["draft-donor", "japan"]
    assert [p["organisation"] for p in staff["participants"]] == ["hidden-org"]


# CSV


def test_csv_has_every_filtered_row_not_only_one_page(api, japan):
    ProjectFactory.create_batch(130, countries=["NP"], donors=[japan])
    ProjectFactory(slug="elsewhere", countries=["FJ"])
    response = api.get(LIST, {"country": "NP", "format": "csv", "page_size": 5})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    rows = csv_rows(response)
    assert len(rows) == 130
    assert {row["countries"] for row in rows} == {"NP"}
    assert {row["donors"] for row in rows} == {"japan"}


def test_csv_header_and_values(api, projects):
    rows = {row["slug"]: row for row in csv_rows(api.get(LIST, {"format": "csv"}))}
    row = rows["way-out-of-informality"]
    assert row["title"] == "Way out of Informality"
    assert row["countries"] == "BD;IN;NP"
    assert row["sdgs"] == "8"
    assert row["budget_usd"] == "9500000.00"
    assert row["url"] == "http://testserver/api/v1/projects/way-out-of-informality/"
    assert "links" not in row


def test_csv_is_also_chosen_by_accept_header(api, projects):
    response = api.get(LIST, HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(csv_rows(response)) == 3


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB"])
def test_csv_cells_that_look_like_formulas_are_neutralised(api, payload):
    ProjectFactory(slug="formula", title=payload)
    row = csv_rows(api.get(LIST, {"format": "csv"}))[0]
    assert row["title"] == "'" + payload


def test_csv_errors_are_json(api, projects):
    response = api.get(LIST, {"format": "csv", "country": "ZZ"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "country" in response.json()


def test_csv_is_for_lists(api, projects):
    response = api.get(detail("nepal-sse"), {"format": "csv"})
    assert response.status_code == 400
    assert "format" in response.json()


# Writes


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


def test_region_through_project_regions(api, projects):
    projects["fiji"].regions.add(region("africa"))
    assert slugs(api.get(LIST, {"region": "africa"})) == ["resilient-fiji"]


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


def test_head_answers_the_headers_without_a_body(api, projects):
    for query in ({}, {"format": "csv"}):
        response = api.head(LIST, query)
        assert response.status_code == 200
        assert response["ETag"]
        assert response.content == b""
