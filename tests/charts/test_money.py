"""The sums behind the funding charts (projects.money), against the rows they add up: a period's
revised budget replaces its original, other currencies count at their recorded rate and unconverted
amounts are left out and counted, drafts never count, a project in two themes counts in each."""

import datetime
from decimal import Decimal

import pytest

from kernel.publishing import Status
from projects import money
from projects.models import BudgetType, Project, Transaction
from tests.factories import (
    BudgetFactory,
    ExchangeRateFactory,
    ProjectFactory,
    TransactionFactory,
    region,
    sdg,
)

pytestmark = pytest.mark.django_db

D = Decimal


def rows_by_key(rows):
    return {(year, series): (total, counted, left) for year, series, total, counted, left in rows}


def test_a_revised_budget_replaces_the_original_of_its_period_never_both():
    project = ProjectFactory()
    BudgetFactory(project=project, kind=BudgetType.ORIGINAL, value=100_000)
    BudgetFactory(project=project, kind=BudgetType.REVISED, value=150_000)
    # Another period of the same year keeps its original (no revision for it).
    BudgetFactory(
        project=project,
        kind=BudgetType.ORIGINAL,
        period_start=datetime.date(2016, 7, 1),
        value=10_000,
    )
    sums = rows_by_key(money.funding_by_year(Project.objects.all()))
    assert sums[(2016, "budget")] == (D("160000.00"), 2, 0)


def test_budgets_count_in_the_year_their_period_starts_and_transactions_by_kind():
    project = ProjectFactory()
    BudgetFactory(
        project=project,
        period_start=datetime.date(2016, 7, 1),
        period_end=datetime.date(2017, 6, 30),
        value=5,
    )
    TransactionFactory(
        project=project, kind=Transaction.Kind.DISBURSEMENT, date=datetime.date(2017, 1, 5), value=3
    )
    TransactionFactory(
        project=project, kind=Transaction.Kind.DISBURSEMENT, date=datetime.date(2017, 3, 5), value=4
    )
    TransactionFactory(
        project=project, kind=Transaction.Kind.EXPENDITURE, date=datetime.date(2017, 3, 5), value=2
    )
    # A commitment is neither disbursed nor spent: it is in no series.
    TransactionFactory(
        project=project, kind=Transaction.Kind.COMMITMENT, date=datetime.date(2017, 3, 5), value=99
    )
    assert money.funding_by_year(Project.objects.all()) == [
        (2016, "budget", D("5.00"), 1, 0),
        (2017, "disbursement", D("7.00"), 2, 0),
        (2017, "expenditure", D("2.00"), 1, 0),
    ]


def test_other_currencies_count_at_their_rate_and_unconverted_ones_are_left_out_and_counted():
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit="1.10")
    project = ProjectFactory()
    TransactionFactory(project=project, value=1000, currency="EUR")  # USD 1,100
    TransactionFactory(project=project, value=500)  # USD 500
    TransactionFactory(project=project, value=800, currency="CHF")  # no rate: left out
    sums = rows_by_key(money.funding_by_year(Project.objects.all()))
    assert sums[(2016, "disbursement")] == (D("1600.00"), 2, 1)
    chart = money.funding_chart(money.funding_by_year(Project.objects.all()))
    assert chart.notes == [
        "1 amount in another currency has no recorded exchange rate: it is left out of these sums."
    ]


def test_drafts_do_not_count_for_the_public():
    published = ProjectFactory()
    draft = ProjectFactory(publication_status=Status.DRAFT)
    BudgetFactory(project=published, value=100)
    BudgetFactory(project=draft, value=900)
    TransactionFactory(project=draft, value=900)
    public = money.funding_by_year(Project.objects.visible_to(None))
    assert public == [(2016, "budget", D("100.00"), 1, 0)]
    draft.themes.add(*published.themes.all())
    assert money.by_theme(Project.objects.visible_to(None)) == money.by_theme(
        Project.objects.filter(pk=published.pk)
    )


def test_a_project_in_two_themes_counts_in_each_and_unbudgeted_ones_apart():
    ProjectFactory(themes=["green-jobs", "child-labour"], budget_usd=1_000_000)
    ProjectFactory(themes=["green-jobs"], budget_usd=None)
    rows = {row["key"]: row for row in money.by_theme(Project.objects.all())}
    assert rows["green-jobs"]["total"] == D("1000000.00")
    assert rows["green-jobs"]["projects"] == 2
    assert rows["green-jobs"]["unbudgeted"] == 1
    assert rows["child-labour"]["total"] == D("1000000.00")
    assert rows["child-labour"]["projects"] == 1


def test_no_chart_of_stated_budgets_when_no_project_states_one():
    ProjectFactory(themes=["green-jobs"], budget_usd=None)
    rows = money.by_theme(Project.objects.all())
    assert rows and money.topic_chart("theme", rows) is None
    ProjectFactory(themes=["green-jobs"], budget_usd=10)
    assert money.topic_chart("theme", money.by_theme(Project.objects.all())) is not None


def test_by_sdg_and_by_region_count_each_project_once_per_group():
    asia = region("asia-pacific")
    first = ProjectFactory(countries=["NP", "IN"], budget_usd=300)  # two countries in one region: once
    first.sdgs.add(sdg(8), sdg(5))
    second = ProjectFactory(budget_usd=200)
    second.regions.add(asia)
    second.sdgs.add(sdg(8))
    regions = {row["key"]: row for row in money.by_region(Project.objects.all())}
    assert regions["asia-pacific"]["total"] == D("500.00")
    assert regions["asia-pacific"]["projects"] == 2
    sdgs = {row["key"]: (row["total"], row["projects"]) for row in money.by_sdg(Project.objects.all())}
    assert sdgs == {"5": (D("300.00"), 1), "8": (D("500.00"), 2)}


def test_the_sums_take_a_bounded_number_of_queries(django_assert_num_queries):
    for n in range(5):
        project = ProjectFactory(themes=["green-jobs"], countries=["NP"], budget_usd=n)
        project.sdgs.add(sdg(8))
        BudgetFactory(project=project)
        TransactionFactory(project=project)
    projects = Project.objects.all()
    with django_assert_num_queries(2):
        money.funding_by_year(projects)
    with django_assert_num_queries(4):  # a theme query, the regions and their sums, an SDG query
        money.topics(projects)
