"""The public project page: the record at the precision stored, organisations by role, parent, children
and events, for the public (published only) and for staff (drafts, marked)."""

import datetime

import pytest
from django.urls import reverse

from kernel.publishing import Status
from projects.models import Project
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
    UserFactory,
    sdg,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def informality():
    japan = DonorFactory(slug="japan", name="Japan")
    fund = ProjectFactory(title="Social Safety Nets Fund", kind=Project.Kind.FUND, acronym="SSN Fund")
    project = ProjectFactory(
        title="Way out of Informality",
        slug="way-out-of-informality",
        countries=["BD", "IN", "NP"],
        themes=["informal-economy"],
        donors=[japan],
        status=Project.Status.CLOSED,
        start_date=datetime.date(2012, 1, 1),
        start_precision="year",
        end_date=datetime.date(2017, 12, 31),
        end_precision="year",
        budget_usd="4500000",
        parent=fund,
        description="The project **promoted** formalization.",
    )
    project.sdgs.add(sdg(8))
    ParticipantFactory(
        project=project, organisation=OrganisationFactory(name="Government of Japan"), role="1"
    )
    ParticipantFactory(
        project=project,
        organisation=OrganisationFactory(name="International Labour Organization", acronym="ILO"),
        role="4",
    )
    ResultFactory(
        project=project,
        title="Micro entrepreneurs registered in Nepal",
        value=2827,
        qualifier="more-than",
        unit="micro entrepreneurs",
    )
    ProjectFactory(title="Child project", parent=project)
    ProjectFactory(title="Hidden child", parent=project, publication_status=Status.DRAFT, published_at=None)
    EventFactory(title="Launch seminar").projects.add(project)
    return project


def test_project_page_shows_the_record_at_the_precision_stored(client, informality):
    response = client.get(informality.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Way out of Informality</h1>" in html
    assert "<dd>2012–2017</dd>" in html
    # The IATI status "Closed" in a visitor's words, with the day it was reported.
    assert "<dd>Finished <span" in html
    assert "Closed" not in html
    assert "USD 4.5 million" in html
    for text in ["Bangladesh", "India", "Nepal", "Informal economy and formalization", "SDG 8", "Japan"]:
        assert text in html
    assert 'href="/countries/NP/"' in html  # the country's page
    assert "<strong>promoted</strong>" in html
    # results as figures
    assert '<p class="result__figure">More than 2,827</p>' in html
    assert '<p class="result__unit">micro entrepreneurs</p>' in html


def test_project_page_groups_organisations_by_role(client, informality):
    html = client.get(informality.get_absolute_url()).content.decode()
    funding = html.index("<h3>Funding</h3>")
    implementing = html.index("<h3>Implementing</h3>")
    assert funding < html.index("Government of Japan") < implementing < html.index("(ILO)")


def test_project_page_links_parent_children_and_events(client, informality):
    html = client.get(informality.get_absolute_url()).content.decode()
    assert "Social Safety Nets Fund (SSN Fund)" in html
    assert "Child project" in html
    assert "Hidden child" not in html
    assert "Launch seminar" in html


def test_draft_project_is_404_for_the_public_and_marked_for_staff(client):
    draft = ProjectFactory(title="Draft project", publication_status=Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft — not public" in response.content.decode()


def test_a_project_to_be_published_later_is_still_404(client):
    later = ProjectFactory(published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
    assert client.get(later.get_absolute_url()).status_code == 404


def test_missing_project_is_404(client):
    response = client.get(reverse("projects:detail", args=["no-such-project"]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# ------------------------------------------------------------------ from the seed


def test_seed_fiji_project_names_its_fund(client, seed):
    html = client.get(reverse("projects:detail", args=["resilient-employment-and-livelihoods-fiji"])).content
    html = html.decode()
    assert 'href="/projects/social-safety-nets-fund/"' in html
    assert "since 2016" in html


def test_seed_way_out_of_informality_shows_its_results(client, seed):
    html = client.get(reverse("projects:detail", args=["way-out-of-informality"])).content.decode()
    assert "<dd>2012–2017</dd>" in html
    assert "More than 2,827" in html
    assert "micro entrepreneurs" in html
