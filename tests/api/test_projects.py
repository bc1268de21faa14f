"""/api/v1/projects/ read: the list filtered like the page, the detail a page needs, drafts for staff
only, and the list as CSV."""

import datetime

import pytest

from kernel.publishing import Status
from projects.models import Participant
from tests.api.util import csv_rows, slugs
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
    region,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def detail(slug):
    return f"{LIST}{slug}/"


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


def test_region_through_project_regions(api, projects):
    projects["fiji"].regions.add(region("africa"))
    assert slugs(api.get(LIST, {"region": "africa"})) == ["resilient-fiji"]


def test_head_answers_the_headers_without_a_body(api, projects):
    for query in ({}, {"format": "csv"}):
        response = api.head(LIST, query)
        assert response.status_code == 200
        assert response["ETag"]
        assert response.content == b""


def test_a_related_record_leaving_the_public_changes_the_etag_but_not_the_records_version(
    api, publisher_api, projects
):
    project = projects["fiji"]
    partner = OrganisationFactory(slug="partner-org")
    ParticipantFactory(project=project, organisation=partner)
    first = api.get(detail(project.slug))
    assert [p["organisation"] for p in first.json()["participants"]] == ["partner-org"]
    staff_etag = publisher_api.get(detail(project.slug))["ETag"]

    partner.__class__.objects.filter(pk=partner.pk).unpublish()

    # A 304 would let a client keep showing the name of a record that is now a draft.
    again = api.get(detail(project.slug), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["participants"] == []
    # The project itself did not change: a write made on the version read before still goes through.
    changed = publisher_api.patch(
        detail(project.slug), {"summary": "Still mine."}, format="json", HTTP_IF_MATCH=staff_etag
    )
    assert changed.status_code == 200, changed.json()


def test_a_records_etag_differs_by_language_and_if_match_takes_either(api, publisher_api, projects):
    project = projects["fiji"]
    english = api.get(detail(project.slug))
    french = api.get(detail(project.slug), {"lang": "fr"})
    assert english["ETag"] != french["ETag"]
    assert (
        api.get(detail(project.slug), {"lang": "fr"}, HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200
    )
    etag = publisher_api.get(detail(project.slug), {"lang": "fr"})["ETag"]
    changed = publisher_api.patch(
        detail(project.slug), {"summary": "Encore."}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200, changed.json()
