"""History: every change is kept with who made it, can be reverted in the admin, and a deleted record
can be brought back from its history with its relations and the rows deleted with it."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from donors.models import Contribution, Donor
from events.models import Event
from kernel.history import RESTORED_REASON, deleted_records, restore_deleted
from kernel.publishing import Status
from projects.models import Participant, Project, Result
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
    country,
    theme,
)

pytestmark = pytest.mark.django_db


def form_data(form):
    """What a browser would post back for an unbound admin form, as it was rendered."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{name}_{index}"] = str(part)
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def test_a_change_in_the_admin_is_recorded_with_its_author(client, publisher):
    contribution = ContributionFactory(amount_usd="1000000.00")
    client.force_login(publisher)
    response = client.post(
        reverse("admin:donors_contribution_change", args=[contribution.pk]),
        {
            "donor": contribution.donor.pk,
            "kind": contribution.kind,
            "year_from": 2012,
            "year_to": 2017,
            "amount_usd": "2500000.00",
            "amount_qualifier": "",
            "slug": contribution.slug,
        },
    )
    assert response.status_code == 302, response.content
    latest = contribution.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == publisher
    assert latest.amount_usd == Decimal("2500000.00")
    assert latest.prev_record.amount_usd == Decimal("1000000.00")


def test_the_history_page_lists_the_changes_and_who_made_them(client, publisher):
    project = ProjectFactory(title="Before")
    client.force_login(publisher)
    project._history_user = publisher
    project.title = "After"
    project.save()
    response = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert publisher.username in content
    assert "Before" in content and "After" in content


def test_the_history_page_shows_changes_to_rows_edited_inline(client, publisher):
    result = ResultFactory(title="2,827 micro entrepreneurs registered")
    client.force_login(publisher)
    response = client.get(reverse("admin:projects_project_history", args=[result.project.pk]))
    assert b"2,827 micro entrepreneurs registered" in response.content
    assert reverse("admin:projects_result_history", args=[result.pk]).encode() in response.content


def test_revert_in_the_admin_brings_back_the_earlier_version_with_its_relations(client, superuser):
    project = ProjectFactory(title="Informal economy in Nepal", countries=["NP"], themes=["informal-economy"])
    project.save()  # a version that holds the relations
    first = project.history.latest()
    project.title = "Renamed by mistake"
    project.save()
    project.countries.set([country("IN")])
    client.force_login(superuser)

    url = reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form["title"].value() == "Informal economy in Nepal"
    assert form["countries"].value() == ["NP"]
    response = client.post(url, form_data(form))
    assert response.status_code == 302, response.content

    project.refresh_from_db()
    assert project.title == "Informal economy in Nepal"
    assert list(project.countries.values_list("code", flat=True)) == ["NP"]
    assert list(project.themes.all()) == [theme("informal-economy")]
    assert project.history.latest().history_user == superuser


def test_an_editor_reverting_keeps_the_records_publication_state(client, editor):
    project = ProjectFactory(publication_status=Status.DRAFT, published_at=None, title="Draft title")
    draft_version = project.history.latest()
    project.publication_status = Status.PUBLISHED
    project.title = "Published title"
    project.save()
    client.force_login(editor)

    url = reverse("admin:projects_project_simple_history", args=[project.pk, draft_version.history_id])
    form = client.get(url).context["adminform"].form
    response = client.post(url, form_data(form))
    assert response.status_code == 302, response.content
    project.refresh_from_db()
    assert project.title == "Draft title"
    assert project.publication_status == Status.PUBLISHED


def test_publishing_from_the_changelist_enters_the_history(client, publisher):
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    client.force_login(publisher)
    client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    latest = draft.history.latest()
    assert latest.publication_status == Status.PUBLISHED
    assert latest.history_user == publisher


def deleted_project_with_everything():
    donor = DonorFactory(slug="japan")
    project = ProjectFactory(
        slug="sse-nepal",
        title="Social and solidarity economy in Nepal",
        budget_usd="1500000.00",
        countries=["NP"],
        themes=["social-solidarity-economy"],
        donors=[donor],
    )
    project.save()  # the version holding its relations
    ResultFactory(project=project, title="2,827 micro entrepreneurs registered", value=2827)
    ParticipantFactory(project=project, role=Participant.Role.IMPLEMENTING)
    event = EventFactory()
    event.projects.add(project)
    return project, event


def test_a_deleted_project_is_listed_and_restored_from_the_admin(client, publisher):
    project, event = deleted_project_with_everything()
    pk = project.pk
    client.force_login(publisher)
    response = client.post(reverse("admin:projects_project_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(pk=pk).exists()
    assert not Result.objects.filter(project_id=pk).exists()

    changelist = client.get(reverse("admin:projects_project_changelist"))
    assert reverse("admin:projects_project_deleted").encode() in changelist.content
    listing = client.get(reverse("admin:projects_project_deleted"))
    assert b"Social and solidarity economy in Nepal" in listing.content
    record = deleted_records(Project).get(id=pk)

    response = client.post(reverse("admin:projects_project_restore", args=[record.history_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_change", args=[pk])

    project = Project.objects.get(pk=pk)
    assert project.title == "Social and solidarity economy in Nepal"
    assert project.budget_usd == Decimal("1500000.00")
    assert project.publication_status == Status.PUBLISHED
    assert list(project.countries.values_list("code", flat=True)) == ["NP"]
    assert list(project.themes.values_list("slug", flat=True)) == ["social-solidarity-economy"]
    assert list(project.donors.values_list("slug", flat=True)) == ["japan"]
    assert list(project.results.values_list("value", flat=True)) == [Decimal("2827")]
    assert project.participants.count() == 1
    assert list(event.projects.all()) == [project]
    restored = project.history.latest()
    assert restored.history_user == publisher
    assert restored.history_change_reason == RESTORED_REASON
    assert not deleted_records(Project).filter(id=pk).exists()


def test_a_deleted_donor_comes_back_with_its_contributions_and_its_links(publisher):
    donor = DonorFactory(name="Japan", slug="japan")
    ContributionFactory(donor=donor, amount_usd="31800000.00")
    project = ProjectFactory(donors=[donor])
    project.save()
    pk = donor.pk
    donor.delete()
    assert not project.donors.exists()

    restore_deleted(deleted_records(Donor).get(id=pk), user=publisher)

    donor = Donor.objects.get(pk=pk)
    assert donor.name == "Japan"
    assert list(donor.contributions.values_list("amount_usd", flat=True)) == [Decimal("31800000.00")]
    assert list(project.donors.all()) == [donor]


def test_a_link_removed_after_the_deletion_is_not_brought_back(publisher):
    donor = DonorFactory()
    project = ProjectFactory(donors=[donor])
    project.save()
    pk = donor.pk
    donor.delete()
    project.title = "Edited since"
    project.save()  # its latest version no longer lists the donor

    restore_deleted(deleted_records(Donor).get(id=pk), user=publisher)
    assert not project.donors.exists()


def test_rows_deleted_on_their_own_long_before_are_not_restored_with_the_record():
    result = ResultFactory(title="Removed earlier")
    result_pk, project = result.pk, result.project
    result.delete()
    Result.history.filter(id=result_pk).update(history_date=timezone.now() - datetime.timedelta(days=1))
    project_pk = project.pk
    project.delete()
    restore_deleted(deleted_records(Project).get(id=project_pk))
    assert Project.objects.filter(pk=project_pk).exists()
    assert not Result.objects.filter(pk=result_pk).exists()


def test_a_record_whose_slug_was_taken_since_is_not_restored(client, publisher):
    project = ProjectFactory(slug="taken")
    pk = project.pk
    project.delete()
    ProjectFactory(slug="taken")
    client.force_login(publisher)
    record = deleted_records(Project).get(id=pk)
    response = client.post(reverse("admin:projects_project_restore", args=[record.history_id]), follow=True)
    assert b"already exists" in response.content
    assert not Project.objects.filter(pk=pk).exists()


def test_an_editor_sees_deleted_records_but_cannot_restore_them(client, editor):
    event = EventFactory(title="Seminar")
    pk = event.pk
    event.delete()
    client.force_login(editor)
    listing = client.get(reverse("admin:events_event_deleted"))
    assert listing.status_code == 200
    assert b"Seminar" in listing.content
    assert b'value="Restore"' not in listing.content
    record = deleted_records(Event).get(id=pk)
    response = client.post(reverse("admin:events_event_restore", args=[record.history_id]))
    assert response.status_code == 403
    assert not Event.objects.filter(pk=pk).exists()


def test_restore_answers_only_to_post(client, publisher):
    contribution = ContributionFactory()
    pk = contribution.pk
    contribution.delete()
    client.force_login(publisher)
    record = deleted_records(Contribution).get(id=pk)
    response = client.get(reverse("admin:donors_contribution_restore", args=[record.history_id]))
    assert response.status_code == 405
    assert not Contribution.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(
    "model, url_name",
    [(Donor, "admin:donors_donor_deleted"), (Result, "admin:projects_result_deleted")],
)
def test_deleted_record_pages_answer(client, superuser, model, url_name):
    client.force_login(superuser)
    response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_loading_the_seed_twice_keeps_working_with_history(seed):
    counts = (Project.objects.count(), Event.objects.count(), Project.history.count())
    call_command("loaddata", "seed", verbosity=0)
    assert (Project.objects.count(), Event.objects.count()) == counts[:2]
