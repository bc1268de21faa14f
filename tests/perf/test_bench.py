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
    from django.core.cache import cache

    def counted(path):  # with nothing kept: facet options outlive new projects (kernel.versioning)
        cache.clear()
        return query_count(client, path)

    japan = DonorFactory()
    nepal_projects(2, japan)
    naive_few, real_few = counted(naive), counted(real)

    nepal_projects(5, japan)

    assert counted(naive) > naive_few
    assert counted(real) == real_few


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


def test_the_import_rate_is_measured_and_everything_rolled_back():
    from bench.measure import imports

    for number in range(3):
        ProjectFactory(slug=f"measured-{number}", title=f"Measured {number}")
    before = list(Project.objects.order_by("pk").values_list("pk", "slug", "title", "updated_at"))

    measured = imports(2)

    assert measured["activities"] == 2
    for kind in ("update", "create"):
        assert measured[kind]["skipped"] == 0 and measured[kind]["per_second"] > 0, measured
    assert list(Project.objects.order_by("pk").values_list("pk", "slug", "title", "updated_at")) == before


def test_the_report_shows_worker_memory_exports_and_imports():
    import json

    from bench.report import report

    rows = [("home", "endpoint", "/")]
    run = {"requests": 100, "status_errors": 0, "duration_us": 1e6, "p50_us": 1000, "p95_us": 2000}
    run |= {"p99_us": 3000, "connect_errors": 0, "timeouts": 0, "bytes": 100 * 3584}
    exports = {
        "projects as CSV": {
            "path": "/api/v1/projects/?format=csv",
            "status": 200,
            "streamed": True,
            "first_byte_ms": 12.5,
            "total_s": 3.25,
            "megabytes": 40.0,
            "peak_rss_mb_before": 90.0,
            "peak_rss_mb_after": 92.0,
        }
    }
    imports = {"activities": 1000, "file_megabytes": 4.5}
    imports |= {
        kind: {"seconds": 2.0, "per_second": 500.0, "skipped": 0, "peak_rss_mb": 120.0}
        for kind in ("update", "create")
    }

    text = report(rows, [f"uncached\t/\t{json.dumps(run)}\t204800\n"], {}, exports, imports)

    assert "| worker MB | KB sent |" in text
    assert "| 200 | 3.5 |" in text  # 204,800 KiB; 3,584 bytes an answer
    assert (
        "| projects as CSV | `/api/v1/projects/?format=csv` | 200 | yes | 12 | 3.2 | 40.0 | 90 → 92 |" in text
    )
    assert "| 1,000 | 2.0 | 500.0 | 0 | 120 |" in text


def test_the_ceiling_is_the_faster_of_its_two_runs():
    """scripts/bench.sh runs the static file first and last; a slow first run must not lower the
    divisor of every ratio."""
    import json

    from bench.report import report

    def run(requests):
        return json.dumps(
            {"requests": requests, "status_errors": 0, "duration_us": 1e6, "p50_us": 1000, "p95_us": 2000}
            | {"p99_us": 3000, "connect_errors": 0, "timeouts": 0, "bytes": requests * 1024}
        )

    rows = [("static file", "ceiling", "/static/site.css"), ("home", "endpoint", "/")]
    lines = [
        f"cached\t/static/site.css\t{run(500)}\t1024\n",
        f"cached\t/\t{run(400)}\t1024\n",
        f"cached\t/static/site.css\t{run(800)}\t1024\n",
    ]
    text = report(rows, lines, {})
    assert "| 800.0 | 1.0000 |" in text
    assert "| 400.0 | 0.5000 |" in text
    assert "| 400.0 | 0.5000 |" in report(rows, [lines[2], lines[1], lines[0]], {})


def test_a_change_renews_what_an_edit_of_one_project_renews_and_changes_no_row():
    from bench.measure import a_change
    from kernel import versioning
    from kernel.versioning import SLICE_ROWS

    project = ProjectFactory(id=3 * SLICE_ROWS + 5)
    versioning._request_started()
    version, slices = versioning.content_version(), dict(versioning.slice_tokens())
    updated = Project.objects.get(pk=project.pk).updated_at
    a_change()
    versioning._request_started()
    after = dict(versioning.slice_tokens())
    assert versioning.content_version() != version
    assert {key for key in after if after[key] != slices.get(key)} == {"3"}
    assert Project.objects.get(pk=project.pk).updated_at == updated
