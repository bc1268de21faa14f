"""The seed fixture holds the facts of its two sources: the "Japan ILO Cooperation" brochure (May 2017)
and the ILO news item of 14 December 2022 on the "Decent Work and the Social and Solidarity Economy"
seminar. The tests of tests/seed check each fact by value; here are the lookups they share."""

from django.core import serializers

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from events.models import Event, Organiser, Speaker
from kernel.taxonomy.models import Source
from organisations.models import Organisation, Person
from projects.models import Participant, Project, Result

BROCHURE = "japan-ilo-cooperation-2017"
NEWS = "decent-work-sse-seminar-news-2022"

CONTENT_MODELS = [
    Source,
    Donor,
    PriorityArea,
    OdaFigure,
    Contribution,
    Organisation,
    Project,
    Participant,
    Result,
    Person,
    Event,
    Organiser,
    Speaker,
]


def row_counts():
    counts = {model._meta.label: model.objects.count() for model in CONTENT_MODELS}
    for model in (Project, Event):
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            counts[through._meta.label] = through.objects.count()
    return counts


def japan():
    return Donor.objects.get(slug="japan")


def korea():
    return Donor.objects.get(slug="republic-of-korea")


def project(slug):
    return Project.objects.get(slug=slug)


def countries(obj):
    return set(obj.countries.values_list("code", flat=True))


def themes(obj):
    return set(obj.themes.values_list("slug", flat=True))


def roles(proj):
    return {(p.organisation.slug, p.role) for p in proj.participants.select_related("organisation")}


def all_text():
    """Every field value of every seed record, as one serialized string."""
    return "\n".join(
        serializers.serialize("json", model.objects.all(), ensure_ascii=False) for model in CONTENT_MODELS
    )
