"""A record is never its own ancestor, and a tree is at most ten levels deep: one rule, on the model,
refused with the same message naming `parent` by every write path (full_clean, admin form, API,
spreadsheet import, IATI import); and a loop already stored never makes a request run for ever."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from tablib import Dataset

from events.models import Event
from events.resources import EventResource
from kernel.hierarchy import MAX_DEPTH
from organisations.models import Organisation
from organisations.resources import OrganisationResource
from projects.iati import activities_document
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import DonorFactory, EventFactory, OrganisationFactory, ProjectFactory
from tests.rules.forms import at_once, change_form_data

pytestmark = pytest.mark.django_db

LOOP = "would make a loop"
STORED_LOOP = "make a loop; correct their parents first"
TOO_DEEP = f"can be at most {MAX_DEPTH} levels deep"

KINDS = {
    "project": {
        "model": Project,
        "factory": ProjectFactory,
        "resource": ProjectResource,
        "api": "/api/v1/projects/",
        "new": {"title": "New", "slug": "new"},
        "itself": "A project cannot be part of itself",
    },
    "event": {
        "model": Event,
        "factory": EventFactory,
        "resource": EventResource,
        "api": "/api/v1/events/",
        "new": {"title": "New", "slug": "new", "kind": "seminar", "start": "2030-01-01T09:00:00Z"},
        "itself": "An event cannot be part of itself",
    },
    "organisation": {
        "model": Organisation,
        "factory": OrganisationFactory,
        "resource": OrganisationResource,
        "api": "/api/v1/organisations/",
        "new": {"name": "New", "slug": "new", "type": "10", "category": "ministry"},
        "itself": "An organisation cannot be part of itself",
    },
}
each_kind = pytest.mark.parametrize("kind", list(KINDS))


def chain(factory, length):
    """`length` records, each part of the one before: top first."""
    records = [factory()]
    for _ in range(length - 1):
        records.append(factory(parent=records[-1]))
    return records


def stored_loop(kind):
    """Two records each the parent of the other, as an old bug or raw SQL could have left them."""
    model, factory = KINDS[kind]["model"], KINDS[kind]["factory"]
    first, second = factory(), factory()
    model.objects.filter(pk=first.pk).update(parent=second)
    model.objects.filter(pk=second.pk).update(parent=first)
    return first, second


def parent_errors(error):
    return " ".join(error.value.message_dict["parent"])


@each_kind
def test_full_clean_refuses_itself_a_part_of_itself_and_a_tree_too_deep(kind):
    factory = KINDS[kind]["factory"]
    top, middle, bottom = chain(factory, 3)

    top.parent = top
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert parent_errors(error) == f"{KINDS[kind]['itself']}."

    top.parent = bottom
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert KINDS[kind]["itself"] in parent_errors(error) and LOOP in parent_errors(error)

    deepest = chain(factory, MAX_DEPTH)[-1]
    assert deepest.full_clean() is None  # ten levels are fine
    with pytest.raises(ValidationError) as error:
        factory.build(parent=deepest).full_clean()
    assert TOO_DEEP in parent_errors(error)
    # ...and so is putting a tree under another when the two together are too deep.
    top.parent = chain(factory, MAX_DEPTH - 2)[-1]
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert TOO_DEEP in parent_errors(error)


@each_kind
def test_full_clean_under_a_stored_loop_answers_at_once(kind):
    first, _ = stored_loop(kind)
    newcomer = KINDS[kind]["factory"](parent=None)
    newcomer.parent = first
    with at_once(), pytest.raises(ValidationError) as error:
        newcomer.full_clean()
    assert STORED_LOOP in parent_errors(error)


@each_kind
def test_the_admin_form_refuses_a_loop(client, superuser, kind):
    model = KINDS[kind]["model"]
    top, _, bottom = chain(KINDS[kind]["factory"], 3)
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[top.pk])
    client.force_login(superuser)

    response = client.post(url, change_form_data(client.get(url), parent=str(bottom.pk)))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert KINDS[kind]["itself"] in errors["parent"][0] and LOOP in errors["parent"][0]
    top.refresh_from_db()
    assert top.parent is None


@each_kind
def test_the_api_refuses_a_loop_and_a_tree_too_deep(editor_api, kind):
    top, _, bottom = chain(KINDS[kind]["factory"], 3)
    url = KINDS[kind]["api"]

    response = editor_api.patch(f"{url}{top.slug}/", {"parent": bottom.slug}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert KINDS[kind]["itself"] in response.json()["parent"][0] and LOOP in response.json()["parent"][0]

    deepest = chain(KINDS[kind]["factory"], MAX_DEPTH)[-1]
    response = editor_api.post(url, {**KINDS[kind]["new"], "parent": deepest.slug}, format="json")
    assert response.status_code == 400
    assert TOO_DEEP in response.json()["parent"][0]
    assert not KINDS[kind]["model"].objects.filter(slug="new").exists()


@each_kind
def test_an_api_request_on_a_stored_loop_answers_at_once(editor_api, kind):
    first, second = stored_loop(kind)
    newcomer = KINDS[kind]["factory"]()
    url = KINDS[kind]["api"]
    with at_once():
        assert editor_api.get(f"{url}{first.slug}/").json()["parent"] == second.slug
        assert editor_api.get(url).status_code == 200
        # The loop is named for what it is, and an edit that keeps it is refused until it is mended...
        response = editor_api.patch(f"{url}{first.slug}/", {"summary": "Changed"}, format="json")
        assert response.status_code == 400
        assert LOOP in response.json()["parent"][0]
        response = editor_api.patch(f"{url}{newcomer.slug}/", {"parent": first.slug}, format="json")
        assert response.status_code == 400
        assert STORED_LOOP in response.json()["parent"][0]
        # ...which the same request may do.
        response = editor_api.patch(f"{url}{first.slug}/", {"parent": None}, format="json")
        assert response.status_code == 200, response.json()


@each_kind
def test_the_spreadsheet_import_refuses_a_loop(editor, kind):
    top, _, bottom = chain(KINDS[kind]["factory"], 3)
    dataset = Dataset(headers=["slug", "parent"])
    dataset.append([top.slug, bottom.slug])

    result = KINDS[kind]["resource"]().import_data(dataset, dry_run=False, user=editor)

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    message = " ".join(invalid.error_dict["parent"])
    assert KINDS[kind]["itself"] in message and LOOP in message
    top.refresh_from_db()
    assert top.parent is None


def import_iati(path):
    out = io.StringIO()
    call_command("import_iati", str(path), quiet_progress=True, stdout=out)
    return out.getvalue()


def iati_file(tmp_path, projects, parents):
    """An IATI file of `projects` in which each is part of the project `parents` names for it, whatever
    the database holds (which is left as it was)."""
    stored = {project.pk: project.parent_id for project in projects}
    for project in projects:
        Project.objects.filter(pk=project.pk).update(parent=parents.get(project))
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.filter(pk__in=stored).order_by("pk")))
    for pk, parent_id in stored.items():
        Project.objects.filter(pk=pk).update(parent_id=parent_id)
    return path


def test_the_iati_import_leaves_out_a_parent_that_would_make_a_loop(tmp_path):
    fund = ProjectFactory(slug="fund", donors=[DonorFactory()])
    child = ProjectFactory(slug="child", parent=fund)
    path = iati_file(tmp_path, [fund, child], {fund: child})

    out = import_iati(path)

    assert "Created 0, updated 2, skipped 0." in out
    assert f"child as parent left out: {KINDS['project']['itself']}" in out.replace("XM-DAC-41302-", "")
    assert LOOP in out
    fund.refresh_from_db()
    child.refresh_from_db()
    assert (fund.parent, child.parent) == (None, fund)


def test_the_iati_import_under_a_stored_loop_answers_at_once(tmp_path):
    first, _ = stored_loop("project")
    newcomer = ProjectFactory(slug="newcomer")
    path = iati_file(tmp_path, [newcomer], {newcomer: first})

    with at_once():
        out = import_iati(path)

    assert "updated 1" in out and STORED_LOOP in out
    newcomer.refresh_from_db()
    assert newcomer.parent is None


def test_the_pages_show_both_projects_of_a_stored_loop(client):
    first, second = stored_loop("project")
    donor = DonorFactory()
    first.donors.add(donor)
    second.donors.add(donor)
    with at_once():
        assert client.get(first.get_absolute_url()).status_code == 200
        page = client.get(donor.get_absolute_url()).content.decode()
    # A fund heads its projects on the donor's page; in a loop neither heads the other, and neither
    # is lost.
    assert first.title in page and second.title in page
