"""`make bench`'s own pieces: the naive floor views and the query-count helper. Nothing is timed."""

import pytest
from django.urls import include, path

from bench.measure import CEILING, STAFF, endpoints, query_count, staff_client
from ilopartners.urls import urlpatterns as site_urlpatterns
from projects.models import Project
from tests.factories import BudgetFactory, DonorFactory, EventFactory, ProjectFactory, sdg

# The site with the floor mounted, as scripts/bench.sh serves it (DJANGO_BENCH_NAIVE=1).
urlpatterns = [path("bench/naive/", include("bench.naive")), *site_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

FILTERS = "country=NP&theme=informal-economy"


def nepal_projects(n, donor):
    return ProjectFactory.create_batch(n, countries=["NP", "IN"], themes=["informal-economy"], donors=[donor])


def test_naive_project_list_shows_the_filtered_projects_with_countries_and_donors(client):
    japan = DonorFactory(name="Japan")
    nepal = nepal_projects(3, japan)
    elsewhere = ProjectFactory(countries=["FJ"], themes=["informal-economy"], title="Fiji only")

    response = client.get("/bench/naive/projects/", {"country": "np", "theme": "informal-economy"})

    assert response.status_code == 200
    text = response.content.decode()
    assert all(project.title in text for project in nepal)
    assert elsewhere.title not in text
    assert "Japan" in text and "Nepal" in text


def test_naive_api_project_list_is_a_plain_model_serializer_page(client):
    japan = DonorFactory()
    nepal_projects(3, japan)

    body = client.get("/bench/naive/api/v1/projects/", {"country": "NP"}).json()

    assert body["count"] == 3
    assert body["results"][0]["donors"] == [japan.pk]
    assert len(body["results"][0]["countries"]) == 2


@pytest.mark.parametrize(
    "naive, real",
    [
        (
            "/bench/naive/projects/?country=NP&theme=informal-economy",
            "/projects/?country=NP&theme=informal-economy",
        ),
        ("/bench/naive/api/v1/projects/?country=NP", "/api/v1/projects/?country=NP"),
    ],
)
def test_naive_lists_query_per_row_and_the_real_ones_do_not(client, naive, real):
    japan = DonorFactory()
    nepal_projects(2, japan)
    naive_few, real_few = query_count(client, naive), query_count(client, real)

    nepal_projects(5, japan)

    assert query_count(client, naive) > naive_few
    assert query_count(client, real) == real_few


def test_benchmarked_addresses_find_rows_and_answer():
    japan = DonorFactory(slug="japan")
    fund = ProjectFactory(
        slug="fund", title="Decent work fund", countries=["NP"], themes=["informal-economy"]
    )
    ProjectFactory.create_batch(2, parent=fund, title="Decent work project", donors=[japan], countries=["NP"])
    BudgetFactory(project=fund)  # the funding chart, whose figures one address asks for as CSV
    fund.sdgs.add(sdg(8))  # the goal's page
    event = EventFactory()  # the admin's event form

    rows = endpoints()

    paths = {name: address for name, _role, address in rows}
    assert paths["project list, 2 filters"] == "/projects/?" + FILTERS
    assert paths["project page"] == "/projects/fund/"
    assert paths["donor profile"] == "/donors/japan/"
    assert paths["search"] == "/search/?q=decent"
    assert (
        paths["admin project form"]
        == f"/admin/projects/project/{Project.objects.order_by('pk').last().pk}/change/"
    )
    assert paths["admin event form"] == f"/admin/events/event/{event.pk}/change/"
    assert paths["admin donor form"] == f"/admin/donors/donor/{japan.pk}/change/"
    assert [role for _name, role, _address in rows].count(CEILING) == 1
    from django.test import Client

    client, staff = Client(), staff_client()
    for name, role, address in rows:
        if role == STAFF:
            assert client.get(address).status_code == 302, name  # the admin's sign-in, for the public
            assert staff.get(address).status_code == 200, name
        elif role != CEILING:  # static files are not collected for the tests
            assert client.get(address).status_code == 200, name
