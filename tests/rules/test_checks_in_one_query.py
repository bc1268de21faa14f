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


def test_the_checks_are_one_query_however_many_inside_a_transaction_or_not(monkeypatch):
    """Those Python does not decide (here, none of them)."""
    import kernel.constraints

    def undecided(condition, values):
        raise kernel.constraints.Undecided

    monkeypatch.setattr(kernel.constraints, "decided", undecided)
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


# -- conditions decided in Python -----------------------------------------------------------------------


def _named(condition):
    """The field names a condition reads, and the constants it compares them with."""
    names, constants = set(), set()
    for child in condition.children:
        if isinstance(child, models.Q):
            more, more_constants = _named(child)
            names |= more
            constants |= more_constants
        else:
            lookup, rhs = child
            names.add(lookup.split("__")[0])
            if isinstance(rhs, models.F):
                names.add(rhs.name)
            elif not isinstance(rhs, bool):
                constants.add(rhs)
    return names, constants


def _candidates(field, constants):
    """Values to try in a field: its edges around every constant the conditions name, and NULL."""
    if isinstance(field, models.BooleanField):
        return [None, True, False]
    if isinstance(field, models.DateTimeField):
        moment = datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC)
        return [None, moment - datetime.timedelta(seconds=1), moment, moment + datetime.timedelta(days=1)]
    if isinstance(field, models.DateField):
        return [None, DAY - datetime.timedelta(days=1), DAY, DAY + datetime.timedelta(days=1)]
    if isinstance(field, (models.DecimalField, models.IntegerField, models.FloatField)):
        numbers = {0, 1, -1, 100, 101}
        for constant in constants:
            if isinstance(constant, (int, Decimal)):
                numbers |= {constant - 1, constant, constant + 1}
        numbers |= (
            {Decimal("0.01"), Decimal("-0.01"), Decimal("99.99")}
            if isinstance(field, models.DecimalField)
            else set()
        )
        return [None, *sorted(numbers)]
    texts = {"", "1", "2", "USD", "usd", "EUR", "ABCD", "12345", "1234", "USD\n", "ÉUR"}
    # As plain text, as a record read from the database holds it (a choice's member is text too).
    return [None, *sorted(texts | {str(constant) for constant in constants if isinstance(constant, str)})]


def _checked_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if any(isinstance(constraint, models.CheckConstraint) for constraint in model._meta.constraints)
        and not model._meta.label.startswith(("auth.", "admin.", "axes.", "django_tasks"))
    ]


def test_python_decides_every_check_as_the_database_does():
    """For every check constraint of every model, over values on each side of its edges (NULL
    included), a condition Python decides is decided as the database decides it; and every one of the
    project's conditions is decided in Python for ordinary values."""
    import itertools
    import random

    from kernel.constraints import Undecided, decided, failed_in_the_database

    chooser = random.Random(2017)
    decided_once = set()
    compared = 0
    for model in _checked_models():
        for model_class, constraints in model().get_constraints():
            for constraint in constraints:
                if not isinstance(constraint, models.CheckConstraint):
                    continue
                names, constants = _named(constraint.condition)
                fields = [
                    model_class._meta.get_field("id" if name == "pk" else name) for name in sorted(names)
                ]
                grid = list(itertools.product(*(_candidates(field, constants) for field in fields)))
                for combination in chooser.sample(grid, min(len(grid), 150)):
                    record = model(
                        **{field.attname: value for field, value in zip(fields, combination, strict=True)}
                    )
                    values = record._get_field_expression_map(meta=model_class._meta)
                    try:
                        python = decided(constraint.condition, values)
                    except Undecided:
                        continue
                    database = failed_in_the_database(record, values, [constraint], "default")
                    assert (python is False) == (id(constraint) in database), (
                        model._meta.label,
                        constraint.name,
                        combination,
                        python,
                    )
                    decided_once.add(constraint.name)
                    compared += 1
    every = {
        constraint.name
        for model in _checked_models()
        for _, constraints in model().get_constraints()
        for constraint in constraints
        if isinstance(constraint, models.CheckConstraint)
    }
    assert decided_once == every
    assert compared > 500


def test_a_record_whose_checks_python_decides_asks_no_query():
    record = Budget(project=ProjectFactory(), period_start=DAY, period_end=DAY, value=-1)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        record.validate_constraints(exclude={"project"})
    assert [query["sql"] for query in queries] == []
    assert refused.value.message_dict == djangos_errors(record, exclude={"project"})


def test_a_condition_python_cannot_decide_is_asked_of_the_database():
    """A currency with a line break: Python's $ would match before it, PostgreSQL's does not."""
    record = ExchangeRate(currency="EUR\n", day=DAY, usd_per_unit=1)
    with CaptureQueriesContext(connection) as queries:
        errors = our_errors(record)
    asked = [query["sql"] for query in queries if "_check_0" in query["sql"]]
    assert len(asked) == 1
    assert errors == djangos_errors(record)


def test_a_unique_key_under_a_condition_is_validated_as_django_validates_it():
    """A project's IATI identifier is unique when it has one: the condition is decided in Python (an
    empty identifier asks nothing), then a plain EXISTS; the errors are Django's own."""
    taken = ProjectFactory(iati_identifier="XM-DAC-41302-1")
    ProjectFactory(iati_identifier="")
    cases = {
        "taken by another": Project(title="x", slug="x", iati_identifier="XM-DAC-41302-1"),
        "free": Project(title="y", slug="y", iati_identifier="XM-DAC-41302-2"),
        "empty, as another's": Project(title="z", slug="z", iati_identifier=""),
        "its own, saved": taken,
    }
    for label, record in cases.items():
        assert our_errors(record) == djangos_errors(record), label
        assert our_errors(record, exclude={"iati_identifier"}) == djangos_errors(
            record, exclude={"iati_identifier"}
        ), label
    assert "Another project already has this IATI identifier." in str(our_errors(cases["taken by another"]))
    with CaptureQueriesContext(connection) as queries:
        our_errors(cases["empty, as another's"])
    assert [query["sql"] for query in queries if "iati_identifier" in query["sql"]] == []


def test_records_read_from_the_database_have_every_check_decided_in_python():
    """A stored project, budget, indicator and rate, read back: their choices are plain text then."""
    from kernel.constraints import decided

    project = ProjectFactory()
    stored = [
        Project.objects.get(pk=project.pk),
        Budget.objects.get(pk=BudgetFactory(project=project).pk),
        Indicator.objects.get(pk=IndicatorFactory().pk),
        ExchangeRate.objects.get(pk=ExchangeRateFactory().pk),
    ]
    for record in stored:
        for model_class, constraints in record.get_constraints():
            values = record._get_field_expression_map(meta=model_class._meta)
            for constraint in constraints:
                if isinstance(constraint, models.CheckConstraint):
                    assert decided(constraint.condition, values) in (True, None), constraint.name
        with CaptureQueriesContext(connection) as queries:
            record.validate_constraints()
        assert [query["sql"] for query in queries if "_check" in query["sql"]] == [], record
