"""Money over time and results against targets: the rules the models hold, and conversion at stated rates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from projects.models import Budget, BudgetType, ExchangeRate, Transaction
from tests.factories import (
    BudgetFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    PlannedDisbursementFactory,
    ProjectFactory,
    TransactionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [BudgetFactory, TransactionFactory, PlannedDisbursementFactory])
def test_no_negative_amount_in_the_database(factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(value=-1)


@pytest.mark.parametrize("factory", [BudgetFactory, TransactionFactory, PlannedDisbursementFactory])
def test_no_negative_amount_in_a_form(factory):
    row = factory.build(project=ProjectFactory(), value=-5)
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "value" in raised.value.message_dict


@pytest.mark.parametrize("factory", [BudgetFactory, PlannedDisbursementFactory])
def test_a_period_cannot_end_before_it_starts(factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2016, 1, 1))
    row = factory.build(
        project=ProjectFactory(), period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2016, 1, 1)
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        row.full_clean()


@pytest.mark.parametrize("code", ["EURO", "eur", "ABC", "XXX", ""])
def test_a_currency_is_an_iso_4217_code(code):
    row = BudgetFactory.build(project=ProjectFactory(), currency=code)
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "currency" in raised.value.message_dict


def test_the_database_refuses_a_currency_that_is_not_three_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetFactory(currency="eu")


def test_a_transaction_cannot_be_dated_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    row = TransactionFactory.build(project=ProjectFactory(), date=tomorrow)
    with pytest.raises(ValidationError, match="has not come"):
        row.full_clean()


def test_usd_needs_no_rate_and_the_value_date_defaults_to_the_period_start():
    budget = BudgetFactory(value=1000)
    assert budget.value_date == budget.period_start
    assert budget.value_usd == 1000 and budget.rate is None


def test_another_currency_is_converted_only_at_a_recorded_rate():
    budget = BudgetFactory(value=1000, currency="EUR")
    assert budget.value_usd is None  # no rate: never guessed
    assert Budget.objects.in_usd().count() == 0

    rate = ExchangeRateFactory(currency="EUR", day=datetime.date(2015, 6, 1), usd_per_unit=Decimal("1.1"))
    budget.refresh_from_db()
    assert budget.rate == rate and budget.value_usd == Decimal("1100.00")

    # A later rate, still before the value date, replaces it; one after the value date does not.
    ExchangeRateFactory(currency="EUR", day=datetime.date(2015, 12, 1), usd_per_unit=Decimal("1.2"))
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 6, 1), usd_per_unit=Decimal("2"))
    budget.refresh_from_db()
    assert budget.value_usd == Decimal("1200.00")


def test_removing_or_correcting_a_rate_converts_again():
    rate = ExchangeRateFactory(currency="EUR", day=datetime.date(2015, 1, 1), usd_per_unit=Decimal("1.5"))
    transaction_row = TransactionFactory(value=100, currency="EUR")
    assert transaction_row.value_usd == Decimal("150.00")
    rate.currency = "GBP"
    rate.save()
    transaction_row.refresh_from_db()
    assert transaction_row.rate is None and transaction_row.value_usd is None
    rate.currency = "EUR"
    rate.save()
    rate.delete()
    transaction_row.refresh_from_db()
    assert transaction_row.value_usd is None


def test_the_rate_is_stated_with_its_day_and_source():
    rate = ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit=Decimal("1.085"))
    with translation.override("en"):
        assert (
            rate.statement
            == "at 1.085 USD per EUR (rate from 1 January 2016, UN operational rates of exchange)"
        )


def test_a_rate_is_positive_and_not_for_dollars():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRateFactory(usd_per_unit=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRateFactory(currency="USD")
    ExchangeRateFactory(currency="EUR", day=datetime.date(2016, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.create(currency="EUR", day=datetime.date(2016, 1, 1), usd_per_unit=1, source="x")


def test_one_budget_of_a_type_per_period_start():
    budget = BudgetFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetFactory(project=budget.project, period_start=budget.period_start)
    BudgetFactory(project=budget.project, period_start=budget.period_start, kind=BudgetType.REVISED)


def test_an_indicator_period_lies_within_the_project():
    project = ProjectFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2018, 12, 31))
    indicator = IndicatorFactory(result__project=project)
    inside = IndicatorPeriodFactory.build(indicator=indicator)
    inside.full_clean()
    outside = IndicatorPeriodFactory.build(
        indicator=indicator, period_start=datetime.date(2018, 1, 1), period_end=datetime.date(2019, 12, 31)
    )
    with pytest.raises(ValidationError, match="within the project"):
        outside.full_clean()


def test_indicator_values_are_not_negative_and_periods_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorPeriodFactory(target=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorPeriodFactory(period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2016, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(baseline_value=-3)


def test_a_baseline_value_needs_its_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(baseline_year=None, baseline_value=10)


def test_a_percentage_is_at_most_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(measure="2", baseline_value=120)


def test_transaction_kinds_are_iati_codes():
    assert {kind.value for kind in Transaction.Kind} == {"1", "2", "3", "4", "11"}


def test_amounts_saved_with_the_rates_known_are_converted_as_with_a_query_each():
    """`rates_known` (the IATI import): the rates of the named currencies read once, and every amount
    converted as its own query would convert it; a currency not named is still asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import rates_known

    for day, value in (("2015-06-01", "1.1"), ("2015-12-01", "1.2"), ("2016-06-01", "2")):
        ExchangeRateFactory(currency="EUR", day=datetime.date.fromisoformat(day), usd_per_unit=Decimal(value))
    ExchangeRateFactory(currency="GBP", day=datetime.date(2015, 1, 1), usd_per_unit=Decimal("1.5"))
    project = ProjectFactory()
    days = [
        datetime.date(2015, 1, 1),
        datetime.date(2015, 7, 1),
        datetime.date(2016, 1, 1),
        datetime.date(2017, 1, 1),
    ]
    rows = [
        Budget(
            project=project,
            period_start=day,
            period_end=day,
            value=1000,
            currency=currency,
            kind=BudgetType.ORIGINAL,
        )
        for day in days
        for currency in ("EUR", "USD", "JPY")
    ]
    expected = []
    for row in rows:
        row.convert()
        expected.append((row.rate_id, row.value_usd))
        row.rate, row.value_usd = None, None
    with rates_known({"EUR", "USD", "JPY"}), CaptureQueriesContext(connection) as queries:
        for row in rows:
            row.convert()
    assert [(row.rate_id, row.value_usd) for row in rows] == expected
    assert [query for query in queries if "exchangerate" in query["sql"]] == []
    assert Decimal("1200.00") in [value for _, value in expected]  # the later rate before the day

    gbp = Budget(project=project, period_start=days[1], period_end=days[1], value=10, currency="GBP")
    with rates_known({"EUR"}), CaptureQueriesContext(connection) as queries:
        gbp.convert()
    assert gbp.value_usd == Decimal("15.00")
    assert [query for query in queries if "exchangerate" in query["sql"]]
