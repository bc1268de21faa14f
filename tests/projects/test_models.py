"""Project rules the database enforces, and the questions its QuerySet answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kernel.dates import Precision
from kernel.publishing import Status
from projects.models import Participant, Project
from tests.factories import OrganisationFactory, ParticipantFactory, ProjectFactory, ResultFactory

pytestmark = pytest.mark.django_db


def test_end_before_start_is_refused_by_the_database():
    project = ProjectFactory()
    project.end_date = project.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_end_before_start_is_a_validation_error_naming_the_problem():
    project = ProjectFactory.build(start_date=datetime.date(2017, 1, 1), end_date=datetime.date(2016, 1, 1))
    with pytest.raises(ValidationError, match="end date cannot be before the start date"):
        project.full_clean()


def test_negative_budget_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(budget_usd=-1)


def test_duplicate_slug_is_refused():
    ProjectFactory(slug="way-out")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(slug="way-out")


def test_duplicate_iati_identifier_is_refused_but_many_may_have_none():
    ProjectFactory(iati_identifier="XM-DAC-41302-NPL-1")
    ProjectFactory(iati_identifier="")
    ProjectFactory(iati_identifier="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(iati_identifier="XM-DAC-41302-NPL-1")


def test_duplicate_iati_identifier_is_a_validation_error():
    ProjectFactory(iati_identifier="XM-DAC-41302-1")
    with pytest.raises(ValidationError, match="already has this IATI identifier"):
        ProjectFactory.build(iati_identifier="XM-DAC-41302-1").full_clean()


def test_published_requires_a_publication_time_in_the_database():
    project = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(publication_status=Status.PUBLISHED)


def test_saving_as_published_stamps_the_publication_time():
    project = ProjectFactory(publication_status=Status.PUBLISHED, published_at=None)
    assert project.published_at is not None
    assert project.is_published


def test_published_excludes_drafts_and_future_publication():
    live = ProjectFactory()
    ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    ProjectFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert list(Project.objects.published()) == [live]


def test_visible_to_staff_includes_drafts(superuser, django_user_model):
    draft = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    anonymous = django_user_model(username="visitor")
    assert draft in Project.objects.visible_to(superuser)
    assert draft not in Project.objects.visible_to(anonymous)


def test_queryset_publish_keeps_existing_publication_time():
    first = timezone.now() - datetime.timedelta(days=10)
    earlier = ProjectFactory(publication_status=Status.DRAFT, published_at=first)
    never = ProjectFactory(publication_status=Status.DRAFT, published_at=None)
    assert Project.objects.filter(pk__in=[earlier.pk, never.pk]).publish() == 2
    earlier.refresh_from_db()
    never.refresh_from_db()
    assert earlier.published_at == first
    assert never.published_at is not None
    assert set(Project.objects.published()) == {earlier, never}


@pytest.mark.parametrize(
    ("start", "end", "year", "active"),
    [
        ((2012, 1, 1), (2017, 12, 31), 2012, True),
        ((2012, 1, 1), (2017, 12, 31), 2017, True),
        ((2012, 1, 1), (2017, 12, 31), 2018, False),
        ((2012, 1, 1), (2017, 12, 31), 2011, False),
        ((2011, 6, 1), None, 2025, True),
    ],
)
def test_active_in_year(start, end, year, active):
    project = ProjectFactory(start_date=datetime.date(*start), end_date=datetime.date(*end) if end else None)
    assert (project in Project.objects.active_in(year)) is active


def test_for_country_finds_projects_in_any_of_the_countries():
    nepal = ProjectFactory(countries=["NP", "IN"])
    fiji = ProjectFactory(countries=["FJ"])
    assert list(Project.objects.for_country("np")) == [nepal]
    assert set(Project.objects.for_country("NP", "FJ")) == {nepal, fiji}


def test_period_is_shown_at_the_precision_stored():
    project = ProjectFactory.build(
        start_date=datetime.date(2012, 1, 1),
        start_precision=Precision.YEAR,
        end_date=datetime.date(2017, 12, 31),
        end_precision=Precision.YEAR,
    )
    assert project.period == "2012–2017"
    project.end_date = None
    assert project.period == "since 2012"


def test_absolute_url_uses_the_slug():
    assert ProjectFactory.build(slug="way-out-of-informality").get_absolute_url() == (
        "/projects/way-out-of-informality/"
    )


def test_an_organisation_has_one_participation_per_role():
    participant = ParticipantFactory(role=Participant.Role.FUNDING)
    ParticipantFactory(project=participant.project, organisation=participant.organisation, role="4")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(project=participant.project, organisation=participant.organisation, role="1")


def test_negative_result_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory(value=-5)


@pytest.mark.parametrize(
    ("value", "qualifier", "figure"),
    [(2827, "more-than", "more than 2,827"), (2300, "about", "about 2,300"), (134, "", "134")],
)
def test_result_figure_reads_as_the_source_says(value, qualifier, figure):
    assert ResultFactory.build(value=value, qualifier=qualifier).figure == figure


def test_organisation_cannot_be_its_own_ancestor():
    ilo = OrganisationFactory()
    office = OrganisationFactory(parent=ilo)
    ilo.parent = office
    with pytest.raises(ValidationError, match="cannot be part of itself"):
        ilo.full_clean()
