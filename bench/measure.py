"""What the benchmark asks of the database, in-process: the endpoints to drive, their query counts
and their median server time.

    python -m bench.measure state                  # "projects events donors" in the database
    python -m bench.measure reset                  # empty a PostgreSQL database named *bench*
    python -m bench.measure endpoints > FILE.tsv   # name, role, path of every benchmarked address
    python -m bench.measure inprocess FILE.tsv RUNS > FILE.json
    python -m bench.measure exports > FILE.json     # whole-table CSV and IATI exports: first byte, memory
    python -m bench.measure imports COUNT > FILE.json   # the IATI import rate over COUNT projects

The addresses are chosen from the data so that every filter matches rows: the commonest country
and, among its projects, the commonest theme; the commonest title word; the donor with the most
projects; the fund or programme with the most child projects. The in-process timing runs each
request through the whole middleware stack with django.test.Client, with whatever cache settings
the environment gives (scripts/bench.sh turns the response cache off and uses a local-memory
cache, which it empties before each "cold" request).
"""

import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilopartners.settings")

CEILING, FLOOR, ENDPOINT = "ceiling", "floor", "endpoint"
# A staff page (the admin), measured in process only, signed in as `STAFF_USER`: wrk carries no session.
STAFF = "staff"
STAFF_USER = "bench-staff"
BUDGET_SECONDS = 30  # in-process timing per address


def endpoints():
    """[(name, role, path)] in the order of the report: each floor right after its endpoint."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db.models import Count

    from donors.models import Donor
    from events.models import Event
    from projects.models import Project

    projects = Project.objects.published()
    country = (
        projects.values_list("countries__code", flat=True)
        .exclude(countries__code=None)
        .annotate(n=Count("pk"))
        .order_by("-n", "countries__code")
        .first()
    )
    theme = (
        projects.filter(countries__code=country)
        .values_list("themes__slug", flat=True)
        .exclude(themes__slug=None)
        .annotate(n=Count("pk"))
        .order_by("-n", "themes__slug")
        .first()
    )
    words = Counter(
        word.lower()
        for title in projects.order_by("pk").values_list("title", flat=True)[:5000]
        for word in re.findall(r"[A-Za-z]{5,}", title)
    )
    word = min(words.items(), key=lambda item: (-item[1], item[0]))[0]
    donor = (
        Donor.objects.published()
        .annotate(n=Count("projects"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    project = (
        projects.annotate(n=Count("children")).order_by("-n", "slug").values_list("slug", flat=True).first()
    )
    filters = f"country={country}&theme={theme}"
    return [
        ("static file (whitenoise)", CEILING, staticfiles_storage.url("css/site.css")),
        ("home", ENDPOINT, "/"),
        ("project list, 2 filters", ENDPOINT, f"/projects/?{filters}"),
        ("naive project list", FLOOR, f"/bench/naive/projects/?{filters}"),
        ("project page", ENDPOINT, f"/projects/{project}/"),
        # The same in French, beside the English (issue #13: a page in another language costs the same).
        ("project list, 2 filters, French", ENDPOINT, f"/fr/projects/?{filters}"),
        ("project page, French", ENDPOINT, f"/fr/projects/{project}/"),
        ("search", ENDPOINT, f"/search/?q={word}"),
        ("API project list, country", ENDPOINT, f"/api/v1/projects/?country={country}"),
        ("naive API project list", FLOOR, f"/bench/naive/api/v1/projects/?country={country}"),
        ("API project", ENDPOINT, f"/api/v1/projects/{project}/"),
        ("API project list, country, French", ENDPOINT, f"/api/v1/projects/?country={country}&lang=fr"),
        # Money over time (issue 14): every project's transactions and budgets, filtered like projects.
        ("API transaction list, country", ENDPOINT, f"/api/v1/transactions/?country={country}"),
        ("API transaction list, donor and year", ENDPOINT, f"/api/v1/transactions/?donor={donor}&year=2016"),
        ("API budget list, country", ENDPOINT, f"/api/v1/budgets/?country={country}"),
        ("API exchange rates", ENDPOINT, "/api/v1/exchange-rates/"),
        ("donor profile", ENDPOINT, f"/donors/{donor}/"),
        # The map and the charts (issue 14): the unfiltered list draws them over every project; a
        # country's and a goal's page, their money by year; a chart's figures as CSV.
        ("project list, unfiltered", ENDPOINT, "/projects/"),
        ("country page", ENDPOINT, f"/countries/{country}/"),
        ("SDG page", ENDPOINT, "/sdgs/8/"),
        (
            "chart CSV, funding by year, 2 filters",
            ENDPOINT,
            f"/projects/?{filters}&chart=funding-by-year&format=csv",
        ),
        ("event list", ENDPOINT, "/events/"),
        ("API event list", ENDPOINT, "/api/v1/events/"),
        # Staff pages (issue 15): the admin's lists (date hierarchy, filters, search) and change forms.
        ("admin project list", STAFF, "/admin/projects/project/"),
        ("admin project list, status filter", STAFF, "/admin/projects/project/?status=2"),
        ("admin project list, search", STAFF, f"/admin/projects/project/?q={word}"),
        ("admin project form", STAFF, f"/admin/projects/project/{newest(Project)}/change/"),
        ("admin event list", STAFF, "/admin/events/event/"),
        ("admin event form", STAFF, f"/admin/events/event/{newest(Event)}/change/"),
        ("admin donor form", STAFF, f"/admin/donors/donor/{Donor.objects.get(slug=donor).pk}/change/"),
    ]


def newest(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first()


def staff_client():
    """A client signed in as the bench's superuser (made in the bench database if missing)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(username=STAFF_USER).first()
    if user is None:
        user = get_user_model().objects.create_superuser(STAFF_USER, f"{STAFF_USER}@example.org", None)
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(user)
    return client


def fetch(client, path):
    """One anonymous GET through the whole stack, the body read to the end."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    else:
        response.content  # noqa: B018 - a lazily rendered body is rendered here
    return response


def captured_queries(client, path):
    """The queries of one GET, each {"sql", "time"} (seconds, as Django records them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        fetch(client, path)
    return queries.captured_queries


def query_count(client, path):
    return len(captured_queries(client, path))


def inprocess(rows, runs):
    """{path: {"status", "queries", "sql_ms", "median_ms", ...}} for every address: the median, fastest
    and slowest of `runs` timed requests after one to warm up, and the queries of one more request,
    their total time and the slowest of them."""
    from django.test import Client

    # HTTP_HOST as the server sees it on loopback; the settings allow it with DEBUG off. A server
    # error is reported as its status, not raised.
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    results = {}
    # The request log line would print on every run; errors still show.
    logging.disable(logging.INFO)
    try:
        staff = staff_client() if any(role == STAFF for _name, role, _path in rows) else None
        for _name, role, path in rows:
            results[path] = time_requests(staff if role == STAFF else client, path, runs)
            measured = results[path]
            print(
                f"  {path}: HTTP {measured['status']}, median {measured['median_ms']} ms cold, "
                f"{measured['warm_median_ms']} ms warm, "
                f"{measured['after_change_median_ms']} ms after a change, "
                f"{measured['queries']} queries, SQL {measured['sql_ms']} ms, slowest "
                f"{measured['slowest_query_ms']} ms: {measured['slowest_query'][:160]}",
                file=sys.stderr,
            )
    finally:
        logging.disable(logging.NOTSET)
    return results


def timed(client, path, runs, cold):
    """Milliseconds of `runs` requests, or fewer (at least 3) for a page too slow to repeat that
    often; `cold` empties the cache before each, so no computed value (facet counts, list sizes)
    is reused: the cost of the first request after a content change."""
    from django.core.cache import cache

    times = []
    deadline = time.perf_counter() + BUDGET_SECONDS
    while len(times) < runs and (len(times) < 3 or time.perf_counter() < deadline):
        if cold:
            cache.clear()
        start = time.perf_counter()
        fetch(client, path)
        times.append((time.perf_counter() - start) * 1000)
    return times


def a_change():
    """What an edit of one published project renews (kernel.versioning): the content version and
    its slice's token, written and committed as the edit's own transaction writes them, without
    changing a row (the benchmark's database stays as built)."""
    from django.db import transaction

    from kernel.versioning import SLICE_ROWS, bump_content_version
    from projects.models import Project

    project = Project.objects.published().order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        bump_content_version({project // SLICE_ROWS})


def after_changes(client, path, runs):
    """Milliseconds of `runs` requests, each the first after a change (`a_change`): what a reader
    meets after an edit, with the rest of the cache kept."""
    times = []
    deadline = time.perf_counter() + BUDGET_SECONDS
    while len(times) < runs and (len(times) < 3 or time.perf_counter() < deadline):
        a_change()
        start = time.perf_counter()
        fetch(client, path)
        times.append((time.perf_counter() - start) * 1000)
    return times


def time_requests(client, path, runs):
    from django.core.cache import cache

    response = fetch(client, path)  # warm: URL resolver, template loader, content types
    warm = timed(client, path, runs, cold=False)
    changed = after_changes(client, path, runs)
    times = timed(client, path, runs, cold=True)
    cache.clear()
    queries = captured_queries(client, path)
    slowest = max(queries, key=lambda query: float(query["time"]), default={"sql": "", "time": "0"})
    return {
        "status": response.status_code,
        "queries": len(queries),
        "sql_ms": round(sum(float(query["time"]) for query in queries) * 1000, 1),
        "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
        "slowest_query": slowest["sql"][:300],
        "runs": len(times),
        "median_ms": round(statistics.median(times), 2),
        "warm_median_ms": round(statistics.median(warm), 2),
        "after_change_median_ms": round(statistics.median(changed), 2),
        "min_ms": round(min(times), 2),
        "max_ms": round(max(times), 2),
    }


# Whole-table exports: streamed, so the first byte comes at once and memory stays flat (issue 15).
EXPORTS = [
    ("projects as CSV", "/api/v1/projects/?format=csv"),
    ("projects as IATI XML", "/api/v1/projects/?format=iati"),
    ("transactions as CSV", "/api/v1/transactions/?format=csv"),
]


def peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def exports():
    """{name: {...}} for each whole-table export: the time to its first byte and to its last, its
    size, and this process's peak resident memory before and after (a stream keeps it flat)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    results = {}
    logging.disable(logging.INFO)
    try:
        for name, path in EXPORTS:
            before = peak_rss_mb()
            start = time.perf_counter()
            response = client.get(path)
            chunks = iter(response.streaming_content) if response.streaming else iter([response.content])
            first = next(chunks, b"")
            first_ms = (time.perf_counter() - start) * 1000
            size = len(first) + sum(len(chunk) for chunk in chunks)
            results[name] = {
                "path": path,
                "status": response.status_code,
                "streamed": response.streaming,
                "first_byte_ms": round(first_ms, 1),
                "total_s": round(time.perf_counter() - start, 2),
                "megabytes": round(size / 1e6, 1),
                "peak_rss_mb_before": round(before, 1),
                "peak_rss_mb_after": round(peak_rss_mb(), 1),
            }
            print(f"  {name}: {results[name]}", file=sys.stderr)
    finally:
        logging.disable(logging.NOTSET)
    return results


def imports(count):
    """The IATI import's rate over `count` published projects exported as a file: imported again
    over themselves (every activity an update), then after deleting them (every one created), each
    in a transaction rolled back at the end, so the database is left as it was."""
    import tempfile

    from django.db import transaction

    from kernel.iati import parse
    from projects.iati import activities_document, import_activities
    from projects.models import Project

    class RolledBack(Exception):
        pass

    # Neither a parent nor a child: deleting them touches no other project.
    projects = Project.objects.published().filter(parent=None, children=None).order_by("pk")[:count]
    ids = list(projects.values_list("pk", flat=True))
    with tempfile.TemporaryFile() as file:
        file.write(activities_document(Project.objects.filter(pk__in=ids).order_by("pk")))
        file.seek(0)
        data = file.read()
    results = {"activities": len(ids), "file_megabytes": round(len(data) / 1e6, 1)}
    for kind in ("update", "create"):
        try:
            with transaction.atomic():
                if kind == "create":
                    Project.objects.filter(pk__in=ids).delete()
                start = time.perf_counter()
                report = import_activities(parse(data, "activities"))
                seconds = time.perf_counter() - start
                raise RolledBack
        except RolledBack:
            pass
        done = len(report.created) + len(report.updated)
        results[kind] = {
            "seconds": round(seconds, 1),
            "per_second": round(done / seconds, 1),
            "skipped": len(report.skipped),
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        print(f"  import, {kind}: {results[kind]}", file=sys.stderr)
    return results


def state():
    from donors.models import Donor
    from events.models import Event
    from projects.models import Project

    return f"{Project.objects.count()} {Event.objects.count()} {Donor.objects.count()}"


def reset():
    """Drop every table of a PostgreSQL benchmark database (its name must contain "bench")."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        raise SystemExit(f"Refusing to empty {connection.vendor} database {name!r}: only *bench* PostgreSQL.")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def main(argv):
    import django

    django.setup()
    command = argv[0] if argv else ""
    if command == "state":
        print(state())
    elif command == "reset":
        reset()
    elif command == "endpoints":
        for row in endpoints():
            print("\t".join(row))
    elif command == "exports":
        print(json.dumps(exports(), indent=1))
    elif command == "imports":
        print(json.dumps(imports(int(argv[1])), indent=1))
    elif command == "inprocess":
        with open(argv[1]) as tsv:
            rows = [line.rstrip("\n").split("\t") for line in tsv if line.strip()]
        print(json.dumps(inprocess(rows, int(argv[2])), indent=1))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
