"""Reference data every database needs: ILO regions, ISO 3166-1 countries, themes and the 17 SDGs.

Loaded by update_or_create, so running it on a database that already has some of the rows
(restored from a backup, say) neither fails nor duplicates them.
"""

import csv
from pathlib import Path

from django.db import migrations

COUNTRIES_CSV = Path(__file__).resolve().parent.parent / "data" / "countries.csv"

# slug, name, IATI Region code (OECD DAC vocabulary 1)
REGIONS = [
    ("africa", "Africa", "298"),
    ("americas", "Americas", "498"),
    ("arab-states", "Arab States", "589"),
    ("asia-pacific", "Asia and the Pacific", "798"),
    ("europe-central-asia", "Europe and Central Asia", "89"),
]

# slug, name, strategic objective, DAC 5-digit purpose code
THEMES = [
    ("social-protection", "Social protection", "social-protection", "16010"),
    ("occupational-safety-and-health", "Occupational safety and health", "social-protection", "16070"),
    ("skills-and-employability", "Skills and employability", "employment", "11330"),
    ("employment-policy", "Employment policy", "employment", "16020"),
    ("green-jobs", "Green jobs", "employment", "16020"),
    ("enterprises", "Enterprises and entrepreneurship", "employment", "32130"),
    ("child-labour", "Child labour", "rights", "16070"),
    ("informal-economy", "Informal economy and formalization", "employment", "16020"),
    (
        "social-dialogue",
        "Social dialogue and industrial relations",
        "social-dialogue",
        "16080",
    ),
    ("labour-administration", "Labour administration and inspection", "social-dialogue", "16070"),
    ("crisis-response", "Crisis response and recovery", "employment", "73010"),
    (
        "social-solidarity-economy",
        "Social and solidarity economy and cooperatives",
        "employment",
        "16020",
    ),
    ("international-labour-standards", "International labour standards", "rights", "16070"),
    ("labour-migration", "Labour migration", "rights", "15190"),
]

SDGS = [
    (1, "No poverty", "End poverty in all its forms everywhere"),
    (
        2,
        "Zero hunger",
        "End hunger, achieve food security and improved nutrition and promote sustainable agriculture",
    ),
    (3, "Good health and well-being", "Ensure healthy lives and promote well-being for all at all ages"),
    (
        4,
        "Quality education",
        "Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all",
    ),
    (5, "Gender equality", "Achieve gender equality and empower all women and girls"),
    (
        6,
        "Clean water and sanitation",
        "Ensure availability and sustainable management of water and sanitation for all",
    ),
    (
        7,
        "Affordable and clean energy",
        "Ensure access to affordable, reliable, sustainable and modern energy for all",
    ),
    (
        8,
        "Decent work and economic growth",
        "Promote sustained, inclusive and sustainable economic growth, full and productive employment "
        "and decent work for all",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Build resilient infrastructure, promote inclusive and sustainable industrialization and foster innovation",
    ),
    (10, "Reduced inequalities", "Reduce inequality within and among countries"),
    (
        11,
        "Sustainable cities and communities",
        "Make cities and human settlements inclusive, safe, resilient and sustainable",
    ),
    (12, "Responsible consumption and production", "Ensure sustainable consumption and production patterns"),
    (13, "Climate action", "Take urgent action to combat climate change and its impacts"),
    (
        14,
        "Life below water",
        "Conserve and sustainably use the oceans, seas and marine resources for sustainable development",
    ),
    (
        15,
        "Life on land",
        "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, "
        "combat desertification, and halt and reverse land degradation and halt biodiversity loss",
    ),
    (
        16,
        "Peace, justice and strong institutions",
        "Promote peaceful and inclusive societies for sustainable development, provide access to justice for "
        "all and build effective, accountable and inclusive institutions at all levels",
    ),
    (
        17,
        "Partnerships for the goals",
        "Strengthen the means of implementation and revitalize the Global Partnership for Sustainable "
        "Development",
    ),
]


def load(apps, schema_editor):
    Region = apps.get_model("taxonomy", "Region")
    Country = apps.get_model("taxonomy", "Country")
    Theme = apps.get_model("taxonomy", "Theme")
    SDG = apps.get_model("taxonomy", "SDG")

    regions = {}
    for position, (slug, name, iati_code) in enumerate(REGIONS):
        regions[slug], _ = Region.objects.update_or_create(
            slug=slug, defaults={"name": name, "iati_code": iati_code, "position": position}
        )
    with COUNTRIES_CSV.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            Country.objects.update_or_create(
                code=row["code"],
                defaults={
                    "alpha3": row["alpha3"],
                    "name": row["name"],
                    "region": regions.get(row["ilo_region"]),
                },
            )
    for slug, name, objective, dac_sector in THEMES:
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "strategic_objective": objective, "dac_sector": dac_sector}
        )
    for number, short_name, name in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"short_name": short_name, "name": name})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
