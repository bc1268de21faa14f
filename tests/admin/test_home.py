"""The admin home puts content first, with an overview of the work in progress; every date and time on a
form says its time zone."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from donors.models import Donor
from events.models import Event
from kernel import services
from kernel.publishing import Status
from projects.models import Project
from tests.factories import DonorFactory, EventFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def panel(response, key):
    return next(p for p in response.context["dashboard"] if p.key == key)


def titles(response, key):
    return [str(item.record) for item in panel(response, key).items]


def test_content_apps_come_before_accounts_tokens_and_logs(client, superuser):
    client.force_login(superuser)
    labels = [app["app_label"] for app in client.get(HOME).context["app_list"]]
    content = ["donors", "projects", "events", "organisations", "taxonomy"]
    assert labels[: len(content)] == content
    for other in ("auth", "authtoken", "axes"):
        assert labels.index(other) > labels.index("taxonomy")
    page = client.get(HOME).content.decode()
    assert (
        page.index("Recently changed")
        < page.index("Donors")
        < page.index("Tokens")
        < page.index("Access attempts")
    )


def test_dashboard_lists_my_drafts_scheduled_changed_and_published(client, editor, publisher):
    later = timezone.now() + datetime.timedelta(days=3)
    mine = Project(title="My draft project", slug="mine", kind="project")
    services.save_record(mine, user=editor)
    theirs = Project(title="Their draft project", slug="theirs", kind="project")
    services.save_record(theirs, user=publisher)
    scheduled = ProjectFactory(title="Scheduled project", published_at=later)
    published = DonorFactory(name="Published donor")
    client.force_login(editor)
    response = client.get(HOME)
    assert titles(response, "drafts") == ["My draft project"]
    assert titles(response, "scheduled") == ["Scheduled project"]
    assert titles(response, "published")[0] == "Published donor"
    changed = titles(response, "changed")
    assert {"My draft project", "Their draft project", "Scheduled project", "Published donor"} <= set(changed)
    page = response.content.decode()
    assert reverse("admin:projects_project_change", args=[mine.pk]) in page
    assert "Scheduled · to be published" in page
    # The last editor is named beside a change.
    item = next(i for i in panel(response, "changed").items if i.record.pk == theirs.pk)
    assert item.editor == publisher.username
    assert scheduled and published


def test_dashboard_shows_only_what_the_user_may_view(client):
    DonorFactory(name="Donor in view")
    ProjectFactory(title="Project out of view")
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_donor"))
    client.force_login(staff)
    response = client.get(HOME)
    changed = titles(response, "changed")
    assert "Donor in view" in changed
    assert "Project out of view" not in changed
    assert "Project out of view" not in response.content.decode()


def test_dashboard_costs_the_same_queries_for_one_record_or_many(
    client, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    EventFactory()
    ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    few = count()
    EventFactory.create_batch(6)
    ProjectFactory.create_batch(6, published_at=timezone.now() + datetime.timedelta(days=1))
    DonorFactory.create_batch(6)
    assert count() == few


def test_every_date_and_time_says_its_time_zone(client, superuser):
    client.force_login(superuser)
    donor = DonorFactory()
    page = client.get(reverse("admin:donors_donor_change", args=[donor.pk])).content.decode()
    assert "Time zone: UTC (UTC+00:00)" in page
    event = EventFactory(timezone="Asia/Tokyo")
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    # start, end and the publication time, each with its note
    assert page.count("Time zone: Asia/Tokyo (UTC+09:00), the event's") == 3
    assert 'data-zone-input="id_timezone"' in page
    assert "admin-extra/js/timezones.js" in page


def test_an_events_publication_time_is_read_in_its_time_zone(client, superuser):
    from tests.rules.forms import change_form_data

    event = EventFactory(timezone="Asia/Tokyo")
    client.force_login(superuser)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(client.get(url), published_at_0="2030-01-02", published_at_1="09:00:00")
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.published_at == datetime.datetime(2030, 1, 2, 0, 0, tzinfo=datetime.UTC)
    # Left as it was, it does not move when the event's time zone changes.
    # (as the form shows it: 09:00 in Tokyo)
    data = change_form_data(
        client.get(url), timezone="Europe/Paris", published_at_0="2030-01-02", published_at_1="09:00:00"
    )
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.published_at == datetime.datetime(2030, 1, 2, 0, 0, tzinfo=datetime.UTC)
    assert Event.objects.count() == 1 and Donor.objects.count() == 0


def test_forms_carry_the_unsaved_change_warning(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:donors_donor_add")).content.decode()
    assert "admin-extra/js/unsaved.js" in page
    assert "<script>" not in page  # files only, under the CSP
