"""Every coded value in the API has its label beside it; a project's date precisions are null with
their dates; the schema asks for credentials only where they are needed (no lock on reads)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from projects.models import Project
from tests.api.util import csv_rows
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    japan = DonorFactory(slug="japan", name="Japan", kind="member-state")
    ContributionFactory(donor=japan, slug="japan-assessed", kind="assessed")
    project = ProjectFactory(
        slug="informality", status=Project.Status.CLOSED, start_date=datetime.date(2012, 1, 1), end_date=None
    )
    mhlw = OrganisationFactory(slug="mhlw", name="MHLW")
    ParticipantFactory(project=project, organisation=mhlw, role="1")
    event = EventFactory(slug="seminar", kind="seminar", format="hybrid")
    OrganiserFactory(event=event, organisation=mhlw, role="co-host")


def test_each_code_has_its_label_beside_it(api, records):
    project = api.get("/api/v1/projects/informality/").json()
    assert (project["status"], project["status_label"]) == ("4", "Closed")
    assert (project["kind"], project["kind_label"]) == ("project", "Project")
    assert (project["publication_status"], project["publication_status_label"]) == ("published", "Published")
    assert (project["participants"][0]["role"], project["participants"][0]["role_label"]) == ("1", "Funding")
    keys = list(project)
    assert keys.index("status_label") == keys.index("status") + 1  # beside it

    event = api.get("/api/v1/events/seminar/").json()
    assert event["kind_label"] == "Seminar"
    assert event["format_label"] == "Hybrid (in person and online)"
    assert event["organisers"][0]["role_label"] == "Co-host"

    donor = api.get("/api/v1/donors/japan/").json()
    assert donor["kind_label"] == "Member State"
    assert donor["contributions"][0]["kind_label"] == "Assessed contribution"
    contribution = api.get("/api/v1/contributions/japan-assessed/").json()
    assert contribution["kind_label"] == "Assessed contribution"
    organisation = api.get("/api/v1/organisations/mhlw/").json()
    assert organisation["type_label"] and organisation["category_label"]
    theme = api.get("/api/v1/themes/informal-economy/").json()
    assert theme["strategic_objective_label"]


def test_an_empty_code_has_a_null_label(api, records):
    contribution = api.get("/api/v1/contributions/japan-assessed/").json()
    assert contribution["amount_qualifier"] == ""
    assert contribution["amount_qualifier_label"] is None


def test_every_choice_field_of_every_resource_has_its_label(api, records):
    """Whatever field with choices a serializer gains later, its label comes with it."""
    from rest_framework import serializers

    from donors.serializers import ContributionSerializer, DonorDetailSerializer
    from events.serializers import EventDetailSerializer
    from organisations.serializers import OrganisationDetailSerializer, PersonSerializer
    from projects.serializers import ProjectDetailSerializer

    def check(serializer):
        for name, field in serializer.fields.items():
            if isinstance(field, serializers.ChoiceField) and not isinstance(
                field, serializers.MultipleChoiceField
            ):
                assert f"{name}_label" in serializer.fields, (type(serializer).__name__, name)
            child = getattr(field, "child", None)
            if isinstance(child, serializers.Serializer):
                check(child)

    for serializer_class in (
        ProjectDetailSerializer,
        EventDetailSerializer,
        DonorDetailSerializer,
        ContributionSerializer,
        OrganisationDetailSerializer,
        PersonSerializer,
    ):
        check(serializer_class())


def test_a_label_is_read_only_and_follows_the_language(editor_api, api, records):
    response = editor_api.patch("/api/v1/projects/informality/", {"status_label": "Pipeline"}, format="json")
    assert response.status_code in (200, 400)
    assert Project.objects.get(slug="informality").status == Project.Status.CLOSED
    french = api.get("/api/v1/projects/informality/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["status"] == "4"
    assert isinstance(french["status_label"], str) and french["status_label"]


def test_labels_are_in_the_csv(api, records):
    rows = csv_rows(api.get("/api/v1/projects/", {"format": "csv"}))
    assert rows[0]["status"] == "4"
    assert rows[0]["status_label"] == "Closed"


# ------------------------------------------------------------------ precisions


def test_a_precision_is_null_with_its_date(api, records):
    project = api.get("/api/v1/projects/informality/").json()
    assert (project["start_date"], project["start_precision"]) == ("2012-01-01", "day")
    assert (project["end_date"], project["end_precision"], project["end_precision_label"]) == (
        None,
        None,
        None,
    )


def test_the_model_keeps_the_precision_with_its_date():
    project = ProjectFactory(slug="p", start_date=None, end_date=None)
    project.refresh_from_db()
    assert (project.start_precision, project.end_precision) == (None, None)
    project.end_date = datetime.date(2020, 6, 30)
    project.save()
    project.refresh_from_db()
    assert project.end_precision == "day"  # a date given without a precision is a day
    project.end_precision = "year"
    project.end_date = None
    project.full_clean()
    assert project.end_precision is None
    project.end_date = datetime.date(2020, 12, 31)
    project.end_precision = "year"
    project.save(update_fields=["end_date"])  # the precision goes with the date it belongs to
    project.refresh_from_db()
    assert (project.end_date, project.end_precision) == (datetime.date(2020, 12, 31), "year")
    with pytest.raises(ValidationError):
        Project(
            slug="bad", title="Bad", start_date=datetime.date(2020, 1, 1), start_precision="week"
        ).full_clean()


def test_a_date_written_around_the_model_reads_as_a_day(api, records):
    Project.objects.filter(slug="informality").update(end_date=datetime.date(2017, 12, 31))
    project = api.get("/api/v1/projects/informality/").json()
    assert (project["end_precision"], project["end_precision_label"]) == ("day", "Day")


def test_writes_keep_the_precision_with_its_date(editor_api, records):
    created = editor_api.post("/api/v1/projects/", {"title": "No dates", "slug": "no-dates"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["start_precision"], body["end_precision"]) == (None, None)
    assert Project.objects.get(slug="no-dates").start_precision is None

    dated = editor_api.patch(
        "/api/v1/projects/no-dates/", {"start_date": "2016-01-01", "start_precision": "year"}, format="json"
    )
    assert dated.status_code == 200, dated.content
    assert (dated.json()["start_precision"], dated.json()["start_precision_label"]) == ("year", "Year")

    cleared = editor_api.patch("/api/v1/projects/no-dates/", {"start_date": None}, format="json")
    assert cleared.status_code == 200, cleared.content
    assert cleared.json()["start_precision"] is None
    assert Project.objects.get(slug="no-dates").start_precision is None


def test_a_precision_without_its_date_is_a_400_that_changes_nothing(editor_api, records):
    response = editor_api.patch("/api/v1/projects/informality/", {"end_precision": "year"}, format="json")
    assert response.status_code == 400
    assert "end_precision" in response.json()
    assert Project.objects.get(slug="informality").end_precision is None
    response = editor_api.post(
        "/api/v1/projects/",
        {"title": "X", "slug": "x", "start_date": None, "start_precision": "month"},
        format="json",
    )
    assert response.status_code == 400
    assert "start_precision" in response.json()
    assert not Project.objects.filter(slug="x").exists()


# ------------------------------------------------------------------ schema


def test_reads_show_no_lock_and_writes_do(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["securitySchemes"]  # the token is still described, for writes
    assert "security" not in schema  # no requirement for the whole API
    reads = writes = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "head", "options"):
                assert "security" not in operation, (method, path)
                reads += 1
            elif method in ("post", "put", "patch", "delete"):
                assert operation.get("security"), (method, path)
                assert {} not in operation["security"], (method, path)  # writes need a token
                writes += 1
    assert reads > 10 and writes > 10


def test_the_schema_documents_the_labels(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    project = schema["components"]["schemas"]["Project"]["properties"]
    assert project["status_label"]["readOnly"] is True
    assert project["status_label"]["type"] == "string"
    assert project["end_precision"].get("nullable") is True or "null" in str(project["end_precision"])
    request = schema["components"]["schemas"].get("ProjectDetailRequest", {}).get("properties", {})
    assert "status" in request and "status_label" not in request
