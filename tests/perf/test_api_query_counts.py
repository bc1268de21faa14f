"""No query in a loop in the API: a list or a detail costs the same number of queries for 3 rows as for
50, and the IATI activities file the same for 3 projects as for 12."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.versioning import content_version
from projects.iati import activities_document
from projects.models import ExchangeRate, Project
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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached", "without_history")]

# Generous ceilings; what matters is that they do not grow with the rows.
MAX_LIST_QUERIES = 12
MAX_DETAIL_QUERIES = 16
# A project's detail also reads its money and results in IATI's terms: budgets, planned disbursements
# and transactions, the providers and receivers of both as the reader may see them, and its results'
# indicators and their periods (one query each).
MAX_DETAIL_QUERIES_OF = {"projects": MAX_DETAIL_QUERIES + 9}


def count_queries(client, url, **query):
    cache.clear()  # cold: the counts kept per content version are computed again
    content_version()  # but the version itself settled (its check runs once per change, not per row)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def rich_project(japan, org):
    project = ProjectFactory(countries=["NP", "IN"], themes=["informal-economy"], donors=[japan])
    project.regions.add(region("asia-pacific"))
    project.sdgs.add(sdg(8))
    return project


def make_projects(n, japan, org):
    return [rich_project(japan, org) for _ in range(n)]


def make_events(n, japan, org):
    events = []
    for _ in range(n):
        event = EventFactory(country=country("JP"))
        event.themes.add(theme("social-solidarity-economy"))
        event.donors.add(japan)
        OrganiserFactory(event=event, organisation=OrganisationFactory())
        events.append(event)
    return events


LISTS = {
    "projects": make_projects,
    "events": make_events,
    "donors": lambda n, japan, org: DonorFactory.create_batch(n, country=country("JP")),
    "contributions": lambda n, japan, org: ContributionFactory.create_batch(n, donor=japan, channel=org),
    "organisations": lambda n, japan, org: OrganisationFactory.create_batch(
        n, country=country("JP"), donor=japan, parent=org
    ),
    "people": lambda n, japan, org: PersonFactory.create_batch(n, organisation=org),
    "themes": lambda n, japan, org: None,
    "countries": lambda n, japan, org: None,
    "transactions": lambda n, japan, org: [
        TransactionFactory(project=rich_project(japan, org), provider=org, receiver=org, currency="EUR")
        for _ in range(n)
    ],
    "budgets": lambda n, japan, org: [
        BudgetFactory(project=rich_project(japan, org), currency="EUR") for _ in range(n)
    ],
    "exchange-rates": lambda n, japan, org: [
        ExchangeRateFactory(
            day=datetime.date(1950, 1, 1) + datetime.timedelta(days=ExchangeRate.objects.count())
        )
        for _ in range(n)
    ],
}


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_list_queries_do_not_grow_with_rows(api, editor_api, name, fmt):
    japan = DonorFactory(slug="japan")
    org = OrganisationFactory(slug="ministry")
    url = f"/api/v1/{name}/"
    LISTS[name](3, japan, org)
    few = count_queries(api, url, page_size=100, format=fmt)
    staff_few = count_queries(editor_api, url, page_size=100, format=fmt)
    LISTS[name](47, japan, org)
    assert count_queries(api, url, page_size=100, format=fmt) == few
    assert count_queries(editor_api, url, page_size=100, format=fmt) == staff_few
    assert few <= MAX_LIST_QUERIES


def project_with_parts(n, japan):
    project = rich_project(japan, None)
    for index in range(n):
        ParticipantFactory(project=project, organisation=OrganisationFactory(country=country("NP")))
        result = ResultFactory(project=project, country=country("NP"))
        IndicatorPeriodFactory(indicator=IndicatorFactory(result=result))
        BudgetFactory(project=project, currency="EUR", period_start=datetime.date(1950 + index, 1, 1))
        PlannedDisbursementFactory(
            project=project, provider=OrganisationFactory(), receiver=OrganisationFactory()
        )
        TransactionFactory(project=project, provider=OrganisationFactory(), receiver=OrganisationFactory())
        ProjectFactory(parent=project)
        EventFactory().projects.add(project)
    return project


def event_with_parts(n, japan):
    event = EventFactory(country=country("JP"))
    event.donors.add(japan)
    for _ in range(n):
        OrganiserFactory(event=event, organisation=OrganisationFactory())
        SpeakerFactory(event=event, organisation=OrganisationFactory())
        EventFactory(parent=event)
        event.projects.add(ProjectFactory())
    return event


def donor_with_parts(n, japan):
    for index in range(n):
        PriorityAreaFactory(donor=japan)
        OdaFigureFactory(donor=japan, year=1950 + index)
        ContributionFactory(
            donor=japan, channel=OrganisationFactory(), year_from=1950 + index, year_to=1950 + index
        )
        ProjectFactory(donors=[japan])
        EventFactory().donors.add(japan)
        OrganisationFactory(donor=japan)
    return japan


def organisation_with_parts(n, japan):
    parent = OrganisationFactory(country=country("JP"), donor=japan)
    OrganisationFactory.create_batch(n, parent=parent)
    return parent


DETAILS = {
    "projects": project_with_parts,
    "events": event_with_parts,
    "donors": donor_with_parts,
    "organisations": organisation_with_parts,
}


@pytest.mark.parametrize("name", sorted(DETAILS))
def test_detail_queries_do_not_grow_with_parts(api, name):
    japan = DonorFactory(slug="japan")
    few = DETAILS[name](3, japan)
    many = DETAILS[name](50, DonorFactory(slug="korea")) if name == "donors" else DETAILS[name](50, japan)
    url = f"/api/v1/{name}/"
    few_queries = count_queries(api, f"{url}{few.slug}/")
    assert count_queries(api, f"{url}{many.slug}/") == few_queries
    assert few_queries <= MAX_DETAIL_QUERIES_OF.get(name, MAX_DETAIL_QUERIES)


def test_region_detail_with_all_its_countries_is_three_queries(api, django_assert_num_queries):
    for _ in range(2):  # the content version made, then checked once since the last change
        api.get("/api/v1/regions/africa/")
    # The region, its countries, and the content version its ETag is made at (kernel/concurrency.py).
    with django_assert_num_queries(3):
        api.get("/api/v1/regions/africa/")


# ------------------------------------------------------------------ the IATI file


def test_export_runs_in_a_fixed_number_of_queries(db, django_assert_num_queries):
    """No query per project: the same count for 3 projects as for 12."""

    def make(count):
        for _ in range(count):
            project = ProjectFactory(countries=["NP"], themes=["green-jobs"])
            ParticipantFactory(project=project)
            result = ResultFactory(project=project, country_id="NP")
            # Money and indicators, with organisations at both ends (a draft one among them).
            funder, draft = OrganisationFactory(), OrganisationFactory(publication_status="draft")
            BudgetFactory(project=project)
            PlannedDisbursementFactory(project=project, provider=funder, receiver=draft)
            TransactionFactory(project=project, provider=funder, receiver=draft)
            TransactionFactory(project=project, kind="4", provider=draft, receiver=funder)
            IndicatorPeriodFactory(indicator=IndicatorFactory(result=result))

    # The projects and their parents, children, donors, participants (with organisations), results
    # (indicators, periods), budgets, planned disbursements and transactions (providers, receivers)...
    make(3)
    with django_assert_num_queries(18):
        document = activities_document(Project.objects.all())
    assert document.count(b"<transaction-type") == 6 and b'<indicator measure="1" ascending' in document
    make(9)
    with django_assert_num_queries(18):
        activities_document(Project.objects.all())


def models_of_the_lists():
    from donors.models import Contribution, Donor
    from events.models import Event
    from kernel.taxonomy.models import Country, Theme
    from organisations.models import Organisation, Person
    from projects.models import Budget, Transaction

    return {
        "projects": Project,
        "events": Event,
        "donors": Donor,
        "contributions": Contribution,
        "organisations": Organisation,
        "people": Person,
        "themes": Theme,
        "countries": Country,
        "transactions": Transaction,
        "budgets": Budget,
        "exchange-rates": ExchangeRate,
    }


def translate(model):
    """Every record of `model` with text in every language, so that each language's answer has text
    to read and none to fall back on."""
    from kernel.translation import column, languages, translated_fields

    if not translated_fields(model):
        return
    for record in model.objects.all():
        for code in languages():
            for name in translated_fields(model):
                value = getattr(record, name)
                if value:
                    setattr(record, column(name, code), f"{value} ({code})")
            setattr(record, f"{code}_translation", "machine")
        record.save()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_queries_do_not_grow_with_languages(api, name):
    """A list in French, or in every language at once (`lang=all`), costs what it costs in English:
    the translations are columns of the rows already read."""
    japan = DonorFactory(slug="japan")
    org = OrganisationFactory(slug="ministry")
    LISTS[name](5, japan, org)
    url = f"/api/v1/{name}/"
    translate(models_of_the_lists()[name])
    english = count_queries(api, url, page_size=100)
    for language in ("fr", "ja", "all"):
        assert count_queries(api, url, page_size=100, lang=language) == english, language
    assert count_queries(api, url, page_size=100, lang="all", format="csv") == count_queries(
        api, url, page_size=100, format="csv"
    )


@pytest.mark.parametrize("name", sorted(DETAILS))
def test_detail_queries_do_not_grow_with_languages(api, name):
    japan = DonorFactory(slug="japan")
    record = DETAILS[name](3, japan)
    url = f"/api/v1/{name}/{record.slug}/"
    english = count_queries(api, url)
    for language in ("fr", "all"):
        assert count_queries(api, url, lang=language) == english, language
