"""A project's status is true as of the day it was reported: stored with that day, stamped when an
editor gives none or changes the status, and stated by every page when it is not recent ("Ongoing,
as reported in May 2017"). Visitors read plain words; the API and IATI keep the codelist."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kernel.dates import RECENT_DAYS
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

MAY_2017 = datetime.date(2017, 5, 1)


def today():
    return timezone.localdate()


def test_a_new_project_without_a_date_is_reported_today():
    assert ProjectFactory().status_as_of == today()


def test_a_given_date_is_kept():
    assert ProjectFactory(status_as_of=MAY_2017).status_as_of == MAY_2017


def test_changing_the_status_alone_reports_it_today():
    project = Project.objects.get(pk=ProjectFactory(status_as_of=MAY_2017).pk)
    project.status = Project.Status.CLOSED
    project.save()
    assert Project.objects.get(pk=project.pk).status_as_of == today()


def test_changing_the_status_with_its_date_keeps_that_date():
    project = Project.objects.get(pk=ProjectFactory(status_as_of=MAY_2017).pk)
    project.status = Project.Status.CLOSED
    project.status_as_of = datetime.date(2018, 3, 1)
    project.save()
    assert Project.objects.get(pk=project.pk).status_as_of == datetime.date(2018, 3, 1)


def test_other_edits_keep_the_reported_date():
    project = Project.objects.get(pk=ProjectFactory(status_as_of=MAY_2017).pk)
    project.title = "Renamed"
    project.save()
    assert Project.objects.get(pk=project.pk).status_as_of == MAY_2017


def test_a_status_cannot_be_reported_for_a_day_to_come():
    project = ProjectFactory.build(slug="later", status_as_of=today() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "status_as_of" in error.value.message_dict


@pytest.mark.parametrize(
    ("status", "as_of", "statement"),
    [
        (Project.Status.IMPLEMENTATION, MAY_2017, "Ongoing, as reported in May 2017"),
        (Project.Status.IMPLEMENTATION, None, "Ongoing"),  # today
        (Project.Status.PIPELINE, MAY_2017, "Planned, as reported in May 2017"),
        (Project.Status.CLOSED, MAY_2017, "Finished, as reported in May 2017"),
        (Project.Status.FINALISATION, None, "Finishing"),
    ],
)
def test_the_status_in_plain_words_with_its_date_when_not_recent(status, as_of, statement):
    assert ProjectFactory(status=status, status_as_of=as_of).status_statement == statement


def test_a_status_reads_as_current_for_a_year():
    recent = ProjectFactory(status_as_of=today() - datetime.timedelta(days=RECENT_DAYS - 1))
    old = ProjectFactory(status_as_of=today() - datetime.timedelta(days=RECENT_DAYS + 1))
    assert recent.status_statement == "Ongoing"
    assert old.status_statement.startswith("Ongoing, as reported in ")
    assert list(Project.objects.reported_recently()) == [recent]
    assert list(Project.objects.reported_earlier()) == [old]


def test_card_and_page_say_when_the_status_was_reported(client):
    project = ProjectFactory(title="Fiji livelihoods", status_as_of=MAY_2017)
    listing = client.get(reverse("projects:list")).content.decode()
    assert "Ongoing, as reported in May 2017" in listing
    assert "Implementation" not in listing
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Ongoing, as reported in May 2017" in page
    assert '<time datetime="2017-05-01">in May 2017</time>; it may have changed since' in page
    assert "Implementation" not in page


def test_a_finished_project_does_not_say_it_may_have_changed(client):
    project = ProjectFactory(status=Project.Status.CLOSED, status_as_of=MAY_2017)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Finished, as reported in May 2017" in page
    assert "may have changed" not in page


def test_the_status_facet_speaks_plain_words_over_the_codes(client):
    ProjectFactory(status=Project.Status.IMPLEMENTATION)
    ProjectFactory(status=Project.Status.CLOSED)
    response = client.get(reverse("projects:list"), {"status": "4"})
    groups = {group.name: group for group in response.context["facet_groups"]}
    assert {(option.value, option.label) for option in groups["status"].options} == {
        ("2", "Ongoing"),
        ("4", "Finished"),
    }
    assert [chip.value_label for chip in response.context["active_filters"]] == ["Finished"]


def test_the_api_keeps_the_code_and_gives_the_date(client):
    ProjectFactory(slug="fiji", status_as_of=MAY_2017)
    data = client.get("/api/v1/projects/fiji/", HTTP_ACCEPT="application/json").json()
    assert data["status"] == "2"
    assert data["status_as_of"] == "2017-05-01"


def test_an_unknown_budget_is_not_shown(client):
    unknown = ProjectFactory(budget_usd=None)
    known = ProjectFactory(budget_usd="4500000")
    assert "Budget" not in client.get(unknown.get_absolute_url()).content.decode()
    assert "<dt>Budget</dt><dd>USD 4.5 million</dd>" in client.get(known.get_absolute_url()).content.decode()


def test_the_seed_project_lists_its_results_once(client, seed):
    html = client.get("/projects/way-out-of-informality/").content.decode()
    assert html.count("2,827") == 1
    assert html.count("made eligible to access social security") == 1
    assert "Its results include" not in html


def test_the_seed_statuses_are_dated_by_their_source(seed):
    dates = dict(Project.objects.values_list("slug", "status_as_of"))
    assert dates["social-safety-nets-fund"] == MAY_2017
    assert dates["strengthening-sse-in-asia"] == datetime.date(2022, 12, 14)
    assert set(dates.values()) == {MAY_2017, datetime.date(2022, 12, 14)}


def test_the_api_refuses_a_status_reported_for_a_day_to_come(editor):
    from tests.api.conftest import client_for

    ProjectFactory(slug="fiji", status_as_of=MAY_2017)
    api = client_for(editor)
    later = (today() + datetime.timedelta(days=3)).isoformat()
    answer = api.patch("/api/v1/projects/fiji/", {"status_as_of": later}, format="json")
    assert answer.status_code == 400
    assert "status_as_of" in answer.json()
    assert Project.objects.get(slug="fiji").status_as_of == MAY_2017
    answer = api.patch("/api/v1/projects/fiji/", {"status": "4"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status_as_of"] == today().isoformat()
