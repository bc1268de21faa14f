"""One version per save, listing every field, relation and part that changed; revert of the record with
its parts, logged as a revert; no phantom changes; the editor's change note."""

import datetime
import re
from decimal import Decimal

import pytest
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from kernel import services, versioning, versions
from kernel.models import ContentVersion
from kernel.publishing import Status
from projects.models import Project, Result
from tests.factories import (
    DonorFactory,
    EventFactory,
    ParticipantFactory,
    PersonFactory,
    ProjectFactory,
    ResultFactory,
    country,
    sdg,
    theme,
)

pytestmark = pytest.mark.django_db


def bound_data(form):
    """What a browser posts back for a form as it was rendered (prefixed names included)."""
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if value is None:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{bound.html_name}_{index}"] = str(part)
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def page_data(response):
    """The admin change page's form and inline formsets, as a browser would post them unchanged."""
    data = bound_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(bound_data(formset.management_form))
        for form in formset.forms:
            data.update(bound_data(form))
    return data


def change_page(client, project):
    url = reverse("admin:projects_project_change", args=[project.pk])
    return url, client.get(url)


def versions_of(record):
    return list(record.history.order_by("history_date", "history_id"))


def project_with_parts():
    project = ProjectFactory(title="Informal economy in Nepal", countries=["NP"], themes=["informal-economy"])
    ResultFactory(project=project, title="2,827 micro entrepreneurs registered", value=2827)
    ResultFactory(project=project, title="40 cooperatives formed", value=40)
    ParticipantFactory(project=project)
    project.history.all().delete()
    services.save_record(project, user=None)  # one version that holds it all
    return project


# -- one version per save ------------------------------------------------------------------------


def test_creating_a_project_through_the_api_makes_one_version_with_its_relations(client, publisher):
    client.force_login(publisher)
    response = client.post(
        "/api/v1/projects/",
        {
            "title": "Green jobs",
            "slug": "green-jobs",
            "countries": ["NP", "IN"],
            "themes": ["informal-economy"],
            "sdgs": [8],
            "results": [{"title": "300 jobs", "value": "300"}],
            "change_note": "From the 2023 annual report",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    project = Project.objects.get(slug="green-jobs")
    (version,) = versions_of(project)
    assert version.history_type == "+"
    assert version.history_user == publisher
    assert version.history_change_reason == "From the 2023 annual report"
    assert {row.country_id for row in version.countries.all()} == {"NP", "IN"}
    assert [row.sdg_id for row in version.sdgs.all()] == [sdg(8).pk]
    assert "change_note" not in response.json()


def test_an_admin_save_of_fields_relations_and_parts_is_one_version_listing_them_all(client, publisher):
    project = project_with_parts()
    client.force_login(publisher)
    url, page = change_page(client, project)
    data = page_data(page)
    data["title"] = "Informal economy in Nepal and India"
    data["countries"] = ["NP", "IN"]
    data["themes"] = [str(theme("informal-economy").pk)]
    results = project.results.order_by("pk")
    prefixes = {
        int(data[key]): key.removesuffix("-id") for key in data if re.fullmatch(r"results-\d+-id", key)
    }
    data[f"{prefixes[results[0].pk]}-value"] = "3000"
    data[f"{prefixes[results[1].pk]}-DELETE"] = "on"
    data["change_note"] = "Figures from the final report"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    first, second = versions_of(project)
    assert second.history_type == "~"
    assert second.history_user == publisher
    assert second.history_change_reason == "Figures from the final report"

    history = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    content = history.content.decode()
    assert "Informal economy in Nepal and India" in content
    assert "Figures from the final report" in content
    assert "Result removed: “40 cooperatives formed”" in content
    assert re.search(r"Result “2,827 micro entrepreneurs registered”: value 2827(\.0+)? → 3000", content)
    assert "India" in content  # the countries that changed
    assert ">None<" not in content.replace(" ", "")


def test_saving_unchanged_in_the_admin_adds_no_version(client, publisher):
    project = project_with_parts()
    client.force_login(publisher)
    url, page = change_page(client, project)
    response = client.post(url, page_data(page))
    assert response.status_code == 302
    assert len(versions_of(project)) == 1


def test_a_note_alone_is_kept_as_a_version(client, publisher):
    project = project_with_parts()
    client.force_login(publisher)
    url, page = change_page(client, project)
    client.post(url, {**page_data(page), "change_note": "Checked against the 2017 brochure"})
    latest = project.history.latest()
    assert latest.history_change_reason == "Checked against the 2017 brochure"


def test_a_change_note_longer_than_the_history_keeps_is_refused(client, publisher):
    project = project_with_parts()
    client.force_login(publisher)
    url, page = change_page(client, project)
    response = client.post(url, {**page_data(page), "title": "Changed", "change_note": "x" * 101})
    assert response.status_code == 200
    assert "change_note" in response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.title == "Informal economy in Nepal"


def test_after_a_bulk_publish_an_unchanged_save_changes_nothing(client, publisher):
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    client.force_login(publisher)
    client.post(
        reverse("admin:projects_project_changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.published_at.microsecond == 0
    count = draft.history.count()
    url, page = change_page(client, draft)
    assert client.post(url, page_data(page)).status_code == 302
    assert draft.history.count() == count


def test_a_stored_time_with_microseconds_is_kept_by_an_unchanged_form(client, publisher):
    project = ProjectFactory()
    moment = timezone.now().replace(microsecond=123456) - datetime.timedelta(days=1)
    Project.objects.filter(pk=project.pk).update(published_at=moment)
    project.history.update(published_at=moment)
    client.force_login(publisher)
    url, page = change_page(client, project)
    assert client.post(url, {**page_data(page), "title": "Retitled"}).status_code == 302
    project.refresh_from_db()
    assert project.published_at == moment
    latest = project.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["title"]


def test_replacing_parts_alone_is_one_version_of_the_record(publisher):
    project = project_with_parts()
    services.replace_parts(project, parts={"results": [{"title": "Only one", "value": 1}]}, user=publisher)
    first, second = versions_of(project)
    assert second.history_type == "~" and second.history_user == publisher


# -- revert ---------------------------------------------------------------------------------------


def test_revert_brings_back_a_deleted_part_and_removes_one_added_since(client, publisher):
    project = project_with_parts()
    version = project.history.latest()
    kept, deleted = project.results.order_by("pk")
    deleted_pk = deleted.pk
    kept_participant = project.participants.get()
    deleted._history_user = publisher
    deleted.delete()
    services.replace_parts(
        project,
        parts={"results": [{"title": kept.title, "value": 1}, {"title": "Added later", "value": 5}]},
        user=publisher,
    )
    with versions.one_version(project, user=publisher):  # one save of the record and its countries
        project.title = "Renamed"
        services.save_record(project, user=publisher)
        project.countries.set([country("IN")])
    assert not Result.objects.filter(pk=deleted_pk).exists()

    client.force_login(publisher)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    page = client.get(url)
    assert "Result added: “40 cooperatives formed”".encode() in page.content
    assert "Result removed: “Added later”".encode() in page.content
    response = client.post(url, bound_data(page.context["adminform"].form))
    assert response.status_code == 302, response.content
    assert response["Location"] == reverse("admin:projects_project_change", args=[project.pk])

    project.refresh_from_db()
    assert project.title == "Informal economy in Nepal"
    assert list(project.countries.values_list("code", flat=True)) == ["NP"]
    results = {result.pk: (result.title, result.value) for result in project.results.all()}
    assert results == {
        kept.pk: ("2,827 micro entrepreneurs registered", Decimal("2827")),
        deleted_pk: ("40 cooperatives formed", Decimal("40")),
    }
    assert list(project.participants.all()) == [kept_participant]

    latest = project.history.latest()
    when = timezone.localtime(version.history_date).strftime("%-d %b %Y %H:%M")
    assert latest.history_change_reason == f"Reverted to the version of {when} by the system"
    assert latest.history_user == publisher
    assert project.history.filter(history_date__gt=version.history_date).count() == 3  # 2 edits, revert


def test_revert_names_the_author_of_the_version_and_keeps_the_note(client, publisher, superuser):
    project = ProjectFactory(title="First")
    project.title = "By the superuser"
    services.save_record(project, user=superuser)
    version = project.history.latest()
    project.title = "Later"
    services.save_record(project, user=publisher)
    client.force_login(publisher)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    client.post(url, {**bound_data(form), "change_note": "Wrong figures"})
    reason = project.history.latest().history_change_reason
    assert reason.startswith("Reverted to the version of ")
    assert reason.endswith(f"by {superuser.username}: Wrong figures")
    history = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert reason.encode() in history.content


def test_revert_that_would_delete_a_part_needs_its_delete_permission(client, editor):
    project = project_with_parts()
    version = project.history.latest()
    ResultFactory(project=project, title="Added later")
    client.force_login(editor)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    response = client.post(url, {**bound_data(form), "title": "Changed by the revert"}, follow=True)
    assert b"Nothing was reverted" in response.content
    assert b"projects.delete_result" in response.content
    project.refresh_from_db()
    assert project.title == "Informal economy in Nepal"
    assert project.results.filter(title="Added later").exists()


def test_a_view_only_user_cannot_revert(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_project"))
    project = ProjectFactory(title="First")
    version = project.history.latest()
    project.title = "Second"
    project.save()
    client.force_login(viewer)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    response = client.post(url, {"title": "First"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title == "Second"


def test_revert_service_restores_an_event_with_its_speakers(publisher):
    event = EventFactory(title="Seminar")
    person = PersonFactory()
    services.replace_parts(
        event, parts={"speakers": [{"person": person, "role": "keynote", "order": 1}]}, user=publisher
    )
    version = event.history.latest()
    speaker = event.speakers.get()
    services.replace_parts(event, parts={"speakers": []}, user=publisher)
    assert not event.speakers.exists()
    services.revert(version, user=publisher)
    assert list(event.speakers.values_list("pk", flat=True)) == [speaker.pk]


def test_a_donor_comes_back_with_its_contributions(publisher):
    donor = DonorFactory(name="Japan")
    services.replace_parts(
        donor,
        parts={
            "contributions": [
                {"kind": "assessed", "amount_usd": "1000", "year_from": 2012, "year_to": 2017, "slug": "c-1"}
            ]
        },
        user=publisher,
    )
    version = donor.history.latest()
    services.replace_parts(donor, parts={"contributions": []}, user=publisher)
    services.revert(version, user=publisher)
    assert donor.contributions.count() == 1


def test_a_revert_renews_the_content_version(publisher):
    project = ProjectFactory(title="First")
    version = project.history.latest()
    project.title = "Second"
    services.save_record(project, user=publisher)
    before = versioning.content_version()  # read: the next change must write a new one
    services.revert(version, user=publisher)
    assert ContentVersion.objects.values_list("token", flat=True).get() != before
    project.refresh_from_db()
    assert project.title == "First"


def test_a_version_whose_part_refers_to_a_deleted_record_is_not_reverted_and_nothing_changes(
    client, publisher
):
    project = project_with_parts()
    version = project.history.latest()
    participant = project.participants.get()
    organisation = participant.organisation
    services.replace_parts(project, parts={"participants": []}, user=publisher)
    organisation.delete()
    project.title = "Changed since"
    services.save_record(project, user=publisher)
    client.force_login(publisher)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    response = client.post(url, bound_data(form), follow=True)
    assert b"Nothing was reverted" in response.content
    project.refresh_from_db()
    assert project.title == "Changed since"
    assert not project.participants.exists()


def test_reverting_a_deleted_record_sends_to_the_deleted_list(client, publisher):
    project = ProjectFactory()
    version = project.history.latest()
    pk = project.pk
    project.delete()
    client.force_login(publisher)
    url = reverse("admin:projects_project_simple_history", args=[pk, version.history_id])
    response = client.post(url, {"title": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_deleted")
    assert not Project.objects.filter(pk=pk).exists()


def test_a_models_history_manager_class_is_built_once():
    """simple-history built it on every `instance.history` (a tenth of an import's time); the
    manager still answers for its own record."""
    from django.apps import apps

    from kernel.versions import OnceBuiltHistoryDescriptor, is_tracked

    tracked = [model for model in apps.get_models() if is_tracked(model)]
    assert tracked
    for model in tracked:
        descriptor = vars(model)[model._meta.simple_history_manager_attribute]
        assert isinstance(descriptor, OnceBuiltHistoryDescriptor), model
    first, second = ProjectFactory(), ProjectFactory()
    assert type(first.history) is type(second.history)
    assert [version.id for version in first.history.all()] == [first.pk]
    assert {version.id for version in Project.history.all()} == {first.pk, second.pk}
