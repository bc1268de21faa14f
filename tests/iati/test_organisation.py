"""A donor as an IATI 2.03 organisation file: its contributions to the ILO as yearly budgets."""

from decimal import Decimal

import pytest

from donors.iati import organisation_document, organisation_identifier
from donors.models import Donor
from kernel.iati import XML_LANG, ilo
from tests.factories import ContributionFactory, DonorFactory, OrganisationFactory, country
from tests.iati.rules import organisation_rule_errors, parse, schema_errors

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def japan_file(seed, django_db_blocker):
    """Japan's file from the seed, made once for the module."""
    with django_db_blocker.unblock():
        return organisation_document(Donor.objects.get(slug="japan"))


def test_japan_validates_against_the_iati_203_organisations_schema(japan_file):
    assert schema_errors(japan_file, "organisations") == []


def test_japan_follows_the_iati_rulesets(japan_file):
    (organisation,) = parse(japan_file).iterfind("iati-organisation")
    assert organisation_rule_errors(organisation) == []
    assert organisation.get(XML_LANG) == "en"
    assert organisation.get("default-currency") == "USD"


def test_japan_is_published_by_the_ilo_as_secondary_reporter(japan_file):
    (organisation,) = parse(japan_file).iterfind("iati-organisation")
    assert organisation.findtext("organisation-identifier") == "XM-DAC-701"
    assert organisation.findtext("name/narrative") == "Japan"
    reporting = organisation.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type"), reporting.get("secondary-reporter")) == (
        "XM-DAC-41302",
        "40",
        "1",
    )


def test_japan_contributions_are_yearly_budgets_to_the_ilo(japan_file):
    (organisation,) = parse(japan_file).iterfind("iati-organisation")
    budgets = organisation.findall("recipient-org-budget")
    assert [b.find("period-start").get("iso-date") for b in budgets] == [
        f"{y}-01-01" for y in range(2012, 2018)
    ]
    assert [b.find("period-end").get("iso-date") for b in budgets] == [
        f"{y}-12-31" for y in range(2012, 2018)
    ]
    assert {b.find("recipient-org").get("ref") for b in budgets} == {"XM-DAC-41302"}
    lines = [line for budget in budgets for line in budget.iterfind("budget-line")]
    assessed = [
        Decimal(line.findtext("value")) for line in lines if line.get("ref") == "japan-assessed-2012-2017"
    ]
    assert assessed == [Decimal("45166666.66")] * 5 + [Decimal("45166666.70")]
    assert sum(assessed) == Decimal("271000000.00")
    voluntary = [
        Decimal(line.findtext("value")) for line in lines if line.get(ilo("kind")) == "voluntary-earmarked"
    ]
    assert sum(voluntary) == Decimal("31800000.00")
    assert budgets[0].findtext("value") == "50466666.66"


def test_the_qualifier_is_kept_in_the_extension_and_said_in_words(japan_file):
    (organisation,) = parse(japan_file).iterfind("iati-organisation")
    line = organisation.find("recipient-org-budget/budget-line[@ref='japan-assessed-2012-2017']")
    assert line.get(ilo("qualifier")) == "more-than"
    assert line.findtext("narrative") == "Assessed contribution (2012–2017): more than USD 271,000,000 in all"
    contributions = organisation.find(ilo("donor")).findall(ilo("contribution"))
    assert len(contributions) == 5  # in-kind support with no value is listed, not budgeted
    assessed = next(c for c in contributions if c.get("slug") == "japan-assessed-2012-2017")
    assert (assessed.get("amount-usd"), assessed.get("qualifier")) == ("271000000.00", "more-than")


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        (Donor.Kind.MEMBER_STATE, "JP", "XM-DAC-701"),
        (Donor.Kind.MEMBER_STATE, "KR", "XM-DAC-742"),
        (Donor.Kind.MEMBER_STATE, "SA", "XM-DAC-41302-DONOR-the-donor"),
        (Donor.Kind.FOUNDATION, "US", "XM-DAC-41302-DONOR-the-donor"),
    ],
)
def test_organisation_identifier(kind, code, expected):
    donor = DonorFactory(slug="the-donor", kind=kind, country=country(code))
    assert organisation_identifier(donor) == expected


def test_an_organisation_counted_under_the_donor_lends_its_identifier(db):
    donor = DonorFactory(kind=Donor.Kind.FOUNDATION)
    OrganisationFactory(donor=donor, iati_identifier="US-EIN-123456789")
    assert organisation_identifier(donor) == "US-EIN-123456789"


def test_a_donor_without_contributions_still_validates(db):
    donor = DonorFactory(kind=Donor.Kind.PRIVATE_SECTOR)
    ContributionFactory(donor=donor, amount_usd=None, kind="in-kind", year_from=2020, year_to=2020)
    document = organisation_document(donor)
    assert schema_errors(document, "organisations") == []
    assert parse(document).find("iati-organisation/recipient-org-budget") is None
