"""No query in a loop on the pages: the project, event and donor lists, the project, event, donor and
organisation pages and the home page each take no more queries for 50 rows than the ceiling they
have for 3."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from donors.views import DonorDetailView
from events.models import Organiser, Speaker
from projects.models import Participant
from tests.factories import (
    BudgetFactory,
    ContributionFactory,
    DonorFactory,
    EventFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SpeakerFactory,
    TransactionFactory,
    sdg,
    theme,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_history")]

PROJECT_LIST = reverse("projects:list")
EVENT_LIST = reverse("events:list")
DONOR_LIST = reverse("donors:list")


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


# ------------------------------------------------------------------ projects


def make_projects(count):
    japan = DonorFactory()
    for n in range(count):
        project = ProjectFactory(countries=["NP", "IN"], themes=["informal-economy"], donors=[japan])
        project.sdgs.add(sdg(8))
        # The funding charts sum budgets and transactions of many years: GROUP BY, not a loop.
        BudgetFactory(
            project=project,
            period_start=datetime.date(2000 + n, 1, 1),
            period_end=datetime.date(2000 + n, 12, 31),
        )
        TransactionFactory(project=project, date=datetime.date(2000 + n, 6, 1))
        if n % 2:
            project.parent = ProjectFactory(title=f"Parent {n}")
            project.save()


@pytest.mark.parametrize("count", [3, 50])
def test_list_queries_do_not_grow_with_the_number_of_projects(client, count, django_assert_max_num_queries):
    make_projects(count)
    # 25 for the list, 6 for its funding charts (by year: budgets, transactions; by theme, region
    # (the regions, then their sums) and SDG), 1 for the map: it reuses the country facet's counts,
    # and the countries' names are read once per change. Facets and charts are counted per slice of
    # projects (kernel.versioning): the slices' tokens and the last slice are read once per request.
    # The facets not filtered on (donor, region, SDG, status) count the list's own rows: no second
    # FilterSet reads the chosen country and theme again for each.
    with django_assert_max_num_queries(32):
        response = client.get(f"{PROJECT_LIST}?country=NP&theme=informal-economy")
    assert response.context["result_count"] == count
    assert len(response.context["charts"][0].groups) == count  # a year per project's budget


def make_project_page(count):
    project = ProjectFactory(countries=["NP"], parent=ProjectFactory())
    project.donors.set(DonorFactory.create_batch(count))
    for n in range(count):
        ParticipantFactory(project=project, role=Participant.Role.IMPLEMENTING if n % 2 else "1")
        ResultFactory(project=project, country_id="NP")
        ProjectFactory(parent=project, countries=["IN"])
        EventFactory().projects.add(project)
        # Its money and indicators: a table, a chart by year, an indicator chart.
        BudgetFactory(
            project=project,
            period_start=datetime.date(1970 + n, 1, 1),
            period_end=datetime.date(1970 + n, 12, 31),
        )
        TransactionFactory(
            project=project,
            date=datetime.date(1970 + n, 6, 1),
            provider=OrganisationFactory(),
            receiver=OrganisationFactory(),
        )
        IndicatorPeriodFactory(indicator=IndicatorFactory(result=ResultFactory(project=project)))
    return project


@pytest.mark.parametrize("count", [3, 50])
def test_project_page_queries_do_not_grow_with_related_rows(client, count, django_assert_max_num_queries):
    project = make_project_page(count)
    # 16 for the page, 8 for its money and results: budgets, transactions, their providers and
    # receivers, indicators, their periods, and the two sums by year; 1 for the slices' tokens, under
    # which its map is kept through an edit of another project (`remember_unsliced`).
    with django_assert_max_num_queries(25):
        response = client.get(project.get_absolute_url())
    assert len(response.context["project"].children.all()) == count


# ------------------------------------------------------------------ events


@pytest.mark.parametrize("count", [3, 50])
def test_event_list_queries_do_not_grow(client, count, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    for _ in range(count):
        event = EventFactory(country_id="JP")
        event.themes.add(theme("green-jobs"))
        Organiser.objects.create(event=event, organisation=organisation)
    with django_assert_max_num_queries(30):
        response = client.get(f"{EVENT_LIST}?country=JP&theme=green-jobs")
    assert response.context["result_count"] == count


@pytest.mark.parametrize("count", [3, 50])
def test_event_page_queries_do_not_grow(client, count, django_assert_max_num_queries):
    event = EventFactory(country_id="JP", parent=EventFactory())
    for n in range(count):
        SpeakerFactory(event=event, role=Speaker.Role.PRESENTATION, organisation=OrganisationFactory())
        OrganiserFactory(event=event)
        event.projects.add(ProjectFactory())
        event.donors.add(DonorFactory())
        event.themes.add(theme(["green-jobs", "child-labour", "informal-economy"][n % 3]))
        EventFactory(parent=event)
    with django_assert_max_num_queries(14):
        response = client.get(event.get_absolute_url())
    assert len(response.context["event"].speakers.all()) == count


# ------------------------------------------------------------------ donors and organisations


@pytest.mark.parametrize("count", [3, 50])
def test_donor_list_queries_do_not_grow(client, count, django_assert_max_num_queries):
    for _ in range(count):
        donor = DonorFactory(country_id="JP")
        ProjectFactory(donors=[donor])
        EventFactory().donors.add(donor)
    with django_assert_max_num_queries(12):
        response = client.get(f"{DONOR_LIST}?region=asia-pacific")
    assert response.context["result_count"] == count


@pytest.mark.parametrize("count", [3, 50])
def test_profile_queries_do_not_grow(client, count, django_assert_max_num_queries):
    donor = DonorFactory(country_id="JP")
    fund = ProjectFactory(donors=[donor], countries=["NP"])
    for n in range(count):
        ContributionFactory(donor=donor, year_from=1990 + n, year_to=1990 + n, channel=OrganisationFactory())
        PriorityAreaFactory(donor=donor)
        OdaFigureFactory(donor=donor, year=1960 + n)
        ProjectFactory(donors=[donor], countries=["IN"], parent=fund if n % 2 else None)
        EventFactory(country_id="JP").donors.add(donor)
        OrganisationFactory(donor=donor, country_id="JP")
    for url in (donor.get_absolute_url(), reverse("donors:fact_sheet", args=[donor.slug])):
        # The profile's map: its projects per country, the countries' names and the slices' tokens
        # (its drawing is kept by its figures through an edit of a project): one query each.
        with django_assert_max_num_queries(19):
            response = client.get(url)
        # The profile shows the latest events and counts them all.
        assert len(response.context["events"]) == min(count, DonorDetailView.events_shown)
        assert response.context["event_count"] == count
        assert response.context["project_count"] == count + 1


@pytest.mark.parametrize("count", [3, 50])
def test_organisation_pages_queries_do_not_grow(client, count, django_assert_max_num_queries):
    organisation = OrganisationFactory(parent=OrganisationFactory(), donor=DonorFactory())
    for _ in range(count):
        OrganisationFactory(parent=organisation, country_id="JP")
        ParticipantFactory(organisation=organisation, project=ProjectFactory(countries=["NP", "IN"]))
        OrganiserFactory(organisation=organisation)
        ContributionFactory(channel=organisation, year_from=2000 + _, year_to=2000 + _)
    # Three for the map: its projects per country, the countries' names and the slices' tokens.
    with django_assert_max_num_queries(13):
        response = client.get(organisation.get_absolute_url())
    assert len(response.context["world_map"].table) == 2
    with django_assert_max_num_queries(14):
        response = client.get(reverse("organisations:list"))
    assert response.context["result_count"] == 2 + count


# ------------------------------------------------------------------ home


@pytest.mark.parametrize("count", [3, 50])
def test_home_queries_do_not_grow(client, count, django_assert_max_num_queries):
    for n in range(count):
        donor = DonorFactory(featured=True)
        project = ProjectFactory(countries=["NP"], donors=[donor], themes=["green-jobs"])
        BudgetFactory(
            project=project,
            period_start=datetime.date(2000 + n, 1, 1),
            period_end=datetime.date(2000 + n, 12, 31),
        )
        TransactionFactory(project=project)
        EventFactory(start=days(5))
        EventFactory(start=days(-5))
    # Eleven to build the page (the map's countries' names among them), six for its funding charts,
    # and the content version its figures are kept under: read it, then, once after a change, find
    # and store the next scheduled publication; the funding charts and the map are summed per slice of
    # projects (kernel.versioning): the slices' tokens and the last slice, once per request.
    with django_assert_max_num_queries(22):
        client.get("/")
    with django_assert_max_num_queries(1):
        response = client.get("/")  # the figures come from the cache until content changes
    assert response.context["donor_count"] == count
    assert response.context["world_map"].table[0].value == count
