"""A spreadsheet cell is read as people write it: labels as well as codes, names as well as slugs,
money with separators and a currency; what cannot be read is said in a sentence."""

from decimal import Decimal

import pytest
from tablib import Dataset

from donors.models import Contribution, Donor
from donors.resources import ContributionResource, DonorResource
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import DonorFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Slug",
    "Title",
    "Activity status",
    "Budget (USD)",
    "SDGs",
    "Countries",
    "Themes",
    "Regions",
    "Donors",
]


def import_project(**cells):
    row = {"Slug": "nepal-sse", "Title": "SSE in Nepal", **cells}
    dataset = Dataset(headers=list(row))
    dataset.append(list(row.values()))
    resource = ProjectResource()
    result = resource.import_data(dataset, dry_run=False)
    return result, resource.problems(result)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Implementation", "2"),
        ("implementation", "2"),
        ("2", "2"),
        (2.0, "2"),
        ("Closed", "4"),
        ("Pipeline/identification", "1"),
        ("Ongoing", "2"),  # the site's plain words, as visitors read them
        ("finished", "4"),
        ("Planned", "1"),
    ],
)
def test_activity_status_by_its_label_or_its_code(written, stored):
    result, problems = import_project(**{"Activity status": written})
    assert problems == []
    assert Project.objects.get(slug="nepal-sse").status == stored


@pytest.mark.parametrize(
    "written",
    ["1,000,000", "1 000 000", "1\u00a0000\u00a0000", "USD 1,000,000", "US$1,000,000", "$1,000,000",
     "1,000,000 USD", "1000000", "1000000.00", "USD 1 million", "1.000.000", 1000000, 1000000.0],
)  # fmt: skip
def test_a_budget_as_people_write_it(written):
    result, problems = import_project(**{"Budget (USD)": written})
    assert problems == []
    assert Project.objects.get(slug="nepal-sse").budget_usd == Decimal("1000000")


def test_fractions_of_a_dollar_and_millions():
    import_project(**{"Budget (USD)": "USD 31.8 million"})
    assert Project.objects.get().budget_usd == Decimal("31800000")
    import_project(**{"Budget (USD)": "1,234.56"})
    assert Project.objects.get().budget_usd == Decimal("1234.56")


@pytest.mark.parametrize(
    "written", ["SDG 8", "8", "sdg8", "Goal 8", "SDG 8: Decent work and economic growth", 8.0]
)
def test_sdg_by_number_or_name(written):
    result, problems = import_project(SDGs=written)
    assert problems == []
    assert list(Project.objects.get().sdgs.values_list("number", flat=True)) == [8]


def test_sdg_by_its_title():
    from kernel.taxonomy.models import SDG

    goal = SDG.objects.get(number=8)
    for title in (goal.name, goal.short_name.upper()):
        result, problems = import_project(SDGs=title)
        assert problems == []
        assert list(Project.objects.get().sdgs.values_list("number", flat=True)) == [8]


@pytest.mark.parametrize(
    ("written", "codes"),
    [("Japan", ["JP"]), ("JP", ["JP"]), ("jpn", ["JP"]), ("Nepal; India", ["IN", "NP"]),
     ("Viet Nam;Vietnam", ["VN"]), ("Republic of Korea", ["KR"]), ("South Korea", ["KR"])],
)  # fmt: skip
def test_countries_by_name_or_code(written, codes):
    result, problems = import_project(Countries=written)
    assert problems == []
    assert sorted(Project.objects.get().countries.values_list("code", flat=True)) == codes


def test_themes_regions_and_donors_by_name_or_slug():
    DonorFactory(slug="japan", name="Government of Japan", short_name="Japan")
    DonorFactory(slug="korea", name="Republic of Korea")
    result, problems = import_project(
        Themes="Informal economy and formalization; social-protection",
        Regions="Asia and the Pacific",
        Donors="Japan; korea",
    )
    assert problems == []
    project = Project.objects.get()
    assert set(project.themes.values_list("slug", flat=True)) == {"informal-economy", "social-protection"}
    assert list(project.regions.values_list("slug", flat=True)) == ["asia-pacific"]
    assert set(project.donors.values_list("slug", flat=True)) == {"japan", "korea"}


def test_code_names_of_columns_are_still_read():
    """Files written before the columns had people's names (and by scripts) still import."""
    dataset = Dataset(headers=["slug", "title", "status", "budget_usd", "sdgs", "countries"])
    dataset.append(["nepal-sse", "SSE in Nepal", "Finalisation", "2,500", "SDG 8", "Nepal"])
    result = ProjectResource().import_data(dataset, dry_run=False)
    assert ProjectResource().problems(result) == []
    project = Project.objects.get()
    assert (project.status, project.budget_usd) == ("3", Decimal("2500"))


def test_contribution_by_donor_and_channel_names_with_its_kind_label():
    DonorFactory(slug="japan", name="Government of Japan", short_name="Japan")
    OrganisationFactory(slug="mhlw", name="Ministry of Health, Labour and Welfare", acronym="MHLW")
    dataset = Dataset(
        headers=[
            "Slug",
            "Donor",
            "Kind",
            "From (year)",
            "To (year)",
            "Amount (USD)",
            "Amount qualifier",
            "Channel",
        ]
    )
    dataset.append(
        ["japan-2016", "Japan", "Assessed", "2,016", "2016", "USD 271 million", "More than", "MHLW"]
    )
    result = ContributionResource().import_data(dataset, dry_run=False)
    assert ContributionResource().problems(result) == []
    contribution = Contribution.objects.get()
    assert contribution.donor.slug == "japan" and contribution.channel.slug == "mhlw"
    assert (contribution.kind, contribution.amount_usd, contribution.amount_qualifier) == (
        "assessed",
        Decimal("271000000"),
        "more-than",
    )


AMOUNT_EXAMPLE = "write it as 1000000, 1,000,000 or USD 1,000,000."


@pytest.mark.parametrize(
    ("column", "written", "message"),
    [
        ("Budget (USD)", "lots", f"“lots” is not an amount; {AMOUNT_EXAMPLE}"),
        ("Budget (USD)", "EUR 5,000", "“EUR 5,000” is not in US dollars: amounts are in USD"),
        ("Budget (USD)", "more than 5,000", "“more than 5,000” says more than a number: put the qualifier"),
        ("Activity status", "Ongoingg", "“Ongoingg” is not an accepted activity status; write one of these: "
         "Pipeline/identification (1), Implementation (2)"),
        ("SDGs", "SDG 18", "There is no SDG “SDG 18”; write the number, name or short name."),
        ("Countries", "Japn", "There is no country “Japn” (did you mean Japan?)"),
        ("Donors", "nobody", "There is no donor “nobody”; write the slug, name or short name of one"),
    ],
)  # fmt: skip
def test_an_unreadable_cell_is_named_in_words(column, written, message):
    result, problems = import_project(**{column: written})
    assert len(problems) == 1 and problems[0].startswith(f"row 2, column {column}: {message}"), problems
    assert "<class" not in problems[0] and "expected a number" not in problems[0]
    assert not Project.objects.exists()


def test_a_name_two_records_share_asks_for_the_slug():
    OrganisationFactory(slug="ilo-tokyo", name="ILO Office")
    OrganisationFactory(slug="ilo-geneva", name="ILO Office")
    dataset = Dataset(
        headers=["Slug", "Donor", "Kind", "From (year)", "To (year)", "Amount (USD)", "Channel"]
    )
    DonorFactory(slug="japan")
    dataset.append(["c", "japan", "assessed", "2016", "2016", "1", "ILO office"])
    result = ContributionResource().import_data(dataset, dry_run=False)
    [problem] = ContributionResource().problems(result)
    assert problem.startswith(
        "row 2, column Channel: “ILO office” names more than one organisation; write the slug"
    )
    assert "ilo-tokyo" in problem and "ilo-geneva" in problem


def test_donor_yes_no_and_dates_in_words():
    dataset = Dataset(
        headers=["Name", "Kind", "Country", "Founding member of the ILO", "ILO member since", "Profile as of"]
    )
    dataset.append(["Japan", "Member State", "Japan", "yes", "1919", "1 May 2017"])
    result = DonorResource().import_data(dataset, dry_run=False)
    assert DonorResource().problems(result) == []
    donor = Donor.objects.get()
    assert (donor.slug, donor.kind, donor.country_id, donor.founding_member) == (
        "japan",
        "member-state",
        "JP",
        True,
    )
    assert str(donor.profile_as_of) == "2017-05-01"


def test_an_ambiguous_date_is_refused_rather_than_guessed():
    dataset = Dataset(headers=["Name", "Kind", "Profile as of"])
    dataset.append(["Japan", "member-state", "02/05/2017"])
    result = DonorResource().import_data(dataset, dry_run=False)
    assert DonorResource().problems(result) == [
        "row 2, column Profile as of: “02/05/2017” is not a date we can read without guessing; "
        "write it as 2022-12-02."
    ]
