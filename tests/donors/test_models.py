"""Donor and contribution rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from donors.models import Contribution
from kernel.publishing import Status
from tests.factories import ContributionFactory, DonorFactory, OdaFigureFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_year_to_before_year_from_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(year_from=2017, year_to=2012)


def test_year_to_before_year_from_is_a_validation_error():
    contribution = ContributionFactory.build(donor=DonorFactory(), year_from=2017, year_to=2012)
    with pytest.raises(ValidationError, match="last year cannot be before the first year"):
        contribution.full_clean()


def test_negative_contribution_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(amount_usd=-1)


def test_negative_oda_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        OdaFigureFactory(amount_usd=-1)


def test_duplicate_donor_slug_is_refused():
    DonorFactory(slug="japan")
    with pytest.raises(IntegrityError), transaction.atomic():
        DonorFactory(slug="japan")


def test_duplicate_organisation_iati_identifier_is_refused():
    OrganisationFactory(iati_identifier="XM-DAC-41302")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(iati_identifier="XM-DAC-41302")


def test_founding_member_must_have_joined_in_1919():
    donor = DonorFactory.build(founding_member=True, ilo_member_since=1951)
    with pytest.raises(ValidationError):
        donor.full_clean()


def test_contribution_gets_a_readable_unique_slug():
    japan = DonorFactory(slug="japan")
    first = ContributionFactory(donor=japan, kind=Contribution.Kind.ASSESSED, year_from=2012, year_to=2017)
    second = ContributionFactory(donor=japan, kind=Contribution.Kind.ASSESSED, year_from=2012, year_to=2017)
    single = ContributionFactory(donor=japan, kind=Contribution.Kind.IN_KIND, year_from=2017, year_to=2017)
    assert first.slug == "japan-assessed-2012-2017"
    assert second.slug == "japan-assessed-2012-2017-2"
    assert single.slug == "japan-in-kind-2017"


def test_contribution_reads_as_the_source_states_it():
    contribution = ContributionFactory.build(
        amount_usd=271_000_000, amount_qualifier="more-than", year_from=2012, year_to=2017
    )
    assert contribution.amount == "more than 271,000,000"
    assert contribution.period == "2012–2017"


def test_contributions_of_a_draft_donor_are_not_published():
    draft = DonorFactory(publication_status=Status.DRAFT, published_at=None)
    hidden = ContributionFactory(donor=draft)
    shown = ContributionFactory()
    assert list(Contribution.objects.published()) == [shown]
    assert hidden not in Contribution.objects.published()


def test_conventions_ratified_adds_up_the_parts():
    donor = DonorFactory.build(conventions_fundamental=6, conventions_governance=3, conventions_technical=40)
    assert donor.conventions_ratified == 49
    assert DonorFactory.build().conventions_ratified is None


def test_absolute_urls():
    assert DonorFactory.build(slug="japan").get_absolute_url() == "/donors/japan/"
    assert OrganisationFactory.build(slug="jica").get_absolute_url() == "/donors/organisations/jica/"
