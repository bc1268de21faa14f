"""The seed's money is the brochure's: project budgets and contributions as the sources state them,
and no invented budgets, planned disbursements, transactions, exchange rates or indicators."""

import json
from decimal import Decimal

import pytest

from donors.models import Contribution
from portal.management.commands.load_seed import SEED_FILE
from projects.models import (
    Budget,
    ExchangeRate,
    Indicator,
    IndicatorPeriod,
    PlannedDisbursement,
    Project,
    Transaction,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

INVENTED = (Budget, PlannedDisbursement, Transaction, ExchangeRate, Indicator, IndicatorPeriod)


def seed_items(label):
    return [item for item in json.loads(SEED_FILE.read_text(encoding="utf-8")) if item["model"] == label]


@pytest.mark.parametrize("model", INVENTED, ids=lambda model: model.__name__)
def test_the_seed_has_no_money_over_time_nor_indicators_it_does_not_source(model):
    assert not seed_items(model._meta.label_lower)
    assert not model.objects.exists()


def test_project_budgets_and_contributions_are_the_files_figures():
    for label, model, field in (
        ("projects.project", Project, "budget_usd"),
        ("donors.contribution", Contribution, "amount_usd"),
    ):
        items = seed_items(label)
        assert items
        stored = dict(model.objects.values_list("pk", field))
        for item in items:
            value = item["fields"][field]
            assert stored[item["pk"]] == (None if value is None else Decimal(value)), (label, item["pk"])
