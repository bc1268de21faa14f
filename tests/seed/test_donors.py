"""The seed's donors, as the "Japan ILO Cooperation" brochure and the 2022 news item describe them:
Japan and the Republic of Korea."""

import datetime
from decimal import Decimal

import pytest

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from tests.seed.facts import BROCHURE, NEWS, japan, korea

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def test_japan_membership_and_conventions():
    donor = japan()
    assert donor.name == "Japan"
    assert donor.kind == Donor.Kind.MEMBER_STATE
    assert donor.country_id == "JP"
    assert donor.ilo_member_since == 1919
    assert donor.founding_member is True
    assert (donor.conventions_fundamental, donor.conventions_governance, donor.conventions_technical) == (
        6,
        3,
        40,
    )
    assert donor.conventions_ratified == 49
    assert donor.featured is True
    assert donor.profile_as_of == datetime.date(2017, 5, 1)
    assert donor.source.slug == BROCHURE


def test_japan_holds_a_permanent_governing_body_seat():
    donor = japan()
    assert donor.governing_body_seat == Donor.GoverningBodySeat.PERMANENT
    assert "ten permanent government seats" in donor.governing_body_note
    assert "State of Chief Industrial Importance" in donor.governing_body_note


def test_japan_profile_covers_the_brochure():
    profile = japan().profile
    for phrase in [
        "quality growth",
        "infrastructure and human resources",
        "Junior Professional Officer programme",
        "secondment of Japanese officials",
        "Japanese Consumers' Co-operative Union",
        "governmental constituent",
        "peace, stability and prosperity",
    ]:
        assert phrase in profile


def test_japan_oda_2016():
    oda = OdaFigure.objects.get(donor=japan(), year=2016)
    assert oda.amount_usd == Decimal("10370000000.00")
    assert oda.gni_percent == Decimal("0.20")
    assert oda.source == "OECD Development Co-operation Report 2017"


def test_japan_assessed_contribution_2012_2017():
    assessed = Contribution.objects.get(donor=japan(), kind=Contribution.Kind.ASSESSED)
    assert (assessed.year_from, assessed.year_to) == (2012, 2017)
    assert assessed.amount_usd == Decimal("271000000.00")
    assert assessed.amount_qualifier == "more-than"
    assert assessed.amount == "more than 271,000,000"
    assert assessed.rank == 2
    assert assessed.rank_note == "second largest contributor to the ILO's regular budget"


def test_japan_voluntary_contribution_2012_2017():
    voluntary = Contribution.objects.get(donor=japan(), kind=Contribution.Kind.VOLUNTARY_EARMARKED)
    assert (voluntary.year_from, voluntary.year_to) == (2012, 2017)
    assert voluntary.amount_usd == Decimal("31800000.00")
    assert voluntary.amount_qualifier == ""
    assert "earmarked to priority programmes and projects" in voluntary.description


def test_japan_in_kind_support_has_no_invented_value():
    in_kind = Contribution.objects.filter(donor=japan(), kind=Contribution.Kind.IN_KIND)
    descriptions = " ".join(in_kind.values_list("description", flat=True))
    assert "Junior Professional Officer" in descriptions
    assert "secondment of Japanese officials" in descriptions
    assert "Japanese Consumers' Co-operative Union" in descriptions
    assert all(c.amount_usd is None for c in in_kind)
    assert all((c.year_from, c.year_to) == (2017, 2017) for c in in_kind)
    assert all("no years" in c.source_note for c in in_kind)
    assert in_kind.get(channel__acronym="JCCU")


def test_japan_priority_areas_in_order():
    areas = [(a.name, a.detail) for a in PriorityArea.objects.filter(donor=japan())]
    assert areas == [
        ("Peace building", ""),
        (
            "Poverty reduction",
            "education, health and population, water and sanitation and agriculture and rural development",
        ),
        ("Resilient international community", "environment, energy and disaster reduction"),
        ("Good governance, gender equality and human security", ""),
    ]


def test_republic_of_korea():
    donor = korea()
    assert donor.kind == Donor.Kind.MEMBER_STATE
    assert donor.country_id == "KR"
    assert donor.featured is True
    assert "Strengthening the Social and Solidarity Economy in Asia" in donor.summary
    assert donor.source.slug == NEWS
