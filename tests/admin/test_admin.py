"""The admin: every page answers for a superuser, and publishing is reserved to Publishers."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from donors.models import Contribution, Donor
from events.models import Event
from kernel.publishing import Status
from projects.models import Project
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PersonFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Our own apps' admins; django-axes registers its lockout logs, which are read-only.
OUR_APPS = {"donors", "projects", "events", "taxonomy"}
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in OUR_APPS),
    key=lambda model: model._meta.label,
)


def make_one(model):
    """One saved instance of a registered model, for its change page."""
    factories = {
        "donors.Donor": DonorFactory,
        "organisations.Organisation": OrganisationFactory,
        "donors.Contribution": ContributionFactory,
        "donors.PriorityArea": PriorityAreaFactory,
        "donors.OdaFigure": OdaFigureFactory,
        "projects.Participant": ParticipantFactory,
        "projects.Result": ResultFactory,
        "projects.ExchangeRate": ExchangeRateFactory,
        "projects.Indicator": IndicatorFactory,
        "events.Organiser": OrganiserFactory,
        "events.Speaker": SpeakerFactory,
        "projects.Project": ProjectFactory,
        "events.Event": EventFactory,
        "organisations.Person": PersonFactory,
        "taxonomy.Source": SourceFactory,
    }
    factory = factories.get(model._meta.label)
    return factory() if factory else model.objects.first()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_answers_for_a_superuser(client, superuser, model):
    client.force_login(superuser)
    opts = model._meta
    instance = make_one(model)
    assert instance is not None, f"no {opts.label} to open"
    for url in (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_search_answers(client, superuser, model):
    client.force_login(superuser)
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "japan"})
    assert response.status_code == 200


def test_contributions_are_edited_inside_the_donor(client, superuser):
    donor = DonorFactory(name="Japan", slug="japan")
    ContributionFactory(donor=donor, amount_usd="31800000.00")
    client.force_login(superuser)
    response = client.get(reverse("admin:donors_donor_change", args=[donor.pk]))
    assert b"31800000" in response.content
    assert b"Priority areas" in response.content


def test_editor_can_add_a_project_but_it_stays_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:projects_project_add"),
        {
            "title": "A new project",
            "slug": "a-new-project",
            "kind": "project",
            "status": "2",
            "start_precision": "day",
            "end_precision": "day",
            "publication_status": "published",  # ignored: the field is read-only for editors
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
            "results-TOTAL_FORMS": "0",
            "results-INITIAL_FORMS": "0",
            "budgets-TOTAL_FORMS": "0",
            "budgets-INITIAL_FORMS": "0",
            "planned_disbursements-TOTAL_FORMS": "0",
            "planned_disbursements-INITIAL_FORMS": "0",
            "transactions-TOTAL_FORMS": "0",
            "transactions-INITIAL_FORMS": "0",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    project = Project.objects.get(slug="a-new-project")
    assert project.publication_status == Status.DRAFT
    assert project.published_at is None


def test_editor_cannot_publish_with_the_action(client, editor):
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.publication_status == Status.DRAFT


def test_editor_does_not_see_the_publish_action(client, editor):
    ProjectFactory()
    client.force_login(editor)
    response = client.get(reverse("admin:projects_project_changelist"))
    assert b'value="publish"' not in response.content


def test_editor_cannot_delete(client, editor):
    project = ProjectFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:projects_project_delete", args=[project.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_publisher_can_publish_with_the_action(client, publisher):
    draft = EventFactory(publication_status=Status.DRAFT, published_at=None)
    client.force_login(publisher)
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_publisher_can_unpublish(client, publisher):
    donor = DonorFactory()
    client.force_login(publisher)
    client.post(
        reverse("admin:donors_donor_changelist"), {"action": "unpublish", "_selected_action": [donor.pk]}
    )
    donor.refresh_from_db()
    assert donor.publication_status == Status.DRAFT
    assert donor not in Donor.objects.published()


def test_publish_permission_is_checked_on_save_not_only_in_the_ui(rf, editor):
    """A forged change of state through the ModelAdmin is refused even if the form let it through."""
    from django.core.exceptions import PermissionDenied

    model_admin = admin.site._registry[Project]
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    draft.publication_status = Status.PUBLISHED
    request = rf.post("/")
    request.user = editor
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, draft, form=None, change=True)


def test_contribution_with_years_reversed_is_a_form_error(client, superuser):
    donor = DonorFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:donors_contribution_add"),
        {"donor": donor.pk, "kind": "assessed", "year_from": 2017, "year_to": 2012, "amount_usd": "10"},
    )
    assert response.status_code == 200
    assert b"The last year cannot be before the first year." in response.content
    assert not Contribution.objects.exists()


def test_negative_amount_is_a_form_error(client, superuser):
    donor = DonorFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:donors_contribution_add"),
        {"donor": donor.pk, "kind": "assessed", "year_from": 2012, "year_to": 2017, "amount_usd": "-10"},
    )
    assert response.status_code == 200
    assert b"greater than or equal to 0" in response.content
    assert not Contribution.objects.exists()


def test_duplicate_slug_is_a_form_error(client, superuser):
    DonorFactory(slug="japan")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:donors_donor_add"),
        {
            "name": "Japan again",
            "slug": "japan",
            "kind": "member-state",
            "publication_status": "draft",
            "governing_body_seat": "",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("priority_areas", "oda_figures", "contributions")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 200
    assert b"Donor with this Slug already exists." in response.content
    assert Donor.objects.count() == 1


def event_form(**overrides):
    data = {
        "title": "Seminar",
        "slug": "seminar",
        "kind": "seminar",
        "status": "scheduled",
        "timezone": "Asia/Tokyo",
        "start_0": "2022-12-02",
        "start_1": "14:00:00",
        "end_0": "2022-12-02",
        "end_1": "17:00:00",
        "precision": "time",
        "format": "hybrid",
        "publication_status": "draft",
        "attendance_qualifier": "",
        "organisers-TOTAL_FORMS": "0",
        "organisers-INITIAL_FORMS": "0",
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_event_times_are_typed_in_the_events_own_time_zone(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:events_event_add"), event_form())
    assert response.status_code == 302, response.content
    event = Event.objects.get(slug="seminar")
    assert event.start == datetime.datetime(2022, 12, 2, 5, 0, tzinfo=datetime.UTC)
    # and shown back in the same zone
    response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert b'value="14:00:00"' in response.content


def test_event_ending_before_it_starts_is_a_form_error(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:events_event_add"), event_form(end_1="10:00:00"))
    assert response.status_code == 200
    assert b"The end cannot be before the start." in response.content
    assert not Event.objects.exists()


def test_view_on_site_links_to_the_public_page(client, superuser):
    project = ProjectFactory(slug="visible")
    client.force_login(superuser)
    response = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert b"View on site" in response.content
    assert timezone.now()


def test_second_of_two_editors_saving_is_refused_and_the_first_ones_work_stays(client, editor):
    """Two editors open the same project; the first saves; the second's save is refused."""
    from django.test import Client

    project = ProjectFactory(title="Original title", slug="shared")
    url = reverse("admin:projects_project_change", args=[project.pk])
    first, second = Client(), Client()
    first.force_login(editor)
    other_editor = UserFactory(is_staff=True)
    other_editor.groups.set(editor.groups.all())
    second.force_login(other_editor)
    opened_by_first = first.get(url).context["adminform"].form["version"].value()
    opened_by_second = second.get(url).context["adminform"].form["version"].value()
    assert opened_by_first == opened_by_second

    def form(title, version):
        return {
            "title": title,
            "slug": "shared",
            "kind": "project",
            "status": "2",
            "start_date": "2015-01-01",
            "start_precision": "day",
            "end_date": "2018-12-31",
            "end_precision": "day",
            "version": version,
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
            "results-TOTAL_FORMS": "0",
            "results-INITIAL_FORMS": "0",
            "budgets-TOTAL_FORMS": "0",
            "budgets-INITIAL_FORMS": "0",
            "planned_disbursements-TOTAL_FORMS": "0",
            "planned_disbursements-INITIAL_FORMS": "0",
            "transactions-TOTAL_FORMS": "0",
            "transactions-INITIAL_FORMS": "0",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        }

    response = first.post(url, form("Title by the first editor", opened_by_first))
    assert response.status_code == 302, response.content
    response = second.post(url, form("Title by the second editor", opened_by_second))
    assert response.status_code == 200
    assert b"changed by someone else after you opened it" in response.content
    project.refresh_from_db()
    assert project.title == "Title by the first editor"
    # After reloading, the second editor can save over the current version.
    current = second.get(url).context["adminform"].form["version"].value()
    assert second.post(url, form("Title by the second editor", current)).status_code == 302
    project.refresh_from_db()
    assert project.title == "Title by the second editor"


def test_admin_pages_name_the_sites_icon(client):
    """Without it a browser asks for /favicon.ico, which is not there: a 404 in every admin page's
    console (the browser tests count them)."""
    page = client.get(reverse("admin:login")).content.decode()
    assert 'rel="icon"' in page and "img/favicon" in page
