"""A country's and a goal's page: the map with the country outlined, money by year from its projects
with bars leading to the filtered list, and the chart's CSV."""

import datetime

import pytest

from kernel.publishing import Status
from tests.factories import BudgetFactory, ProjectFactory, TransactionFactory, sdg

pytestmark = pytest.mark.django_db


@pytest.fixture
def nepal_projects():
    shown = ProjectFactory(countries=["NP"], title="Shown")
    shown.sdgs.add(sdg(8))
    BudgetFactory(
        project=shown,
        value=1000,
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2016, 12, 31),
    )
    TransactionFactory(project=shown, value=400, date=datetime.date(2016, 5, 1))
    draft = ProjectFactory(countries=["NP"], publication_status=Status.DRAFT, title="Draft")
    draft.sdgs.add(sdg(8))
    BudgetFactory(
        project=draft,
        value=999_999,
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2016, 12, 31),
    )
    return shown


@pytest.mark.parametrize("path, filtered", [("/countries/NP/", "country=NP"), ("/sdgs/8/", "sdg=8")])
def test_money_by_year_counts_only_what_the_reader_may_see_and_links_to_the_list(
    client, nepal_projects, path, filtered
):
    response = client.get(path)
    assert response.status_code == 200
    (chart,) = response.context["charts"]
    assert chart.name == "funding-by-year"
    assert [group.label for group in chart.groups] == ["2016"]
    figures = [bar.value for bar in chart.groups[0].bars]
    assert figures == [1000, 400]  # the draft's budget is not counted
    assert f"/projects/?{filtered}&amp;year=2016" in response.content.decode()

    csv = client.get(f"{path}?chart=funding-by-year&format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("year,series,amount,currency")
    assert any(line.startswith("2016,budget,1000") for line in lines[1:])
    assert client.get(f"{path}?chart=nothing&format=csv").status_code == 404


def test_the_country_page_outlines_the_country_on_the_map_with_the_disclaimer(client, nepal_projects):
    response = client.get("/countries/NP/")
    world_map = response.context["world_map"]
    assert world_map.zoomed
    assert "NP" in {place.code for place in [*world_map.shapes, *world_map.dots] if place.highlighted}
    page = response.content.decode()
    assert "do not imply the expression of any opinion whatsoever" in page
    assert 'href="/projects/?country=NP"' in page
