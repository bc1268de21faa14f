"""factory-boy factories for every curated model. Reference rows come from the migrations."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from events.models import Event, Organiser, Speaker
from kernel.publishing import Status
from kernel.taxonomy.models import SDG, Country, Region, Source, Theme
from organisations.models import Organisation, Person
from projects.models import (
    Budget,
    ExchangeRate,
    Indicator,
    IndicatorPeriod,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


def country(code):
    return Country.objects.get(code=code)


def theme(slug):
    return Theme.objects.get(slug=slug)


def region(slug):
    return Region.objects.get(slug=slug)


def sdg(number):
    return SDG.objects.get(number=number)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    kind = Source.Kind.REPORT


class PublishedFactory(factory.django.DjangoModelFactory):
    """Records are published unless a test asks for a draft (`publication_status=Status.DRAFT`)."""

    class Meta:
        abstract = True

    publication_status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class DonorFactory(PublishedFactory):
    class Meta:
        model = Donor

    name = factory.Sequence(lambda n: f"Donor {n}")
    slug = factory.Sequence(lambda n: f"donor-{n}")
    kind = Donor.Kind.MEMBER_STATE


class OrganisationFactory(PublishedFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    type = Organisation.Type.GOVERNMENT
    category = Organisation.Category.MINISTRY


class PriorityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityArea

    donor = factory.SubFactory(DonorFactory)
    name = factory.Sequence(lambda n: f"Priority {n}")


class OdaFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OdaFigure

    donor = factory.SubFactory(DonorFactory)
    year = 2016
    amount_usd = "1000000.00"
    source = "OECD"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    donor = factory.SubFactory(DonorFactory)
    kind = Contribution.Kind.VOLUNTARY_EARMARKED
    year_from = 2012
    year_to = 2017
    amount_usd = "1000000.00"


class ProjectFactory(PublishedFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    status = Project.Status.IMPLEMENTATION
    start_date = datetime.date(2015, 1, 1)
    end_date = datetime.date(2018, 12, 31)

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.countries.set(country(code) if isinstance(code, str) else code for code in extracted)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(theme(slug) if isinstance(slug, str) else slug for slug in extracted)

    @factory.post_generation
    def donors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.donors.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Participant.Role.IMPLEMENTING


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Result {n}")
    value = 100


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    project = factory.SubFactory(ProjectFactory)
    period_start = datetime.date(2016, 1, 1)
    period_end = datetime.date(2016, 12, 31)
    value = 100_000


class PlannedDisbursementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedDisbursement

    project = factory.SubFactory(ProjectFactory)
    period_start = datetime.date(2016, 1, 1)
    period_end = datetime.date(2016, 12, 31)
    value = 50_000


class TransactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transaction

    project = factory.SubFactory(ProjectFactory)
    kind = Transaction.Kind.DISBURSEMENT
    date = datetime.date(2016, 6, 30)
    value = 40_000


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "EUR"
    day = datetime.date(2016, 1, 1)
    usd_per_unit = "1.10"
    source = "UN operational rates of exchange"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    title = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "workers trained"
    baseline_year = 2015
    baseline_value = 0


class IndicatorPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2016, 1, 1)
    period_end = datetime.date(2016, 12, 31)
    target = 500
    actual = 420


class PersonFactory(PublishedFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class EventFactory(PublishedFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.SEMINAR
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    timezone = "UTC"


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Organiser.Role.CO_HOST


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = Speaker.Role.PRESENTATION
    order = factory.Sequence(lambda n: n)
