"""Money and results in the API: a project's budgets, planned disbursements, transactions and its
results' indicators, read and written with the project; the read-only lists of transactions, budgets
and exchange rates, their filters, CSV and what the public may see of them."""

import datetime

import pytest

from kernel.publishing import Status
from projects.models import Budget, Indicator, IndicatorPeriod, Transaction
from tests.api.util import csv_rows
from tests.factories import (
    BudgetFactory,
    DonorFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OrganisationFactory,
    PlannedDisbursementFactory,
    ProjectFactory,
    ResultFactory,
    TransactionFactory,
)

pytestmark = pytest.mark.django_db


def detail(project):
    return f"/api/v1/projects/{project.slug}/"


# ------------------------------------------------------------------ reading a project


def test_a_project_shows_its_money_in_its_currency_and_in_dollars_at_the_stated_rate(api):
    project = ProjectFactory()
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit="1.10")
    BudgetFactory(project=project, value=100_000, currency="EUR")
    TransactionFactory(project=project, value=1000, currency="CHF", date=datetime.date(2016, 6, 30))
    TransactionFactory(project=project, value=2500, date=datetime.date(2016, 3, 1))
    body = api.get(detail(project)).json()

    [budget] = body["budgets"]
    assert budget["value"] == "100000.00"
    assert budget["currency"] == "EUR"
    assert budget["value_date"] == "2016-01-01"  # the period's start, as none was given
    assert budget["value_usd"] == "110000.00"
    assert budget["rate"] == {
        "usd_per_unit": "1.10000000",
        "day": "2016-01-01",
        "source": "UN operational rates of exchange",
    }
    assert budget["kind_label"] == "Original"

    francs, dollars = sorted(body["transactions"], key=lambda row: row["currency"])
    # No rate recorded for francs: no dollar value, never a guessed one.
    assert (francs["value"], francs["value_usd"], francs["rate"]) == ("1000.00", None, None)
    assert (dollars["value_usd"], dollars["rate"]) == ("2500.00", None)
    assert dollars["kind"] == "3" and dollars["kind_label"] == "Disbursement"


def test_a_draft_provider_reads_as_null_to_the_public(api, editor_api):
    project = ProjectFactory()
    draft = OrganisationFactory(publication_status=Status.DRAFT, published_at=None)
    TransactionFactory(project=project, provider=draft, provider_name="")
    PlannedDisbursementFactory(project=project, receiver=draft)
    public = api.get(detail(project)).json()
    assert [row["provider"] for row in public["transactions"]] == [None]
    assert [row["receiver"] for row in public["planned_disbursements"]] == [None]
    staff = editor_api.get(detail(project)).json()
    assert [row["provider"] for row in staff["transactions"]] == [draft.slug]
    assert staff["transactions"][0]["links"]["provider"].endswith(f"/organisations/{draft.slug}/")


def test_a_result_shows_its_indicators_with_baseline_and_periods(api):
    project = ProjectFactory()
    indicator = IndicatorFactory(result=ResultFactory(project=project), baseline_value=10)
    IndicatorPeriodFactory(indicator=indicator, target=500, actual=420)
    [result] = api.get(detail(project)).json()["results"]
    [shown] = result["indicators"]
    assert shown["title"] == indicator.title
    assert (shown["baseline_year"], shown["baseline_value"], shown["measure_label"]) == (
        2015,
        "10.00",
        "Unit",
    )
    assert shown["periods"] == [
        {"period_start": "2016-01-01", "period_end": "2016-12-31", "target": "500.00", "actual": "420.00"}
    ]


def test_lists_of_projects_carry_no_money_parts(api):
    BudgetFactory(project=ProjectFactory())
    [row] = api.get("/api/v1/projects/").json()["results"]
    assert "budgets" not in row and "transactions" not in row


# ------------------------------------------------------------------ writing a project


def put_parts(client, project, **parts):
    etag = client.get(detail(project))["ETag"]
    return client.patch(detail(project), parts, format="json", HTTP_IF_MATCH=etag)


def test_staff_write_budgets_transactions_and_indicators_with_the_project(publisher_api):
    project = ProjectFactory()
    ExchangeRateFactory(currency="JPY", day=datetime.date(2016, 1, 1), usd_per_unit="0.0092")
    response = put_parts(
        publisher_api,
        project,
        budgets=[
            {
                "kind": "1",
                "period_start": "2016-01-01",
                "period_end": "2016-12-31",
                "value": "1000000",
                "currency": "JPY",
            },
            {"kind": "2", "period_start": "2016-01-01", "period_end": "2016-12-31", "value": 9500},
        ],
        planned_disbursements=[{"period_start": "2017-01-01", "period_end": "2017-06-30", "value": 300}],
        transactions=[
            {"kind": "11", "date": "2016-02-01", "value": "5000.50", "provider_name": "MHLW"},
            {"kind": "4", "date": "2016-05-01", "value": 700, "description": "Training"},
        ],
        results=[
            {
                "title": "Workers trained",
                "indicators": [
                    {
                        "title": "Workers trained in safety",
                        "baseline_year": 2015,
                        "baseline_value": 0,
                        "periods": [
                            {
                                "period_start": "2016-01-01",
                                "period_end": "2016-12-31",
                                "target": 500,
                                "actual": 420,
                            }
                        ],
                    }
                ],
            }
        ],
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    original = next(row for row in body["budgets"] if row["kind"] == "1")
    assert (original["value_usd"], original["rate"]["day"]) == ("9200.00", "2016-01-01")
    assert [row["value"] for row in body["transactions"]] == ["5000.50", "700.00"]
    assert body["results"][0]["indicators"][0]["periods"][0]["actual"] == "420.00"
    assert Budget.objects.filter(project=project).count() == 2
    assert IndicatorPeriod.objects.filter(indicator__result__project=project).count() == 1

    # What was read, sent back, is the same parts: no new rows, and the ids stay.
    ids = set(Transaction.objects.values_list("pk", flat=True))
    period_ids = set(IndicatorPeriod.objects.values_list("pk", flat=True))
    again = put_parts(
        publisher_api,
        project,
        budgets=body["budgets"],
        transactions=body["transactions"],
        results=body["results"],
    )
    assert again.status_code == 200, again.json()
    assert set(Transaction.objects.values_list("pk", flat=True)) == ids
    assert set(IndicatorPeriod.objects.values_list("pk", flat=True)) == period_ids

    # A result sent without `indicators` keeps them; an empty list removes them.
    kept = put_parts(publisher_api, project, results=[{"title": "Workers trained"}])
    assert kept.status_code == 200
    assert Indicator.objects.filter(result__project=project).count() == 1
    emptied = put_parts(publisher_api, project, results=[{"title": "Workers trained", "indicators": []}])
    assert emptied.status_code == 200
    assert not Indicator.objects.filter(result__project=project).exists()


OUTSIDE = "An indicator period must lie within the project's start and end dates."
OUTSIDE = "An indicator period must lie within the project's start and end dates."
FUTURE = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()


@pytest.mark.parametrize(
    ("parts", "error"),
    [
        (
            {"budgets": [{"period_start": "2016-01-01", "period_end": "2016-12-31", "value": "-5"}]},
            {"budgets": [{"value": ["Ensure this value is greater than or equal to 0."]}]},
        ),
        (
            {
                "budgets": [
                    {"period_start": "2016-01-01", "period_end": "2016-12-31", "value": 5, "currency": "ABC"}
                ]
            },
            {
                "budgets": [
                    {
                        "currency": [
                            "“ABC” is not an ISO 4217 currency code (three capital letters, "
                            "such as USD, EUR or JPY)."
                        ]
                    }
                ]
            },
        ),
        (
            {
                "planned_disbursements": [
                    {"period_start": "2016-12-31", "period_end": "2016-01-01", "value": 5}
                ]
            },
            {"planned_disbursements": [{"non_field_errors": ["The period cannot end before it starts."]}]},
        ),
        (
            {"transactions": [{"kind": "3", "date": FUTURE, "value": 5}]},
            {"transactions": [{"date": ["A transaction cannot be dated on a day that has not come."]}]},
        ),
        (
            {
                "results": [
                    {
                        "title": "Trained",
                        "indicators": [
                            {
                                "title": "Trained",
                                "periods": [{"period_start": "2014-01-01", "period_end": "2014-12-31"}],
                            }
                        ],
                    }
                ]
            },
            {"results": [{"indicators": [{"periods": [{"period_start": [OUTSIDE]}]}]}]},
        ),
        (
            {
                "budgets": [
                    {"period_start": "2016-01-01", "period_end": "2016-12-31", "value": 5},
                    {"period_start": "2016-01-01", "period_end": "2016-06-30", "value": 6},
                ]
            },
            {
                "budgets": [
                    {},
                    {
                        "non_field_errors": [
                            "The project already has a budget of this type starting on this day."
                        ]
                    },
                ]
            },
        ),
    ],
    ids=["negative", "currency", "period", "future", "indicator-period", "repeated-budget"],
)
def test_bad_money_is_a_400_naming_the_field(editor_api, parts, error):
    project = ProjectFactory()
    response = put_parts(editor_api, project, **parts)
    assert response.status_code == 400
    body = response.json()
    name = next(iter(error))
    if name == "planned_disbursements":
        # The period rule is the model's constraint, named by its fields.
        assert "The period cannot end before it starts." in str(body)
    else:
        assert body == error
    assert not Budget.objects.exists() and not Transaction.objects.exists()


# ------------------------------------------------------------------ the lists of money


@pytest.fixture
def money():
    japan = DonorFactory(slug="japan")
    nepal = ProjectFactory(slug="nepal", countries=["NP"], donors=[japan])
    india = ProjectFactory(slug="india", countries=["IN"])
    draft = ProjectFactory(slug="draft", publication_status=Status.DRAFT, published_at=None)
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit="1.10")
    TransactionFactory(project=nepal, kind="3", date=datetime.date(2016, 6, 30), value=100, currency="EUR")
    TransactionFactory(project=nepal, kind="4", date=datetime.date(2017, 1, 5), value=50)
    TransactionFactory(project=india, kind="3", date=datetime.date(2016, 2, 1), value=70, currency="CHF")
    TransactionFactory(project=draft, kind="3", date=datetime.date(2016, 2, 1), value=9)
    BudgetFactory(
        project=nepal, period_start=datetime.date(2016, 1, 1), period_end=datetime.date(2016, 12, 31)
    )
    BudgetFactory(
        project=nepal,
        kind="2",
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2016, 12, 31),
    )
    BudgetFactory(
        project=india, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 12, 31)
    )
    BudgetFactory(project=draft)
    return nepal


def projects_of(response):
    assert response.status_code == 200, response.json()
    return sorted(row["project"] for row in response.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["india", "nepal", "nepal"]),
        ({"project": "nepal"}, ["nepal", "nepal"]),
        ({"donor": "japan"}, ["nepal", "nepal"]),
        ({"country": "in"}, ["india"]),
        ({"year": 2016}, ["india", "nepal"]),
        ({"kind": "4"}, ["nepal"]),
        ({"currency": "CHF"}, ["india"]),
    ],
)
def test_transactions_are_filtered_like_the_project_list(api, money, query, expected):
    assert projects_of(api.get("/api/v1/transactions/", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["india", "nepal", "nepal"]),
        ({"year": 2017}, ["india"]),
        ({"kind": "2"}, ["nepal"]),
        ({"country": "NP", "kind": "1"}, ["nepal"]),
    ],
)
def test_budgets_are_filtered(api, money, query, expected):
    assert projects_of(api.get("/api/v1/budgets/", query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"project": "draft"},
        {"project": "nowhere"},
        {"year": "soon"},
        {"kind": "9"},
        {"currency": "ABC"},
        {"sort": "x"},
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api, money, query):
    response = api.get("/api/v1/transactions/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_staff_see_the_rows_of_draft_projects(editor_api, money):
    assert "draft" in projects_of(editor_api.get("/api/v1/transactions/"))
    assert "draft" in projects_of(editor_api.get("/api/v1/budgets/", {"project": "draft"}))


def test_transactions_as_csv_name_their_project_currency_and_rate_day(api, money):
    rows = csv_rows(api.get("/api/v1/transactions/", {"format": "csv", "project": "nepal", "sort": "date"}))
    euros, dollars = rows
    assert (euros["project"], euros["currency"], euros["value"], euros["value_usd"]) == (
        "nepal",
        "EUR",
        "100.00",
        "110.00",
    )
    assert (euros["rate_day"], euros["rate_usd_per_unit"]) == ("2016-01-01", "1.10000000")
    assert (dollars["currency"], dollars["value_usd"], dollars["rate_day"]) == ("USD", "50.00", "")
    assert "rate" not in euros


def test_a_row_is_read_by_its_id_and_a_draft_projects_row_is_a_404(api, money):
    row = Transaction.objects.get(project=money, currency="EUR")
    body = api.get(f"/api/v1/transactions/{row.pk}/").json()
    assert (body["id"], body["project"], body["url"]) == (
        row.pk,
        "nepal",
        f"http://testserver/api/v1/transactions/{row.pk}/",
    )
    hidden = Transaction.objects.get(project__slug="draft")
    assert api.get(f"/api/v1/transactions/{hidden.pk}/").status_code == 404
    assert api.get("/api/v1/transactions/99999999999999999999999/").status_code == 404


def test_the_lists_of_money_are_read_only(editor_api, money):
    row = Budget.objects.filter(project=money).first()
    assert editor_api.post("/api/v1/budgets/", {}, format="json").status_code == 405
    assert editor_api.patch(f"/api/v1/budgets/{row.pk}/", {}, format="json").status_code == 405
    assert editor_api.delete(f"/api/v1/exchange-rates/{row.pk}/").status_code == 405


def test_exchange_rates_are_listed_with_their_source(api, money):
    ExchangeRateFactory(currency="JPY", usd_per_unit="0.0092")
    body = api.get("/api/v1/exchange-rates/", {"currency": "EUR"}).json()
    assert [(row["currency"], row["day"], row["usd_per_unit"], row["source"]) for row in body["results"]] == [
        ("EUR", "2016-01-01", "1.10000000", "UN operational rates of exchange")
    ]


def test_a_patch_whose_rows_leave_out_their_dates_is_a_400_not_an_error(editor_api):
    project = ProjectFactory()
    for parts in (
        {"results": [{"title": "Trained", "indicators": [{"title": "Trained", "periods": [{"target": 5}]}]}]},
        {"budgets": [{"value": 5}]},
        {"transactions": [{"kind": "3", "value": 5}]},
    ):
        response = put_parts(editor_api, project, **parts)
        assert response.status_code == 400, (parts, response.content)
        assert set(response.json()) == set(parts)
    assert not IndicatorPeriod.objects.exists() and not Budget.objects.exists()
