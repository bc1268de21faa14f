"""The dataset of tests/perf/test_query_counts.py: the records each detail address shows, and units of
rows grown around and beside them."""

import datetime
import itertools
from types import SimpleNamespace

from django.utils import timezone

from events.models import Organiser
from kernel.publishing import Status
from projects.models import Participant, Project, Transaction
from tests.factories import (
    BudgetFactory,
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PersonFactory,
    PlannedDisbursementFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SpeakerFactory,
    TransactionFactory,
    country,
    region,
    sdg,
    theme,
)

SMALL = 1  # units of data for the first count
LARGE = 5  # units for the second: five times the rows, and more related rows per row
SEARCH_WORD = "solidarity"

COUNTRIES = ["NP", "IN", "BD", "VN", "KH", "PH", "ID", "TH"]
THEMES = ["informal-economy", "social-solidarity-economy", "green-jobs", "child-labour", "social-protection"]
REGIONS = ["asia-pacific", "africa", "americas"]


# The dataset


def build_world():
    """The records each detail address shows; `grow` adds rows around them and beside them."""
    japan = DonorFactory(
        slug="japan",
        name="Japan",
        summary="Social and solidarity economy",
        country=country("JP"),
        featured=True,
    )
    ministry = OrganisationFactory(
        slug="ministry", name="Solidarity ministry", country=country("JP"), donor=japan
    )
    flagship = ProjectFactory(
        slug="flagship",
        title="Flagship fund",
        kind=Project.Kind.FUND,
        summary="Social and solidarity economy",
        countries=["NP"],
        themes=["informal-economy"],
        donors=[japan],
    )
    seminar = EventFactory(
        slug="seminar", title="Solidarity seminar", country=country("JP"), precision="time", start=past(10)
    )
    seminar.donors.add(japan)
    seminar.themes.add(theme("informal-economy"))
    seminar.projects.add(flagship)
    speaker = PersonFactory(slug="speaker", name="Speaker Person", organisation=ministry)
    SpeakerFactory(event=seminar, person=speaker, organisation=ministry, order=0)
    contribution = ContributionFactory(donor=japan, channel=ministry, year_from=1990, year_to=1991)
    ExchangeRateFactory(currency="EUR", day=datetime.date(2015, 1, 1))
    transaction = TransactionFactory(project=flagship, provider=ministry, currency="EUR")
    world = SimpleNamespace(
        japan=japan,
        ministry=ministry,
        flagship=flagship,
        seminar=seminar,
        speaker=speaker,
        contribution=contribution,
        transaction=transaction,
        units=0,
        donors=[japan],
        organisations=[ministry],
        projects=[flagship],
        events=[seminar],
    )
    grow(world, SMALL)
    return world


def past(days):
    return timezone.now() - datetime.timedelta(days=days)


def pick(values, index, how_many):
    """`how_many` values starting at `index`, wrapping around."""
    return list(itertools.islice(itertools.cycle(values), index, index + how_many))


def grow(world, units):
    """Add `units` units of data: each a donor, an organisation, a person, three projects (a child
    of the flagship fund, a project of its own, a draft child of the fund) and three events (a side
    event of the seminar, an upcoming event, a draft side event), with participants, results,
    organisers, speakers and contributions. Later units relate each row to more countries, themes
    and SDGs."""
    for _ in range(units):
        i = world.units = world.units + 1
        spread = 1 + i % 3  # 1, 2 or 3 related rows per relation, varying by unit
        donor = DonorFactory(
            summary="Social and solidarity economy",
            country=country(COUNTRIES[i % len(COUNTRIES)]),
            featured=True,
        )
        PriorityAreaFactory(donor=donor)
        PriorityAreaFactory(donor=world.japan)
        OdaFigureFactory(donor=world.japan, year=2000 + i)
        organisation = OrganisationFactory(
            name=f"Solidarity cooperative {i}",
            parent=world.ministry,
            donor=world.japan,
            country=country(COUNTRIES[i % len(COUNTRIES)]),
        )
        person = PersonFactory(organisation=organisation)
        ContributionFactory(donor=world.japan, channel=organisation, year_from=2000 + i, year_to=2000 + i)
        ContributionFactory(donor=donor, channel=world.ministry, year_from=2000 + i, year_to=2001 + i)

        projects = []
        for parent, status in (
            (world.flagship, Status.PUBLISHED),
            (None, Status.PUBLISHED),
            (world.flagship, Status.DRAFT),
        ):
            project = ProjectFactory(
                parent=parent,
                publication_status=status,
                summary="Social and solidarity economy",
                countries=pick(COUNTRIES, i, spread + 1),
                themes=pick(THEMES, i, spread),
                donors=[world.japan, donor],
            )
            project.regions.set(region(slug) for slug in pick(REGIONS, i, spread))
            project.sdgs.set(sdg(number) for number in pick(range(1, 18), i, spread + 1))
            ParticipantFactory(project=project, organisation=organisation)
            ParticipantFactory(project=project, organisation=world.ministry, role=Participant.Role.FUNDING)
            ResultFactory.create_batch(
                spread, project=project, country=country(COUNTRIES[i % len(COUNTRIES)])
            )
            # Money over time: a budget and transactions (one through the unit's organisation, in
            # euros), and an indicator with a period.
            BudgetFactory(project=project, currency="EUR")
            TransactionFactory(project=project, provider=organisation, currency="EUR")
            TransactionFactory(project=project, kind=Transaction.Kind.EXPENDITURE, receiver=organisation)
            PlannedDisbursementFactory(project=project, provider=organisation)
            IndicatorPeriodFactory(indicator=IndicatorFactory(result=project.results.first()))
            projects.append(project)
        ParticipantFactory(project=world.flagship, organisation=organisation, role=Participant.Role.FUNDING)
        ResultFactory(project=world.flagship, country=country("NP"))
        TransactionFactory(
            project=world.flagship, provider=organisation, date=datetime.date(2016, 1, i % 28 + 1)
        )

        events = []
        for parent, start, status in (
            (world.seminar, past(i), Status.PUBLISHED),
            (None, past(-i - 1), Status.PUBLISHED),
            (world.seminar, past(-i - 1), Status.DRAFT),
        ):
            event = EventFactory(
                parent=parent,
                start=start,
                publication_status=status,
                summary="Social and solidarity economy",
                country=country(COUNTRIES[i % len(COUNTRIES)]),
                precision="time" if i % 2 else "day",
            )
            event.themes.set(theme(slug) for slug in pick(THEMES, i, spread))
            event.donors.set([world.japan, donor])
            event.projects.set([world.flagship, *projects[: spread - 1]])
            OrganiserFactory(event=event, organisation=organisation)
            OrganiserFactory(event=event, organisation=world.ministry, role=Organiser.Role.HOST)
            SpeakerFactory(event=event, person=person, organisation=organisation)
            SpeakerFactory(event=event, person=world.speaker, organisation=world.ministry)
            events.append(event)
        OrganiserFactory(event=world.seminar, organisation=organisation)
        SpeakerFactory(event=world.seminar, person=person, organisation=organisation)

        world.donors.append(donor)
        world.organisations.append(organisation)
        world.projects += projects[:2]
        world.events += events[:2]
        world.newest = SimpleNamespace(
            donor=donor,
            organisation=organisation,
            person=person,
            projects=projects[:2],
            events=events[:2],
            drafts=[projects[2], events[2]],
        )
