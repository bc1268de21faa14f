"""The seed loads from the project's fixtures folder, and every record in it is clean, published and
sourced; every figure of the two sources is recorded somewhere."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db.models import ForeignKey

from kernel.publishing import Publishable, Status
from kernel.taxonomy.models import Source
from projects.models import Result
from tests.seed.facts import BROCHURE, CONTENT_MODELS, NEWS, all_text, row_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def test_manage_py_loaddata_finds_the_seed_in_the_project_fixtures_folder():
    assert Path(django_settings.BASE_DIR) / "fixtures" in [Path(d) for d in django_settings.FIXTURE_DIRS]


def test_loading_twice_changes_no_counts():
    before = row_counts()
    call_command("loaddata", "seed", verbosity=0)
    assert row_counts() == before
    assert before["organisations.Organisation"] >= 20
    assert before["projects.Project"] >= 12


def test_the_two_sources():
    brochure = Source.objects.get(slug=BROCHURE)
    assert brochure.title == "Japan ILO Cooperation"
    assert brochure.kind == Source.Kind.BROCHURE
    assert brochure.published_on == datetime.date(2017, 5, 1)
    assert "PARDEV" in brochure.publisher
    news = Source.objects.get(slug=NEWS)
    assert news.kind == Source.Kind.NEWS
    assert news.published_on == datetime.date(2022, 12, 14)
    assert news.publisher == "ILO Office for Japan"
    assert "Decent Work and the Social and Solidarity Economy" in news.title
    assert "pre-event of the Japan Society for International Development (JASID)" in news.title


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_every_record_passes_full_clean(model):
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        obj.full_clean(validate_constraints=True)


@pytest.mark.parametrize(
    "model", [m for m in CONTENT_MODELS if issubclass(m, Publishable)], ids=lambda m: m._meta.label
)
def test_every_public_record_is_published(model):
    for obj in model.objects.all():
        assert obj.publication_status == Status.PUBLISHED, obj
        assert obj.published_at is not None, obj
        assert obj.is_published, obj
    assert model.objects.published().count() == model.objects.count()


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in CONTENT_MODELS
        if any(isinstance(f, ForeignKey) and f.name == "source" for f in m._meta.concrete_fields)
    ],
    ids=lambda m: m._meta.label,
)
def test_every_sourced_record_names_its_source(model):
    for obj in model.objects.all():
        assert obj.source is not None, obj
        assert obj.source.slug in {BROCHURE, NEWS}, obj
        assert obj.source_note, obj


def test_every_result_says_where_it_comes_from():
    assert all(result.source_note for result in Result.objects.all())


def test_slugs_are_lowercase_and_hyphenated():
    for model in CONTENT_MODELS:
        if any(f.name == "slug" for f in model._meta.concrete_fields):
            for slug in model.objects.values_list("slug", flat=True):
                assert slug == slug.lower() and " " not in slug and "_" not in slug, slug


def test_every_figure_in_the_sources_is_recorded_somewhere():
    text = all_text()
    figures = [
        # brochure
        "49 Conventions",
        "ten permanent government seats",
        # Japan's ODA of 2016 (US$ 10.37 billion, 0.2% of GNI) is its own record, shown in the
        # profile's ODA table rather than a second time in its text: test_donors.test_japan_oda_2016.
        "more than USD 271 million",
        "USD 31.8 million",
        "Since 2011",
        "over 35",
        "February 2016",
        "540,400",
        "62 percent",
        "3-year",
        "March 2016",
        "1.1 million internally displaced",
        "1 million Somali refugees",
        "320",
        "2,814",
        "134 returnees",
        "about 2,300",
        "more than 2,827",
        "more than 500 members",
        "521 informal workers",
        "more than 1,400",
        "+41 22 799 7239",
        "+41 22 799 6668",
        # news
        "About 100",
        "33rd National Conference",
        "110th International Labour Conference",
        "2023\u201329",
        "next seven years",
        "past 20 years",
    ]
    missing = [figure for figure in figures if figure not in text]
    assert not missing
