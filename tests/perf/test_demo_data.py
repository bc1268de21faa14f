"""generate_demo_data fills every relation, with drafts among the records."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from donors.models import Contribution, Donor
from events.models import Event, Organiser, Speaker
from kernel.publishing import Status
from organisations.models import Organisation, Person
from projects.models import Participant, Project, Result

pytestmark = pytest.mark.django_db


def test_generates_the_requested_numbers_with_every_relation_used():
    call_command("generate_demo_data", projects=120, events=40, donors=6, quiet_progress=True, verbosity=0)
    assert Project.objects.count() == 120
    assert Event.objects.count() == 40
    assert Donor.objects.count() == 6
    assert Contribution.objects.exists()
    assert Organisation.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(countries__isnull=False).distinct().count() == 120
    assert Project.objects.filter(themes__isnull=False, sdgs__isnull=False, donors__isnull=False).exists()
    assert Participant.objects.filter(role=Participant.Role.FUNDING).count() == 120
    assert Result.objects.exists()
    assert Organiser.objects.count() == 80
    assert Speaker.objects.exists()
    assert Event.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(publication_status=Status.DRAFT).exists()
    assert Project.objects.published().count() < 120


def test_same_seed_gives_the_same_data():
    call_command("generate_demo_data", projects=30, events=5, donors=3, quiet_progress=True, verbosity=0)
    first = list(Project.objects.order_by("slug").values_list("title", "status", "start_date"))
    for model in (Event, Project, Organisation):  # children before the parents they protect
        model.objects.filter(parent__isnull=False).delete()
        model.objects.all().delete()
    Person.objects.all().delete()
    Donor.objects.all().delete()
    call_command("generate_demo_data", projects=30, events=5, donors=3, quiet_progress=True, verbosity=0)
    assert list(Project.objects.order_by("slug").values_list("title", "status", "start_date")) == first


def test_refuses_to_run_twice():
    call_command("generate_demo_data", projects=5, events=0, donors=1, quiet_progress=True, verbosity=0)
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_demo_data", projects=5, events=0, donors=1, quiet_progress=True, verbosity=0)


def test_money_and_indicators_are_filled_and_converted_at_the_rates_made():
    from decimal import Decimal

    from projects.models import (
        Budget,
        ExchangeRate,
        Indicator,
        IndicatorPeriod,
        PlannedDisbursement,
        Transaction,
    )

    call_command("generate_demo_data", projects=150, events=0, donors=4, quiet_progress=True, verbosity=0)
    for model in (Budget, PlannedDisbursement, Transaction, Indicator, IndicatorPeriod):
        assert model.objects.exists(), model
    assert Budget.objects.filter(kind="2").exists() and Budget.objects.filter(kind="1").exists()
    assert set(Transaction.objects.values_list("kind", flat=True)) == {"1", "2", "3", "4", "11"}
    for model in (Budget, PlannedDisbursement, Transaction):
        assert not model.objects.filter(value__lt=0).exists()
        assert set(model.objects.values_list("currency", flat=True)) <= {"USD", "EUR", "CHF", "JPY", "NOK"}
        for row in model.objects.select_related("rate"):
            assert row.value_date == row.counted_on()
            if row.currency == "USD":
                assert (row.rate, row.value_usd) == (None, row.value)
            elif row.currency == "NOK":  # no rate covers it: no dollar value
                assert (row.rate, row.value_usd) == (None, None)
            else:
                # The latest rate of its currency on or before its value date, applied to the cent.
                expected = (
                    ExchangeRate.objects.filter(currency=row.currency, day__lte=row.value_date)
                    .order_by("-day")
                    .first()
                )
                assert row.rate == expected
                assert row.value_usd == (row.value * expected.usd_per_unit).quantize(Decimal("0.01"))
    assert Transaction.objects.exclude(currency="USD").exclude(currency="NOK").exists()
    assert (
        Transaction.objects.filter(value_usd__isnull=True).exists()
        or Budget.objects.filter(value_usd__isnull=True).exists()
    )
    for period in IndicatorPeriod.objects.select_related("indicator__result__project")[:200]:
        period.full_clean()  # within its project's dates, in order, not negative


def test_the_same_seed_gives_the_same_money():
    from projects.models import Budget, Transaction

    def money():
        return (
            list(
                Budget.objects.order_by("project__slug", "period_start", "kind").values_list(
                    "value", "currency"
                )
            ),
            list(Transaction.objects.order_by("project__slug", "date", "kind").values_list("value", "kind")),
        )

    call_command("generate_demo_data", projects=30, events=0, donors=3, quiet_progress=True, verbosity=0)
    first = money()
    assert first[0] and first[1]
    Project.objects.filter(parent__isnull=False).delete()
    Project.objects.all().delete()
    Organisation.objects.filter(parent__isnull=False).delete()
    Organisation.objects.all().delete()
    Donor.objects.all().delete()
    from projects.models import ExchangeRate

    ExchangeRate.objects.all().delete()
    call_command("generate_demo_data", projects=30, events=0, donors=3, quiet_progress=True, verbosity=0)
    assert money() == first


def made_rows():
    """Every row the command makes, by table, in key order, every column but times (which depend on
    when it ran), with the links' tables."""
    from django.apps import apps
    from django.db import models

    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in ("donors", "organisations", "projects", "events") or meta.proxy:
            continue
        names = [
            field.attname for field in meta.concrete_fields if not isinstance(field, models.DateTimeField)
        ]
        found[meta.label] = list(model._base_manager.order_by("pk").values_list(*names))
    return found


def made_tables():
    from django.apps import apps

    return [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in ("donors", "organisations", "projects", "events")
        and not model._meta.proxy
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's; elsewhere bulk_create")
def test_copy_writes_the_rows_bulk_create_writes(monkeypatch):
    """On PostgreSQL the command writes by COPY (`copied`): the same rows, keys and links included,
    as `bulk_create` writes from the same seed."""
    from portal.management.commands import generate_demo_data

    def again():
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(table) for table in made_tables())
            # The rows' deferred key checks, due at the test's end, would hold the tables.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        call_command("generate_demo_data", projects=60, events=12, donors=4, quiet_progress=True, verbosity=0)
        return made_rows()

    copied = again()
    assert len(copied["projects.Project"]) == 60 and copied["projects.Budget"] and copied["events.Speaker"]
    monkeypatch.setattr(
        generate_demo_data, "copied", lambda model, rows: model.objects.bulk_create(rows, batch_size=500)
    )
    assert again() == copied
