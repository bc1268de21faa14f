"""The charts on the pages: their bars lead to the filtered list behind them, each has an accessible
name, a table twin and a CSV of its numbers, and the SVG carries no inline style."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from kernel.publishing import Status
from projects.models import BudgetType, Transaction
from tests.factories import (
    BudgetFactory,
    ContributionFactory,
    DonorFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OrganisationFactory,
    ProjectFactory,
    ResultFactory,
    TransactionFactory,
    sdg,
)

pytestmark = pytest.mark.django_db

PROJECT_LIST = reverse("projects:list")


def svgs(html):
    return re.findall(r"<svg class=\"chart__svg\".*?</svg>", html, re.S)


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def funded():
    project = ProjectFactory(
        title="Decent work in Nepal", countries=["NP"], themes=["green-jobs"], budget_usd=2_500_000
    )
    project.sdgs.add(sdg(8))
    BudgetFactory(project=project, kind=BudgetType.ORIGINAL, value=1_000_000)
    BudgetFactory(project=project, kind=BudgetType.REVISED, value=1_200_000)
    TransactionFactory(project=project, value=400_000)
    TransactionFactory(project=project, value=900, currency="CHF")  # no rate: left out
    return project


def test_project_list_charts_follow_the_filters_and_link_to_the_lists_behind_them(client, funded):
    ProjectFactory(countries=["IN"], themes=["child-labour"], budget_usd=9_000_000)
    html = client.get(f"{PROJECT_LIST}?country=NP").content.decode()
    assert "Funding charts" in html
    # funding by year: the revised budget, the disbursement, the unconverted amount stated
    assert 'aria-label="2016, budget: USD 1.2M"' in html
    assert 'aria-label="2016, disbursed: USD 400,000"' in html
    assert "1 amount in another currency has no recorded exchange rate" in html
    # each bar leads to the list with the current filters and its own
    assert 'href="/projects/?country=NP&amp;year=2016"' in html
    assert 'href="/projects/?country=NP&amp;theme=green-jobs"' in html
    assert 'href="/projects/?country=NP&amp;region=asia-pacific"' in html
    assert 'href="/projects/?country=NP&amp;sdg=8"' in html
    # the filtered-out project is in no chart
    assert "child-labour" not in "".join(svgs(html))
    assert "Green jobs: USD 2.5M · 1 project" in html


def test_every_chart_is_named_described_and_free_of_inline_style(client, funded):
    html = client.get(PROJECT_LIST).content.decode()
    charts = svgs(html)
    assert len(charts) == 4
    for svg in charts:
        assert "style=" not in svg
        assert "<script" not in svg
        assert 'role="img"' not in svg.split(">", 1)[0]  # its links stay reachable
        assert re.search(r'role="group" aria-labelledby="[\w-]+-title" aria-describedby="[\w-]+-desc"', svg)
        assert "<title>" in svg and "<desc id=" in svg
        for link in re.findall(r"<a [^>]*>", svg):
            assert 'aria-label="' in link and 'href="' in link
    assert html.count("These figures as a table") == 4
    assert html.count("Download these figures (CSV)") == 4
    assert "A project in two themes counts in each." in html


def test_the_funding_csv_gives_plain_numbers_and_the_currency(client, funded):
    rows = read_csv(client.get(f"{PROJECT_LIST}?country=NP&chart=funding-by-year&format=csv"))
    assert rows == [
        ["year", "series", "amount", "currency", "amounts_counted", "amounts_left_out"],
        ["2016", "budget", "1200000", "USD", "1", "0"],
        ["2016", "disbursement", "400000", "USD", "1", "1"],
    ]


def test_the_theme_csv_is_the_same_in_french_but_for_the_names(client, funded):
    rows = read_csv(client.get(f"/fr{PROJECT_LIST}?chart=funding-by-theme&format=csv"))
    assert rows[0] == ["theme", "name", "budget_total", "currency", "projects", "projects_without_budget"]
    assert rows[1][0] == "green-jobs" and rows[1][2:] == ["2500000", "USD", "1", "0"]
    assert rows[1][1] != "Green jobs"  # the page's language


def test_an_unknown_chart_is_not_found(client, funded):
    assert client.get(f"{PROJECT_LIST}?chart=nonsense&format=csv").status_code == 404
    assert client.get(f"{funded.get_absolute_url()}?chart=nonsense&format=csv").status_code == 404


def test_chart_labels_follow_the_page_language(client, funded):
    html = client.get(f"/fr{PROJECT_LIST}").content.decode()
    with translation.override("fr"):
        assert "1,2\xa0M\xa0$US" in html
    assert "Funding by year" not in html


def test_drafts_count_in_no_public_chart(client, funded):
    draft = ProjectFactory(publication_status=Status.DRAFT, themes=["child-labour"], budget_usd=7_000_000)
    BudgetFactory(
        project=draft,
        value=5_000_000,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    for url in (PROJECT_LIST, "/"):
        html = client.get(url).content.decode()
        assert "2019" not in "".join(svgs(html))
        assert "USD 7M" not in html


def test_home_page_shows_the_funding_of_published_projects(client, funded):
    html = client.get("/").content.decode()
    assert "Where the money goes" in html
    assert 'href="/projects/?year=2016"' in html
    assert 'href="/projects/?theme=green-jobs"' in html
    rows = read_csv(client.get("/?chart=funding-by-sdg&format=csv"))
    assert rows[1][0] == "8" and rows[1][2] == "2500000"


def test_project_page_shows_budget_spending_indicators_and_the_money_table(client, funded):
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit="1.10")
    draft_org = OrganisationFactory(name="Hidden ministry", publication_status=Status.DRAFT)
    shown_org = OrganisationFactory(name="Ministry of Labour")
    TransactionFactory(
        project=funded,
        value=1000,
        currency="EUR",
        provider=draft_org,
        receiver=shown_org,
        kind=Transaction.Kind.EXPENDITURE,
        date=datetime.date(2017, 2, 1),
    )
    indicator = IndicatorFactory(
        result=ResultFactory(project=funded), title="Workers trained", baseline_year=2015, baseline_value=10
    )
    IndicatorPeriodFactory(indicator=indicator, target=500, actual=420)
    IndicatorPeriodFactory(
        indicator=indicator,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
        target=800,
        actual=None,
    )
    html = client.get(funded.get_absolute_url()).content.decode()
    # budget and spending by year, each year's bars leading to its rows in the table
    assert 'aria-label="2016, budget: USD 1.2M"' in html
    assert 'aria-label="2017, spent: USD 1,100"' in html
    assert 'href="#money-2016"' in html and 'id="money-2016"' in html and 'id="money-2017"' in html
    # the table: amounts in their currency, the rate stated, draft organisations unnamed
    assert "at 1.1 USD per EUR (rate from 1 January 2016, UN operational rates of exchange)" in html
    assert "Ministry of Labour" in html
    assert "Hidden ministry" not in html
    assert "not converted: no exchange rate recorded for its date" in html
    # the indicator: baseline → latest actual → its target, with years and periods
    assert "Workers trained (workers trained), baseline: 10 (2015)" in html
    assert "Workers trained (workers trained), actual: 420 (1 January 2016–31 December 2016)" in html
    assert "Workers trained (workers trained), target: 500 (1 January 2016–31 December 2016)" in html
    rows = read_csv(client.get(f"{funded.get_absolute_url()}?chart=project-indicators&format=csv"))
    assert rows[1:] == [
        [
            "Workers trained",
            "workers trained",
            "Unit",
            "2015",
            "10",
            "2016-01-01",
            "2016-12-31",
            "420",
            "500",
        ],
        ["Workers trained", "workers trained", "Unit", "2015", "10", "2017-01-01", "2017-12-31", "", "800"],
    ]


def test_donor_contributions_chart_never_sums_across_qualifiers_kinds_or_periods(client):
    donor = DonorFactory(name="Ruritania", slug="ruritania")
    ContributionFactory(donor=donor, kind="assessed", amount_usd=100_000_000, amount_qualifier="more-than")
    ContributionFactory(donor=donor, kind="assessed", amount_usd=50_000_000)
    ContributionFactory(donor=donor, kind="voluntary-earmarked", amount_usd=20_000_000)
    ContributionFactory(
        donor=donor, kind="voluntary-earmarked", amount_usd=5_000_000, year_from=2018, year_to=2018
    )
    html = client.get(donor.get_absolute_url()).content.decode()
    assert html.count('<rect class="chart__bar chart__bar--contribution"') == 4
    assert 'aria-label="Assessed contribution, 2012–2017: &gt; USD 100M (more than USD 100 million)"' in html
    assert 'aria-label="Assessed contribution, 2012–2017: USD 50M (USD 50 million)"' in html
    assert "USD 150" not in html
    rows = read_csv(client.get(f"{donor.get_absolute_url()}?chart=contributions-chart&format=csv"))
    assert rows[0] == ["kind", "year_from", "year_to", "qualifier", "amount", "currency", "contributions"]
    assert ["assessed", "2012", "2017", "more-than", "100000000", "USD", "1"] in rows
    assert ["assessed", "2012", "2017", "", "50000000", "USD", "1"] in rows
    assert ["voluntary-earmarked", "2018", "2018", "", "5000000", "USD", "1"] in rows
    # the fact sheet keeps its own table and draws the same chart
    sheet = client.get(reverse("donors:fact_sheet", args=[donor.slug])).content.decode()
    assert len(svgs(sheet)) == 1 and "These figures as a table" not in sheet


def test_list_charts_are_summed_once_per_content_change_and_filter_combination(client, funded, monkeypatch):
    from projects import money

    calls = []
    real = money._funding  # the sums of the slices a change left out of date (all, the first time)
    monkeypatch.setattr(
        money, "_funding", lambda rows_of, slices=None: calls.append(1) or real(rows_of, slices)
    )
    client.get(f"{PROJECT_LIST}?country=NP")
    client.get(f"/fr{PROJECT_LIST}?country=NP&page=1")  # same filters, another language
    assert len(calls) == 1
    client.get(f"{PROJECT_LIST}?country=IN")  # other filters
    assert len(calls) == 2
    BudgetFactory(
        project=funded, period_start=datetime.date(2018, 1, 1), period_end=datetime.date(2018, 12, 31)
    )
    html = client.get(f"{PROJECT_LIST}?country=NP").content.decode()
    assert len(calls) == 3
    assert 'href="/projects/?country=NP&amp;year=2018"' in html
