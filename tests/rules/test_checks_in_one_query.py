"""A record's check constraints are validated in one query (kernel/constraints.py), with exactly the
errors Django's own validation gives: same messages, codes, fields and order."""

import datetime
from contextlib import nullcontext
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from donors.models import OdaFigure
from kernel.constraints import ChecksInOneQuery
from projects.models import Budget, ExchangeRate, Indicator, Project, Transaction
from tests.factories import BudgetFactory, DonorFactory, ExchangeRateFactory, IndicatorFactory, ProjectFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2016, 1, 1)


def djangos_errors(record, exclude=None):
    """What Django's own validate_constraints says of the record (None: nothing)."""
    try:
        models.Model.validate_constraints(record, exclude=exclude)
    except ValidationError as error:
        return error.message_dict
    return None


def our_errors(record, exclude=None):
    try:
        record.validate_constraints(exclude=exclude)
    except ValidationError as error:
        return error.message_dict
    return None


def broken_records():
    project = ProjectFactory()
    budget = BudgetFactory(project=project)
    indicator = IndicatorFactory()
    rate = ExchangeRateFactory()
    return {
        "project ends before it starts, negative budget": Project(
            title="x", slug="x", start_date=DAY, end_date=DAY.replace(year=2015), budget_usd=Decimal(-1)
        ),
        "budget: negative, ends before it starts, period taken": Budget(
            project=project,
            period_start=budget.period_start,
            period_end=budget.period_start - datetime.timedelta(days=1),
            value=Decimal(-5),
        ),
        "a valid budget": Budget(
            project=project,
            period_start=DAY.replace(year=2020),
            period_end=DAY.replace(year=2020, month=6),
            value=1,
        ),
        "a transaction with nothing set": Transaction(project=project, value=Decimal(-1)),
        "an indicator without a baseline": Indicator(result=indicator.result, title="t", baseline_value=None),
        "a rate in dollars of nothing": ExchangeRate(currency="USD", day=rate.day, usd_per_unit=0),
        "an ODA figure": OdaFigure(donor=DonorFactory(), year=1900, amount_usd=-1, gni_percent=-1),
    }


def test_every_model_with_check_constraints_checks_them_in_one_query():
    from django.apps import apps

    checked = [
        model
        for model in apps.get_models()
        if any(isinstance(constraint, models.CheckConstraint) for constraint in model._meta.constraints)
        and not model._meta.label.startswith(("auth.", "admin.", "axes.", "django_tasks"))
    ]
    assert checked
    assert [model._meta.label for model in checked if not issubclass(model, ChecksInOneQuery)] == []


def test_the_errors_are_djangos_own():
    for label, record in broken_records().items():
        assert our_errors(record) == djangos_errors(record), label
        for exclude in ({"value"}, {"period_end"}, {"end_date", "budget_usd"}, {"usd_per_unit", "currency"}):
            assert our_errors(record, exclude) == djangos_errors(record, exclude), (label, exclude)


def test_the_checks_are_one_query_however_many_inside_a_transaction_or_not():
    record = Budget(project=ProjectFactory(), period_start=DAY, period_end=DAY, value=-1)
    for atomic in (False, True):
        with (
            transaction.atomic() if atomic else nullcontext(),
            CaptureQueriesContext(connection) as queries,
            pytest.raises(ValidationError),
        ):
            record.validate_constraints(exclude={"project"})
        asked = [query["sql"] for query in queries if "SAVEPOINT" not in query["sql"]]
        # Three check constraints, one question; the unique constraint names the excluded project.
        assert len(asked) == 1, asked


def test_a_share_of_income_out_of_range_is_an_error_not_a_crash():
    """Its message held a bare "%", which Django formats with the constraint's name: a 500."""
    figure = OdaFigure(donor=DonorFactory(), year=2020, amount_usd=1, gni_percent=150)
    with pytest.raises(ValidationError) as refused:
        figure.validate_constraints()
    assert refused.value.messages == ["A share of gross national income is between 0 and 100 %."]
