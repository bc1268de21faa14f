"""The public project list: filters alone and combined, facets and their counts, chips, sorting,
pagination, the CSV link, and bad input that never breaks the page, for the public (published only)
and for staff (drafts, marked)."""

import datetime
import re

import pytest
from django.urls import reverse

from kernel.publishing import Status
from projects.models import Project
from tests.factories import DonorFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")


@pytest.fixture
def projects():
    japan = DonorFactory(slug="japan", name="Japan")
    korea = DonorFactory(slug="republic-of-korea", name="Republic of Korea")
    return {
        "informality": ProjectFactory(
            title="Way out of Informality",
            slug="way-out-of-informality",
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
        "draft": ProjectFactory(
            title="Unannounced project in Nepal",
            countries=["NP"],
            themes=["informal-economy"],
            donors=[japan],
            publication_status=Status.DRAFT,
            published_at=None,
        ),
    }


def titles(response):
    return sorted(project.title for project in response.context["object_list"])


def facet(response, name):
    groups = {group.name: group for group in response.context["facet_groups"]}
    return {option.value: option.count for option in groups[name].options}


# ------------------------------------------------------------------ filters, alone and combined


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Resilient Employment in Fiji", "Strengthening the SSE in Asia", "Way out of Informality"]),
        ("country=NP", ["Way out of Informality"]),
        ("country=np", ["Way out of Informality"]),
        ("country=NP&country=FJ", ["Resilient Employment in Fiji", "Way out of Informality"]),
        ("theme=crisis-response", ["Resilient Employment in Fiji"]),
        ("donor=republic-of-korea", ["Strengthening the SSE in Asia"]),
        ("region=asia-pacific", ["Resilient Employment in Fiji", "Way out of Informality"]),
        ("status=4", ["Way out of Informality"]),
        ("year=2013", ["Way out of Informality"]),
        ("year=2016&donor=japan", ["Resilient Employment in Fiji", "Way out of Informality"]),
        ("q=informality way", ["Way out of Informality"]),
        ("theme=crisis-response&country=FJ", ["Resilient Employment in Fiji"]),
        ("theme=crisis-response&country=NP", []),
    ],
)
def test_each_filter_alone_and_combined(client, projects, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["result_count"] == len(expected)


def test_drafts_never_show_to_the_public(client, projects):
    response = client.get(f"{LIST}?country=NP")
    assert "Unannounced project in Nepal" not in response.content.decode()
    # nor do they count in the facets
    assert facet(response, "country")["NP"] == 1


def test_staff_see_drafts_marked_as_such(client, projects):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(f"{LIST}?country=NP")
    assert titles(response) == ["Unannounced project in Nepal", "Way out of Informality"]
    assert "Draft — not public" in response.content.decode()


def test_facet_counts_apply_the_other_filters(client, projects):
    response = client.get(f"{LIST}?theme=crisis-response")
    # country options count the projects the theme filter leaves
    assert facet(response, "country") == {"FJ": 1}
    # theme options ignore the theme filter itself
    themes = facet(response, "theme")
    assert themes["informal-economy"] == 1
    assert themes["crisis-response"] == 1
    assert themes["social-solidarity-economy"] == 1
    html = response.content.decode()
    assert re.search(
        r'value="FJ" id="f-country-1">\s*<label[^>]*><span class="facet__label">Fiji</span>', html
    )


def test_active_filters_show_as_chips_that_remove_one_value(client, projects):
    response = client.get(f"{LIST}?country=NP&country=FJ&theme=crisis-response")
    chips = {
        (chip.label, chip.value_label): chip.query.urlencode() for chip in response.context["active_filters"]
    }
    assert chips == {
        ("Country", "Nepal"): "country=FJ&theme=crisis-response",
        ("Country", "Fiji"): "country=NP&theme=crisis-response",
        ("Theme", "Crisis response and recovery"): "country=NP&country=FJ",
    }
    html = response.content.decode()
    assert 'href="/projects/?country=FJ&amp;theme=crisis-response"' in html
    assert "Remove filter </span>Country: Nepal" in html


def test_sorting(client, projects):
    response = client.get(f"{LIST}?sort=title")
    assert [p.title for p in response.context["object_list"]] == [
        "Resilient Employment in Fiji",
        "Strengthening the SSE in Asia",
        "Way out of Informality",
    ]
    response = client.get(f"{LIST}?sort=-start")
    assert response.context["object_list"][0].title == "Strengthening the SSE in Asia"
    # The default order is newest first: the menu offers it once, as its first option.
    html = response.content.decode()
    assert '<option value="" selected>Start date (newest first)</option>' in html
    assert 'value="-start"' not in html


def test_sort_menu_states_each_direction_once(client, projects):
    html = client.get(LIST).content.decode()
    menu = re.search(r'<select id="sort".*?</select>', html, re.S).group()
    labels = re.findall(r">([^<]+)</option>", menu)
    assert "Newest first" not in labels
    assert len(labels) == len(set(labels))
    # Every option says its direction, ascending ones included.
    assert all(label.endswith(")") for label in labels), labels
    assert "Start date (oldest first)" in labels and "Published (earliest first)" in labels


def test_default_order_is_newest_first_with_undated_projects_last(client, projects):
    ProjectFactory(title="Undated", start_date=None, end_date=None)
    response = client.get(LIST)
    assert [p.title for p in response.context["object_list"]] == [
        "Strengthening the SSE in Asia",
        "Resilient Employment in Fiji",
        "Way out of Informality",
        "Undated",
    ]


def test_csv_link_asks_the_api_for_the_same_rows(client, projects):
    response = client.get(f"{LIST}?country=NP&theme=informal-economy&page=1")
    assert (
        response.context["csv_url"]
        == "/api/v1/projects/?country=NP&theme=informal-economy&format=csv&lang=en"
    )
    assert 'href="/api/v1/projects/?country=NP&amp;theme=informal-economy&amp;format=csv&amp;lang=en"' in (
        response.content.decode()
    )


def test_format_csv_on_the_page_redirects_to_the_api(client, projects):
    response = client.get(f"{LIST}?country=NP&format=csv")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/projects/?country=NP&format=csv&lang=en"


def test_canonical_link_keeps_valid_filters_only(client, projects):
    response = client.get(f"{LIST}?theme=informal-economy&country=ZZ&sort=title")
    assert '<link rel="canonical" href="http://testserver/projects/?theme=informal-economy">' in (
        response.content.decode()
    )


def test_empty_state_offers_a_way_back(client, projects):
    response = client.get(f"{LIST}?theme=crisis-response&country=NP")
    html = response.content.decode()
    assert "No projects match these filters" in html
    assert 'href="/projects/">start again with all projects</a>' in html
    assert "Download" not in html


# ------------------------------------------------------------------ pagination


@pytest.fixture
def many_projects():
    nepal = [
        ProjectFactory(countries=["NP"], start_date=datetime.date(2000 + n, 1, 1), end_date=None)
        for n in range(25)
    ]
    ProjectFactory.create_batch(3, countries=["FJ"])
    return nepal


def test_pagination_keeps_the_filters(client, many_projects):
    response = client.get(f"{LIST}?country=NP&page=2")
    assert response.context["page_obj"].number == 2
    assert len(response.context["object_list"]) == 5
    assert response.context["result_count"] == 25
    html = response.content.decode()
    assert 'href="?country=NP&amp;page=1" rel="prev"' in html
    assert "showing 21–25" in html


@pytest.mark.parametrize(
    ("page_number", "expected"), [("abc", 1), ("999", 2), ("-1", 2), ("0", 2), ("1.5", 1), ("", 1)]
)
def test_a_bad_page_number_gives_the_first_or_last_page(client, many_projects, page_number, expected):
    response = client.get(f"{LIST}?country=NP&page={page_number}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


# ------------------------------------------------------------------ bad input never breaks the page


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=ZZ", "Country"),
        ("year=99999999999", "Active in year"),
        ("year=abc", "Active in year"),
        ("theme=no-such-theme", "Theme"),
        ("status=9", "Status"),
        ("sdg=99", "SDG"),
        ("sdg=abc", "SDG"),
        ("sdg=99999999999999999999", "SDG"),
        ("q=" + "x" * 300, "Search"),
        ("sort=nonsense", "Sort by"),
    ],
)
def test_bad_values_are_reported_and_the_valid_filters_still_apply(client, projects, query, field):
    # (A NUL byte is refused before the page: tests/limits/test_request_limits.py.)
    response = client.get(f"{LIST}?{query}&donor=republic-of-korea")
    assert response.status_code == 200
    assert titles(response) == ["Strengthening the SSE in Asia"]
    labels = [label for label, _ in response.context["filter_errors"]]
    assert field in labels
    html = response.content.decode()
    assert "Some filters were ignored" in html
    assert "\x00" not in html


@pytest.mark.parametrize(
    "query",
    [
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
        "country=%3Cb%3Ebold%3C/b%3E",
        "year=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "page=%3Cscript%3E",
        "sort=%3Cimg%20src=x%20onerror=alert(1)%3E",
    ],
)
def test_markup_a_visitor_types_is_never_echoed_unescaped(client, projects, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>bold" not in html
    assert "<img src=x" not in html


def test_counts_kept_per_filter_state_follow_the_valid_filters_beside_a_bad_one(client, projects):
    """The number of results and the facet counts are kept per filter combination: a bad value
    beside a good one must not take the counts of the unfiltered list."""
    everything = client.get(LIST)
    assert everything.context["result_count"] > 1
    response = client.get(f"{LIST}?year=abc&donor=republic-of-korea")
    assert titles(response) == ["Strengthening the SSE in Asia"]
    assert response.context["result_count"] == 1
    donors = {group.name: group for group in response.context["facet_groups"]}["donor"]
    assert {option.value: option.count for option in donors.options}["republic-of-korea"] == 1
    statuses = {group.name: group for group in response.context["facet_groups"]}["status"]
    assert sum(option.count for option in statuses.options) == 1


# ------------------------------------------------------------------ from the seed


def test_seed_country_filter_finds_way_out_of_informality_and_not_fiji(client, seed):
    response = client.get(f"{LIST}?country=NP")
    slugs = {project.slug for project in response.context["object_list"]}
    assert "way-out-of-informality" in slugs
    assert "resilient-employment-and-livelihoods-fiji" not in slugs
