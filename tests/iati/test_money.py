"""Budgets, planned disbursements, transactions and indicators in the IATI file: written as the 2.03
schema orders them, read back into the same rows, and refused with a reason when the model refuses."""

import datetime
import re
from decimal import Decimal

import pytest

from kernel import iati
from kernel.iati import ilo
from kernel.publishing import Status
from organisations.models import Organisation
from projects.iati import activities_document, import_activities
from projects.models import (
    Budget,
    Indicator,
    IndicatorPeriod,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)
from tests.factories import (
    BudgetFactory,
    ExchangeRateFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OrganisationFactory,
    ParticipantFactory,
    PlannedDisbursementFactory,
    ProjectFactory,
    ResultFactory,
    TransactionFactory,
)
from tests.iati.rules import parse, schema_errors

pytestmark = pytest.mark.django_db

MONEY_MODELS = (Budget, PlannedDisbursement, Transaction, Indicator, IndicatorPeriod)


@pytest.fixture
def funded():
    """A project with its money and results in every shape the file carries."""
    project = ProjectFactory(
        slug="funded", start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2018, 12, 31)
    )
    funder = OrganisationFactory(slug="funder", name="Funding Ministry", iati_identifier="XM-DAC-701")
    implementer = OrganisationFactory(slug="implementer", name="Implementing NGO")
    ParticipantFactory(project=project, organisation=funder, role=Participant.Role.FUNDING)
    ParticipantFactory(project=project, organisation=implementer, role=Participant.Role.IMPLEMENTING)
    ExchangeRateFactory(currency="EUR", day=datetime.date(2015, 1, 1), usd_per_unit="1.10")
    BudgetFactory(project=project, currency="EUR", value=Decimal("800000.00"))
    BudgetFactory(project=project, kind="2", status=Budget.Status.COMMITTED, value=Decimal("950000.50"))
    BudgetFactory(
        project=project,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
        value=Decimal("700000.00"),
    )
    PlannedDisbursementFactory(
        project=project, provider=funder, receiver=implementer, currency="EUR", value=Decimal("300000")
    )
    PlannedDisbursementFactory(
        project=project,
        kind="2",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 6, 30),
    )
    for day, kind in enumerate(Transaction.Kind.values, start=1):
        TransactionFactory(
            project=project,
            kind=kind,
            date=datetime.date(2016, 3, day),
            value=Decimal(1000 * day),
            currency="EUR" if kind == Transaction.Kind.DISBURSEMENT else "USD",
            provider=funder,
            receiver=implementer if day % 2 else None,
            receiver_name="" if day % 2 else "District office",
            reference=f"TX-{day}",
            description=f"Payment {day}",
            description_fr=f"Paiement {day}",
            fr_translation="reviewed",
        )
    result = ResultFactory(project=project, title="Workers trained", value=420, unit="workers")
    trained = IndicatorFactory(
        result=result,
        title="Workers trained in safety",
        title_fr="Travailleurs formés",
        unit="workers",
        unit_fr="travailleurs",
        fr_translation="machine",
        baseline_year=2015,
        baseline_value=Decimal("0"),
        position=1,
    )
    IndicatorPeriodFactory(indicator=trained, target=500, actual=420)
    IndicatorPeriodFactory(
        indicator=trained,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
        target=800,
        actual=None,
    )
    IndicatorFactory(
        result=result,
        title="Share of informal workers",
        measure=Indicator.Measure.PERCENTAGE,
        ascending=False,
        unit="",
        baseline_year=2014,
        baseline_value=Decimal("62.5"),
        position=2,
    )
    share = Indicator.objects.get(title="Share of informal workers")
    IndicatorPeriodFactory(indicator=share, target=Decimal("50"), actual=Decimal("55.25"))
    IndicatorFactory(
        result=result, title="Without baseline", baseline_year=None, baseline_value=None, position=3
    )
    return project


def money_snapshot():
    """Every field of the money and results rows the file must carry, by project."""

    def slug(organisation):
        return organisation.slug if organisation else None

    projects = Project.objects.prefetch_related(
        "budgets",
        "planned_disbursements__provider",
        "planned_disbursements__receiver",
        "transactions__provider",
        "transactions__receiver",
        "results__indicators__periods",
    )
    return {
        project.slug: {
            "budgets": [
                (
                    b.kind,
                    b.status,
                    b.period_start,
                    b.period_end,
                    b.value,
                    b.currency,
                    b.value_date,
                    b.value_usd,
                )
                for b in project.budgets.all()
            ],
            "planned": [
                (d.kind, d.period_start, d.period_end, d.value, d.currency, d.value_date, d.value_usd)
                + (slug(d.provider), slug(d.receiver))
                for d in project.planned_disbursements.all()
            ],
            "transactions": [
                (t.kind, t.date, t.value, t.currency, t.value_date, t.value_usd, t.reference)
                + (slug(t.provider), slug(t.receiver), t.provider_name, t.receiver_name)
                + (t.description, t.description_fr, t.description_es, t.fr_translation, t.es_translation)
                for t in project.transactions.all()
            ],
            "indicators": [
                (result.title, i.title, i.title_fr, i.measure, i.ascending, i.unit, i.unit_fr)
                + (i.fr_translation, i.baseline_year, i.baseline_value, i.position)
                + tuple((p.period_start, p.period_end, p.target, p.actual) for p in i.periods.all())
                for result in project.results.all()
                for i in result.indicators.all()
            ],
        }
        for project in projects
    }


def counts():
    return {model.__name__: model.objects.count() for model in MONEY_MODELS}


def empty_the_database():
    for model in (Project, Organisation):
        model.objects.all().delete()


def import_document(document):
    return import_activities(iati.parse(document, "activities"))


def test_the_money_and_the_indicators_validate_in_the_schemas_order(funded):
    document = activities_document(Project.objects.all())
    assert schema_errors(document, "activities") == []
    (node,) = parse(document).iterfind("iati-activity")
    tags = [child.tag for child in node if child.tag in ("budget", "planned-disbursement", "transaction")]
    assert tags == ["budget"] * 3 + ["planned-disbursement"] * 2 + ["transaction"] * 5
    budgets = [
        (b.get("type"), b.get("status"), b.find("value").get("currency"), b.find("value").text)
        for b in node.iterfind("budget")
    ]
    # Recorded budgets replace the yearly shares of the total; USD, the default currency, goes unsaid.
    assert budgets == [
        ("1", "1", "EUR", "800000.00"),
        ("2", "2", None, "950000.50"),
        ("1", "1", None, "700000.00"),
    ]
    assert all(b.get(ilo("derived")) is None for b in node.iterfind("budget"))
    disbursement = node.find("planned-disbursement")
    assert disbursement.find("provider-org").get("ref") == "XM-DAC-701"
    assert disbursement.findtext("provider-org/narrative") == "Funding Ministry"
    assert disbursement.findtext("receiver-org/narrative") == "Implementing NGO"
    assert [t.find("transaction-type").get("code") for t in node.iterfind("transaction")] == [
        "1",
        "2",
        "3",
        "4",
        "11",
    ]
    paid = node.findall("transaction")[2]
    assert paid.get("ref") == "TX-3"
    assert paid.find("value").get("currency") == "EUR"
    assert paid.find("value").get("value-date") == "2016-03-03"
    assert [n.text for n in paid.iterfind("description/narrative")] == ["Payment 3", "Paiement 3"]
    assert node.findall("transaction")[1].findtext("receiver-org/narrative") == "District office"
    (result,) = node.iterfind("result")
    headline, trained, share, bare = result.iterfind("indicator")
    assert headline.find("period/actual").get("value") == "420"  # today's headline figure stays first
    assert (trained.get("measure"), trained.get("ascending")) == ("1", "1")
    assert (trained.find("baseline").get("year"), trained.find("baseline").get("value")) == ("2015", "0")
    assert [
        (p.find("period-start").get("iso-date"), p.find("target").get("value"), p.find("actual"))
        for p in trained.iterfind("period")
    ][1] == ("2017-01-01", "800", None)
    assert (share.get("measure"), share.get("ascending")) == ("2", "0")
    assert share.find("period/actual").get("value") == "55.25"
    assert bare.find("baseline") is None


def test_a_project_without_recorded_budgets_still_gives_its_total_as_yearly_shares(db):
    ProjectFactory(budget_usd=Decimal("1000.00"))
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    budgets = node.findall("budget")
    assert len(budgets) == 4
    assert {b.get(ilo("derived")) for b in budgets} == {"budget-usd"}


def test_export_then_import_into_an_empty_database_gives_the_same_rows(funded):
    before = money_snapshot()
    document = activities_document(Project.objects.all(), user=None)
    empty_the_database()
    assert counts() == dict.fromkeys(counts(), 0)

    report = import_document(document)

    assert (len(report.created), report.skipped) == (1, [])
    assert money_snapshot() == before
    assert Budget.objects.get(currency="EUR").value_usd == Decimal("880000.00")  # at the recorded rate


def test_importing_the_same_file_again_replaces_and_never_duplicates(funded):
    before, rows = money_snapshot(), counts()
    document = activities_document(Project.objects.all())

    import_document(document)
    report = import_document(document)

    assert (len(report.updated), report.skipped) == (1, [])
    assert money_snapshot() == before
    assert counts() == rows


def test_rows_the_file_no_longer_has_are_removed(funded):
    document = activities_document(Project.objects.all())
    TransactionFactory(project=funded, reference="not in the file")
    BudgetFactory(
        project=funded, period_start=datetime.date(2018, 1, 1), period_end=datetime.date(2018, 12, 31)
    )

    import_document(document)

    assert not Transaction.objects.filter(reference="not in the file").exists()
    assert funded.budgets.count() == 3


def test_a_draft_provider_is_never_named_to_the_public(db):
    project = ProjectFactory()
    draft = OrganisationFactory(
        name="Secret Fund", iati_identifier="XX-SECRET", publication_status=Status.DRAFT
    )
    TransactionFactory(project=project, provider=draft)
    PlannedDisbursementFactory(project=project, receiver=draft)

    public = activities_document(Project.objects.all())
    staff = activities_document(Project.objects.all(), user=StaffUser())

    assert b"Secret Fund" not in public and b"XX-SECRET" not in public
    assert schema_errors(public, "activities") == []
    assert b"Secret Fund" in staff


class StaffUser:
    is_active = is_staff = True


def test_a_provider_that_is_not_recorded_stays_a_name(db):
    project = ProjectFactory(slug="named")
    TransactionFactory(project=project, provider_name="A foundation")
    document = activities_document(Project.objects.all()).replace(b"A foundation", b"Another foundation")

    import_document(document)

    assert Transaction.objects.get().provider_name == "Another foundation"
    assert Transaction.objects.get().provider is None


def edited(document, pattern, replacement):
    """The document with the first match of a regular expression replaced (whitespace as written)."""
    document, found = re.subn(pattern, replacement, document, count=1)
    assert found == 1, pattern
    return document


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            b'<value value-date="2016-03-01">1000.00</value>',
            b'<value value-date="2016-03-01">-1000.00</value>',
            "transactions: value: ",
        ),
        (b'currency="EUR"', b'currency="EUX"', "currency 'EUX'; an amount needs an ISO 4217 currency code"),
        (
            rb'<period-end iso-date="2017-12-31"/>(\s*<value value-date="2017-01-01">700000.00)',
            rb'<period-end iso-date="2016-12-31"/>\1',
            "budgets: The period cannot end before it starts.",
        ),
        (
            rb'<period-end iso-date="2017-12-31"/>(\s*<target value="800"/>)',
            rb'<period-end iso-date="2019-12-31"/>\1',
            "indicator 'Workers trained in safety': periods: An indicator period must lie within the project",
        ),
    ],
    ids=["negative value", "unknown currency", "period ends before it starts", "period outside the project"],
)
def test_bad_money_skips_the_activity_says_why_and_changes_nothing(funded, old, new, reason):
    before, rows = money_snapshot(), counts()
    document = edited(activities_document(Project.objects.all()), old, new)

    report = import_document(document)

    ((identifier, said),) = report.skipped
    assert identifier == funded.iati_id
    assert reason in said
    assert money_snapshot() == before
    assert counts() == rows
    assert Result.objects.filter(project=funded).count() == 1


def test_an_unknown_currency_names_the_element(funded):
    document = edited(activities_document(Project.objects.all()), b'currency="EUR"', b'currency="EUX"')
    ((_, said),) = import_document(document).skipped
    assert said.startswith("budget 2016-01-01: currency 'EUX'")


FOREIGN = b"""<iati-activities version="2.03">
  <iati-activity default-currency="EUR" xml:lang="en">
    <iati-identifier>XM-EXAMPLE-1</iati-identifier>
    <reporting-org ref="XM-EXAMPLE" type="10"><narrative>A publisher</narrative></reporting-org>
    <title><narrative>Skills for youth</narrative></title>
    <description type="1"><narrative>Training.</narrative></description>
    <participating-org ref="XM-DAC-701" role="1" type="10">
      <narrative>Funding Ministry</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2019-01-01"/>
    <activity-date type="3" iso-date="2021-12-31"/>
    <recipient-country code="KE" percentage="100"/>
    <budget type="1" status="2"><period-start iso-date="2019-01-01"/><period-end iso-date="2019-12-31"/>
      <value value-date="2019-01-01">1000</value></budget>
    <transaction>
      <transaction-type code="12"/><transaction-date iso-date="2019-05-01"/>
      <value value-date="2019-05-01">10</value>
    </transaction>
    <transaction>
      <transaction-type code="3"/><transaction-date iso-date="2019-06-01"/>
      <value currency="USD" value-date="2019-06-01">250</value>
      <provider-org ref="XM-DAC-701"><narrative>The ministry, as named here</narrative></provider-org>
      <receiver-org><narrative>A training centre</narrative></receiver-org>
    </transaction>
    <result type="1">
      <title><narrative>Young people trained</narrative></title>
      <indicator measure="1" ascending="true">
        <title><narrative>young people</narrative></title>
        <baseline year="2018" value="0"/>
        <period><period-start iso-date="2019-01-01"/><period-end iso-date="2019-12-31"/>
          <target value="1,000"/><actual value="800"/></period>
      </indicator>
    </result>
  </iati-activity>
</iati-activities>
"""


def test_another_publishers_money_is_read_in_the_activitys_default_currency(db):
    report = import_document(FOREIGN)

    assert report.skipped == []
    assert "XM-EXAMPLE-1: transaction 2019-05-01 of type '12' left out: not a type the site keeps" in (
        report.warnings
    )
    project = Project.objects.get(iati_identifier="XM-EXAMPLE-1")
    budget = project.budgets.get()
    assert (budget.currency, budget.value, budget.status) == ("EUR", 1000, Budget.Status.COMMITTED)
    paid = project.transactions.get()
    ministry = Organisation.objects.get(iati_identifier="XM-DAC-701")  # made for the participating-org
    assert (paid.currency, paid.provider, paid.provider_name) == ("USD", ministry, "")
    assert (paid.receiver, paid.receiver_name) == (None, "A training centre")
    # The first indicator has a baseline and a target: it is the headline figure and an indicator.
    (result,) = project.results.all()
    assert result.value == 800
    (indicator,) = result.indicators.all()
    assert (indicator.title, indicator.baseline_year, indicator.baseline_value) == ("young people", 2018, 0)
    assert list(indicator.periods.values_list("target", "actual")) == [(1000, 800)]
