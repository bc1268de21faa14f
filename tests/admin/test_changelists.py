"""The admin's lists at scale (kernel/changelists.py): the date hierarchy's years and the search box
answered from indexes, with the answers Django's own way gives."""

import datetime
import zoneinfo

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import Max, Min
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from kernel.changelists import ScaledChangeList, years_probed
from projects.models import Project
from tests.factories import EventFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db

OURS = {"kernel", "donors", "organisations", "projects", "events", "operations", "portal"}
PROJECTS = reverse("admin:projects_project_changelist")


def on(year, month=6, day=1):
    return datetime.date(year, month, day)


@pytest.fixture
def spread():
    """Projects in 2003, 2005 (two) and 2011, one with no start date: years with gaps between."""
    for when, status in [
        (on(2003), Project.Status.CLOSED),
        (on(2005, 1, 1), Project.Status.IMPLEMENTATION),
        (on(2005, 12, 31), Project.Status.CLOSED),
        (on(2011), Project.Status.IMPLEMENTATION),
        (None, Project.Status.PIPELINE),
    ]:
        ProjectFactory(start_date=when, end_date=None, status=status)


@pytest.mark.parametrize("order", ["ASC", "DESC"])
@pytest.mark.parametrize(
    "filters",
    [{}, {"status": Project.Status.CLOSED}, {"status": Project.Status.PIPELINE}, {"title": "none"}],
    ids=["all", "closed", "undated only", "nothing"],
)
def test_probed_years_are_the_years_django_finds(spread, filters, order):
    queryset = Project.objects.filter(**filters)
    probed = years_probed(queryset)

    assert probed.dates("start_date", "year", order) == list(queryset.dates("start_date", "year", order))
    counted = years_probed(queryset)
    counted.__dict__["_hierarchy"] = "start_date"  # as the changelist sets it
    assert counted.count() == queryset.count()
    assert counted.dates("start_date", "year", order) == list(queryset.dates("start_date", "year", order))
    bounds = {"first": Min("start_date"), "last": Max("start_date")}
    assert probed.aggregate(**bounds) == queryset.aggregate(**bounds)
    # Months and days are left to Django; the results themselves are untouched.
    assert list(probed.dates("start_date", "month")) == list(queryset.dates("start_date", "month"))
    assert list(probed) == list(queryset)


def test_probed_years_of_a_time_are_the_readers_years():
    """An event at 23:30 UTC on New Year's Eve is in the next year in Tokyo, as Django has it."""
    EventFactory(start=datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.UTC))
    EventFactory(start=datetime.datetime(2023, 3, 1, 9, 0, tzinfo=datetime.UTC))
    queryset = Event.objects.all()
    for zone in ("UTC", "Asia/Tokyo", "America/Lima"):
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            probed = years_probed(queryset).datetimes("start", "year")
            assert probed == list(queryset.datetimes("start", "year")), zone
            assert {moment.year for moment in probed} == (
                {2021, 2023} if zone == "Asia/Tokyo" else {2020, 2023}
            )


def test_a_filtered_lists_years_of_a_time_are_the_readers_years():
    """Filtered, the years and the bounds come from one pass over the filtered rows, each year as
    the reader's time zone has it."""
    EventFactory(start=datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.UTC), city="Kobe")
    EventFactory(start=datetime.datetime(2023, 3, 1, 9, 0, tzinfo=datetime.UTC), city="Kobe")
    EventFactory(start=datetime.datetime(2016, 3, 1, 9, 0, tzinfo=datetime.UTC), city="Lima")
    queryset = Event.objects.filter(city="Kobe")
    bounds = {"first": Min("start"), "last": Max("start")}
    for zone in ("UTC", "Asia/Tokyo", "America/Lima"):
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            probed = years_probed(queryset)
            assert probed.aggregate(**bounds) == queryset.aggregate(**bounds)
            assert probed.datetimes("start", "year") == list(queryset.datetimes("start", "year")), zone


def test_a_filtered_lists_years_are_one_pass_however_many_years(client, superuser, spread):
    """The projects of one status: one query finds their years and bounds, not one per year."""
    client.force_login(superuser)
    closed = f"{PROJECTS}?status={Project.Status.CLOSED}"

    def year_queries():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(closed)
        assert page.status_code == 200
        asked = [query["sql"] for query in queries]
        assert not [sql for sql in asked if "COUNT(*)" in sql or sql.startswith("SELECT 1 AS")]
        return page.content.decode(), [sql for sql in asked if "MIN(" in sql]

    page, before = year_queries()
    assert "start_date__year=2003" in page and "start_date__year=2005" in page
    assert "start_date__year=2011" not in page  # ongoing, not closed
    assert "2 projects" in page
    ProjectFactory(start_date=on(1990), end_date=None, status=Project.Status.CLOSED)
    ProjectFactory(start_date=None, end_date=None, status=Project.Status.CLOSED)
    page, after = year_queries()
    assert "start_date__year=1990" in page and "start_date__year=2004" not in page
    assert "4 projects" in page  # one with no start date among them
    assert len(after) == len(before) == 1  # years, bounds and the count: one pass


def test_the_year_list_reads_no_row_of_the_table(client, superuser, spread):
    """No DISTINCT over truncated dates: a bounded number of index questions, the same for many rows."""
    client.force_login(superuser)

    def answered():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(PROJECTS)
        assert page.status_code == 200
        assert not [query for query in queries if "DISTINCT" in query["sql"]]
        return page.content.decode(), len(queries)

    page, count = answered()
    for year in ("2003", "2005", "2011"):
        assert f"start_date__year={year}" in page
    assert "start_date__year=2004" not in page
    ProjectFactory.create_batch(20, start_date=on(2005), end_date=None)
    assert answered()[1] == count


def test_every_admin_list_is_the_scaled_one(superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    assert {type(model_admin).__module__ for model_admin in admin.site._registry.values()} >= {
        "projects.admin",
        "events.admin",
        "operations.admin",
        "kernel.taxonomy.admin",
    }
    for model, model_admin in admin.site._registry.items():
        if type(model_admin).__module__.split(".")[0] not in OURS:
            continue  # Django's users and groups, django-axes' logs: short lists
        assert issubclass(model_admin.get_changelist(request), ScaledChangeList), model._meta.label
        assert model_admin.show_full_result_count is False, model._meta.label


def test_the_search_box_uses_the_full_text_index(client, superuser):
    ProjectFactory(title="Développement rural", iati_identifier="XM-DAC-41302-RAS/12/01/JPN")
    ProjectFactory(title="Social protection floors", acronym="SPF")
    ProjectFactory(title="Another project")
    client.force_login(superuser)

    def found(term):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(PROJECTS, {"q": term})
        assert page.status_code == 200
        assert not [query for query in queries if "LIKE" in query["sql"].upper()], term
        return {project.title for project in page.context["cl"].result_list}

    assert found("developpement") == {"Développement rural"}
    assert found("XM-DAC-41302-RAS") == {"Développement rural"}  # as the site's search finds it
    assert found("spf") == {"Social protection floors"}
    assert found("prot") == {"Social protection floors"}
    assert found("nowhere") == set()


def test_an_admin_whose_fields_the_index_does_not_cover_keeps_djangos_search(client, superuser):
    """Participants are searched by their organisation's name and project's title: Django's LIKE."""
    participant = ParticipantFactory()
    client.force_login(superuser)
    page = client.get(reverse("admin:projects_participant_changelist"), {"q": participant.organisation.name})
    assert list(page.context["cl"].result_list) == [participant]
