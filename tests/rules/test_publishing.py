""" "Published" with no time means now, in every edit form; a time still to come means "Scheduled",
which the admin shows and filters as such while the database and the API keep draft/published; and
publishing, unpublishing and scheduling go through `kernel.services`, as the acting user."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from donors.models import Donor
from events.models import Event
from kernel import services
from kernel.publishing import PublicationState, Status
from organisations.models import Organisation, Person
from projects.models import Project
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, PersonFactory, ProjectFactory
from tests.rules.forms import change_form_data

pytestmark = pytest.mark.django_db

FACTORIES = {
    Donor: DonorFactory,
    Project: ProjectFactory,
    Event: EventFactory,
    Organisation: OrganisationFactory,
    Person: PersonFactory,
}
each_model = pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model._meta.model_name)
SOON = datetime.timedelta(minutes=1)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def draft(model, **fields):
    return FACTORIES[model](publication_status=Status.DRAFT, published_at=None, **fields)


def later(days=7):
    return timezone.now() + datetime.timedelta(days=days)


@each_model
def test_published_with_no_time_in_the_edit_form_means_now(client, publisher, model):
    record = draft(model)
    url = admin_url(model, "change", record.pk)
    client.force_login(publisher)
    data = change_form_data(
        client.get(url), publication_status="published", published_at_0="", published_at_1=""
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.publication_status == Status.PUBLISHED
    assert abs(record.published_at - timezone.now()) < SOON
    assert record.publication_state == PublicationState.PUBLISHED
    assert record.history.latest().history_user == publisher


@each_model
def test_a_time_still_to_come_in_the_edit_form_schedules_the_publication(client, publisher, model):
    record = draft(model)
    url = admin_url(model, "change", record.pk)
    when = later().replace(second=0, microsecond=0)
    local = timezone.localtime(when)
    client.force_login(publisher)
    data = change_form_data(
        client.get(url),
        publication_status="published",
        published_at_0=local.date().isoformat(),
        published_at_1=local.time().isoformat(),
    )

    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.published_at == when
    assert record.publication_state == PublicationState.SCHEDULED
    assert list(model.objects.scheduled()) == [record]
    assert not model.objects.published().filter(pk=record.pk).exists()


def test_the_admin_list_shows_and_filters_scheduled_records(client, publisher):
    scheduled = ProjectFactory(title="Scheduled project", published_at=later(days=30))
    published = ProjectFactory(title="Published project")
    unpublished = draft(Project, title="Draft project")
    client.force_login(publisher)

    page = client.get(admin_url(Project, "changelist")).content.decode()
    when = timezone.localtime(scheduled.published_at)
    assert f"Scheduled for {when.day} {when:%b %Y %H:%M} UTC" in page
    published_on = timezone.localtime(published.published_at)
    assert ">Draft<" in page and f">Published {published_on.day} {published_on:%b %Y}<" in page

    def listed(state):
        response = client.get(admin_url(Project, "changelist"), {"publication": state})
        return {row.pk for row in response.context["cl"].result_list}

    assert listed("scheduled") == {scheduled.pk}
    assert listed("published") == {published.pk}
    assert listed("draft") == {unpublished.pk}
    filters = client.get(admin_url(Project, "changelist")).content.decode()
    assert "?publication=scheduled" in filters


def test_the_api_keeps_draft_and_published_and_shows_the_time_of_a_scheduled_record(publisher_api):
    scheduled = ProjectFactory(slug="scheduled", published_at=later())
    body = publisher_api.get("/api/v1/projects/scheduled/").json()
    assert body["publication_status"] == "published"
    assert body["published_at"] is not None
    assert scheduled.publication_state == PublicationState.SCHEDULED
    assert list(Project.objects.scheduled()) == [scheduled]


def test_publish_selected_publishes_a_scheduled_record_now_and_names_the_publisher(client, publisher):
    scheduled = ProjectFactory(published_at=later())
    earlier = timezone.now() - datetime.timedelta(days=100)
    unpublished = draft(Project)
    republished = ProjectFactory(publication_status=Status.DRAFT, published_at=earlier)
    client.force_login(publisher)

    response = client.post(
        admin_url(Project, "changelist"),
        {"action": "publish", "_selected_action": [scheduled.pk, unpublished.pk, republished.pk]},
    )

    assert response.status_code == 302
    for record in (scheduled, unpublished, republished):
        record.refresh_from_db()
        assert record.publication_state == PublicationState.PUBLISHED
        assert record.history.latest().history_user == publisher
    assert abs(scheduled.published_at - timezone.now()) < SOON
    assert abs(unpublished.published_at - timezone.now()) < SOON
    assert republished.published_at == earlier  # published again: it keeps its first time


def test_the_services_record_the_acting_user_without_a_request(publisher):
    project = ProjectFactory()

    assert services.unpublish(Project.objects.filter(pk=project.pk), user=publisher) == [project]
    project.refresh_from_db()
    assert project.publication_status == Status.DRAFT
    assert project.history.latest().history_user == publisher
    assert services.unpublish(project, user=publisher) == []  # nothing to change, no new version

    when = later()
    services.schedule(project, user=publisher, at=when)
    project.refresh_from_db()
    assert (project.publication_state, project.published_at) == (PublicationState.SCHEDULED, when)
    assert project.history.latest().history_user == publisher


def test_scheduling_needs_a_time_still_to_come(publisher):
    project = draft(Project)
    with pytest.raises(ValidationError) as error:
        services.schedule(project, user=publisher, at=timezone.now() - SOON)
    assert list(error.value.message_dict) == ["published_at"]
    project.refresh_from_db()
    assert project.publication_status == Status.DRAFT


def test_publishing_needs_the_publish_permission_wherever_it_is_asked(editor):
    project = draft(Project)
    with pytest.raises(PermissionDenied, match="projects.publish_project"):
        services.publish(project, user=editor)
    with pytest.raises(PermissionDenied):
        project.publication_status = Status.PUBLISHED
        services.save_record(project, user=editor)
    assert Project.objects.get(pk=project.pk).publication_status == Status.DRAFT


def test_publishing_in_bulk_keeps_earlier_times_and_stamps_the_others():
    earlier = timezone.now() - datetime.timedelta(days=10)
    before = draft(Project)
    Project.objects.filter(pk=before.pk).update(published_at=earlier)
    never = draft(Project)

    assert services.publish(Project.objects.all(), user=None, history=False) == 2

    before.refresh_from_db()
    never.refresh_from_db()
    assert before.published_at == earlier
    assert abs(never.published_at - timezone.now()) < SOON
    assert set(Project.objects.published()) == {before, never}
