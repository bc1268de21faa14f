"""The reference taxonomy arrives with the migrations, in every database."""

import pytest

from kernel.taxonomy.models import SDG, Country, Region, Theme

pytestmark = pytest.mark.django_db


def test_every_ilo_region_is_there():
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Africa",
        "Americas",
        "Arab States",
        "Asia and the Pacific",
        "Europe and Central Asia",
    ]


def test_every_iso_3166_country_is_there():
    assert Country.objects.count() == 249


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("JP", "Asia and the Pacific"),
        ("NP", "Asia and the Pacific"),
        ("FJ", "Asia and the Pacific"),
        ("SO", "Africa"),
        ("EG", "Africa"),
        ("JO", "Arab States"),
        ("SA", "Arab States"),
        ("TR", "Europe and Central Asia"),
        ("KZ", "Europe and Central Asia"),
        ("BR", "Americas"),
    ],
)
def test_country_has_its_ilo_region(code, region):
    assert Country.objects.get(code=code).region.name == region


def test_only_uninhabited_territories_have_no_region():
    assert set(Country.objects.filter(region__isnull=True).values_list("code", flat=True)) == {
        "AQ",
        "BV",
        "HM",
        "GS",
        "TF",
        "UM",
    }


def test_seventeen_sdgs_with_sdg_8_decent_work():
    assert SDG.objects.count() == 17
    assert SDG.objects.get(number=8).short_name == "Decent work and economic growth"


@pytest.mark.parametrize(
    ("slug", "dac_sector"),
    [
        ("social-protection", "16010"),
        ("informal-economy", "16020"),
        ("social-dialogue", "16080"),
        ("international-labour-standards", "16070"),
    ],
)
def test_themes_map_to_dac_sectors(slug, dac_sector):
    assert Theme.objects.get(slug=slug).dac_sector == dac_sector


def test_every_theme_sits_under_a_decent_work_objective():
    assert not Theme.objects.filter(strategic_objective="").exists()
    assert Theme.objects.count() >= 12
