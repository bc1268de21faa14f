"""The project FilterSet: each filter alone and combined, facet counts, bad input."""

import datetime

import pytest
from django.http import QueryDict

from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import DonorFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db


def run(query):
    filterset = ProjectFilter(QueryDict(query), queryset=Project.objects.published())
    return filterset


@pytest.fixture
def projects():
    japan = DonorFactory(slug="japan", name="Japan")
    korea = DonorFactory(slug="republic-of-korea", name="Republic of Korea")
    return {
        "informality": ProjectFactory(
            title="Way out of Informality",
            countries=["BD", "IN", "NP"],
            themes=["informal-economy"],
            donors=[japan],
            status=Project.Status.CLOSED,
            start_date=datetime.date(2012, 1, 1),
            end_date=datetime.date(2017, 12, 31),
        ),
        "fiji": ProjectFactory(
            title="Resilient Employment in Fiji",
            countries=["FJ"],
            themes=["crisis-response", "skills-and-employability"],
            donors=[japan],
            start_date=datetime.date(2016, 1, 1),
            end_date=None,
        ),
        "sse": ProjectFactory(
            title="Strengthening the SSE in Asia",
            themes=["social-solidarity-economy"],
            donors=[korea],
            start_date=datetime.date(2022, 1, 1),
            end_date=None,
        ),
        "somalia": ProjectFactory(
            title="Durable Solutions for Somali refugee returnees",
            countries=["SO"],
            themes=["crisis-response"],
            donors=[japan],
        ),
    }


def titles(filterset):
    return sorted(project.title for project in filterset.qs)


def test_country_filter_finds_nepal_projects_and_not_fiji(projects):
    assert titles(run("country=NP")) == ["Way out of Informality"]


def test_country_code_is_matched_whatever_its_case(projects):
    assert titles(run("country=np")) == ["Way out of Informality"]


def test_repeated_country_means_any_of(projects):
    assert titles(run("country=NP&country=FJ")) == ["Resilient Employment in Fiji", "Way out of Informality"]


def test_theme_filter(projects):
    assert titles(run("theme=crisis-response")) == [
        "Durable Solutions for Somali refugee returnees",
        "Resilient Employment in Fiji",
    ]


def test_donor_filter(projects):
    assert titles(run("donor=republic-of-korea")) == ["Strengthening the SSE in Asia"]


def test_region_filter_matches_through_countries_and_directly(projects):
    projects["sse"].regions.add(region("asia-pacific"))
    assert titles(run("region=asia-pacific")) == [
        "Resilient Employment in Fiji",
        "Strengthening the SSE in Asia",
        "Way out of Informality",
    ]
    assert titles(run("region=africa")) == ["Durable Solutions for Somali refugee returnees"]


def test_status_filter(projects):
    assert titles(run("status=4")) == ["Way out of Informality"]


def test_year_filter_means_active_at_any_time_that_year(projects):
    assert titles(run("year=2013&donor=japan")) == ["Way out of Informality"]
    assert titles(run("year=2016&donor=japan")) == [
        "Durable Solutions for Somali refugee returnees",
        "Resilient Employment in Fiji",
        "Way out of Informality",
    ]
    assert "Way out of Informality" not in titles(run("year=2019"))


def test_filters_combine(projects):
    assert titles(run("theme=crisis-response&country=FJ")) == ["Resilient Employment in Fiji"]
    assert titles(run("theme=crisis-response&country=NP")) == []


def test_search_needs_every_word(projects):
    assert titles(run("q=informality way")) == ["Way out of Informality"]
    assert titles(run("q=informality fiji")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=ZZ", "country"),
        ("year=99999999999", "year"),
        ("year=abc", "year"),
        ("theme=no-such-theme", "theme"),
        ("status=9", "status"),
        ("q=a%00b", "q"),
    ],
)
def test_bad_values_are_form_errors_naming_the_field(projects, query, field):
    filterset = run(query)
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_facet_counts_apply_the_other_filters(projects):
    counts = run("country=NP&theme=crisis-response").facet_counts()
    # country counts ignore the country filter but keep the theme filter
    assert counts["country"] == {"FJ": 1, "SO": 1}
    # theme counts ignore the theme filter but keep the country filter
    assert counts["theme"] == {"informal-economy": 1}
    assert counts["donor"] == {}


def test_facet_counts_without_filters(projects):
    counts = run("").facet_counts()
    assert counts["donor"] == {"japan": 3, "republic-of-korea": 1}
    assert counts["theme"]["crisis-response"] == 2
    assert counts["region"]["asia-pacific"] == 2
    assert counts["region"]["africa"] == 1


def test_facet_groups_show_selected_options_even_without_results(projects):
    groups = {group.name: group.options for group in run("country=NP&theme=crisis-response").facet_groups()}
    nepal = [option for option in groups["country"] if option[0] == "NP"]
    assert nepal == [("NP", "Nepal", 0, True)]


def test_sort_by_start(projects):
    filterset = run("sort=-start")
    assert [p.title for p in filterset.qs][0] == "Strengthening the SSE in Asia"


def test_facet_options_are_read_once_per_content_change_in_each_language(projects, django_assert_num_queries):
    from django.utils import translation

    run("").facet_groups()  # the options (and the counts) read and kept
    with django_assert_num_queries(0):
        run("").facet_groups()
    with translation.override("fr"):
        groups = {group.name: group.options for group in run("").facet_groups()}
    assert ("NP", "Népal", 1, False) in groups["country"]

    # A new donor is an option at once: a change of content reads the options again.
    projects["somalia"].donors.add(DonorFactory(name="Newly published donor", slug="newly-published"))
    donors = {
        option.value for group in run("").facet_groups() if group.name == "donor" for option in group.options
    }
    assert "newly-published" in donors
