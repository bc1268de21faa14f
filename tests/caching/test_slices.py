"""Sums over every project are kept per slice of projects (kernel/versioning.py, "Slices"): a change
to a project, its parts or its links renews its slice's token, every other change the shared token,
and the first reader after a change counts again only the slices whose tokens changed. What it adds
up must equal the sums over the whole table, and no change may leave a slice's sum stale.

The projects here sit in three slices (keys 10, 1,100 and 2,100), so that a slice left out of date
shows as a wrong total.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from donors.models import Donor
from kernel import maps, versioning
from kernel.models import ContentVersion
from kernel.publishing import Status
from kernel.services import save_record
from kernel.taxonomy.models import Country
from portal import places
from portal.views import HomeView
from projects import money
from projects.filters import ProjectFilter
from projects.models import Budget, Project
from tests.factories import BudgetFactory, DonorFactory, ProjectFactory, TransactionFactory, country

pytestmark = pytest.mark.django_db

KEYS = (10, 1100, 2100)  # slices 0, 1 and 2
LATER = datetime.date(2016, 7, 1)  # a budget period none of the projects has yet


@pytest.fixture(autouse=True)
def _a_new_request():
    versioning._request_started()
    yield
    versioning._request_started()


@pytest.fixture
def projects():
    donor = DonorFactory(slug="japan")
    made = {}
    for index, key in enumerate(KEYS):
        project = ProjectFactory(
            id=key,
            countries=["NP", "IN"][: index + 1],
            themes=["informal-economy", "green-jobs"][: 1 + index % 2],
            donors=[donor] if index != 1 else [],
            budget_usd=Decimal(1000 * (index + 1)),
        )
        project.sdgs.set([8])
        BudgetFactory(project=project, value=100 * (index + 1))
        TransactionFactory(project=project, value=10 * (index + 1))
        made[key] = project
    versioning._request_started()
    return made


def tokens():
    versioning._request_started()
    return dict(versioning.slice_tokens())


def renewed(before):
    after = tokens()
    return {key for key in set(before) | set(after) if before.get(key) != after.get(key)}


def published():
    return Project.objects.published()


def sums():
    """The sliced sums a list or the home page shows, as a request after a change reads them."""
    versioning._request_started()
    parts = ("test",)
    return {
        "funding": money.remembered_funding(parts, published()),
        "topics": money.remembered_topics(parts, published()),
        "countries": maps.remembered_count_by_country(parts, published()),
        "facets": ProjectFilter(QueryDict("theme=informal-economy"), queryset=published()).facet_counts(),
        "reporting": HomeView.reporting(),
        "count": versioning.remembered_count(parts, published()),
        "figures": places.project_figures(parts, published()),
        "per goal": maps.remembered_count_by_country(parts, published(), "sdgs"),
        "per donor": maps.remembered_count_by_country(parts, published(), "donors"),
        "filtered count": versioning.remembered_count(parts + ("filtered",), filtered().qs),
    }


def whole():
    """The same sums over the whole table, as they were counted before slices."""
    topics = money.topics(published())
    return {
        "funding": money.funding_by_year(published()),
        "topics": topics,
        "countries": maps.count_by_country(published()),
        "facets": ProjectFilter(QueryDict("theme=informal-economy"), queryset=published())._count_facets(),
        "reporting": published().ongoing().reporting(),
        "count": published().count(),
        "figures": published().aggregate(**places.FIGURES),
        "per goal": maps.count_by_country(published(), link="sdgs"),
        "per donor": maps.count_by_country(published(), link="donors"),
        "filtered count": filtered().qs.count(),
    }


def filtered():
    """A list filtered by two links."""
    return ProjectFilter(QueryDict("country=NP&country=IN&theme=informal-economy"), queryset=published())


def same(sliced, counted):
    """Sliced and whole sums alike; themes compared by key (the chart sorts them)."""
    for found in (sliced, counted):
        found["topics"]["theme"] = sorted(found["topics"]["theme"], key=lambda row: row["key"])
    assert sliced == counted


def test_the_slices_add_up_to_the_whole_tables_sums(projects):
    found = sums()
    same(found, whole())
    assert found["countries"] == {"NP": 3, "IN": 2}
    assert found["facets"]["country"] == {"NP": 3, "IN": 2}  # the informal economy's projects: all
    assert found["facets"]["theme"] == {"informal-economy": 3, "green-jobs": 1}
    assert (found["count"], found["filtered count"]) == (3, 3)
    assert found["figures"] == {
        "project_count": 3,
        "ongoing_count": published().ongoing().count(),
        "budget_total": Decimal(6000),
        "budgeted_count": 3,
    }
    assert (found["per goal"], found["per donor"]) == ({8: 3}, {Donor.objects.get(slug="japan").pk: 2})
    joined = published().filter(countries__code__in=["NP", "IN"]).distinct()  # a row per link, made distinct
    assert versioning.remembered_count(("joined",), joined) == 3
    assert {row[1]: row[2] for row in found["funding"] if row[0] == 2016} == {
        "budget": Decimal("600.00"),
        "disbursement": Decimal("60.00"),
    }
    assert [row["key"] for row in found["topics"]["region"]] == [
        row["key"] for row in money.by_region(published())
    ]


def test_an_edit_renews_its_own_slice_only(projects):
    before = tokens()
    project = projects[1100]
    project.summary = "Edited."
    save_record(project, user=None)
    assert renewed(before) == {"1"}


@pytest.mark.parametrize(
    "change, slices",
    [
        (lambda made: made[2100].countries.add(country("KE")), {"2"}),
        (lambda made: made[10].themes.clear(), {"0"}),
        (lambda made: BudgetFactory(project=made[2100], period_start=LATER), {"2"}),
        (lambda made: Budget.objects.filter(project=made[10]).first().delete(), {"0"}),
        (lambda made: made[1100].delete(), {"1"}),
        (lambda made: Donor.objects.get(slug="japan").save(), {"shared"}),
        (lambda made: Country.objects.get(code="NP").save(), {"shared"}),
    ],
)
def test_each_change_renews_the_slices_it_touches(projects, change, slices):
    before = tokens()
    change(projects)
    assert renewed(before) == slices


def test_a_link_changed_from_the_other_side_names_the_projects_slices(projects):
    """`country.projects.add(…)`: the signal's instance is the country, its keys the projects'."""
    through = Project.countries.through
    found = versioning.changed_slices(
        through, instance=country("KE"), action="post_add", pk_set={10, 2100}, model=Project
    )
    assert found == {0, 2}
    cleared = versioning.changed_slices(
        through, instance=country("KE"), action="post_clear", pk_set=None, model=Project
    )
    assert cleared is None  # which projects is not known: the shared token


def test_a_part_moved_to_another_project_leaves_both_slices(projects):
    before = tokens()
    budget = Budget.objects.get(project=projects[10])
    budget.project, budget.period_start = projects[2100], LATER
    budget.save()
    assert renewed(before) == {"0", "2"}
    same(sums(), whole())


def test_changes_no_signal_names_renew_the_shared_slice(projects):
    before = tokens()
    published().filter(pk=10).publish()  # one UPDATE: the queryset renews the version itself
    assert renewed(before) == {"shared"}


@pytest.mark.parametrize(
    "change",
    [
        lambda made: BudgetFactory(project=made[2100], value=5, period_start=LATER),
        # In an edited slice, a project that the filtered sums' filters leave out.
        lambda made: ProjectFactory(id=2101, countries=["KE"], themes=["green-jobs"]),
        lambda made: TransactionFactory(project=made[10], value=7),
        lambda made: made[1100].countries.add(country("KE")),
        lambda made: made[2100].countries.remove(country("NP")),
        lambda made: made[10].themes.add(*made[1100].themes.all()),
        lambda made: Budget.objects.filter(project=made[1100]).delete(),
        lambda made: made[2100].delete(),
        lambda made: save_record(_with(made[1100], publication_status=Status.DRAFT), user=None),
        lambda made: save_record(_with(made[10], budget_usd=Decimal(5)), user=None),
        lambda made: save_record(_with(made[2100], status=Project.Status.CLOSED), user=None),
        lambda made: Country.objects.filter(code="IN").update(region=None)
        or versioning.bump_content_version(),
    ],
)
def test_the_first_sums_after_any_change_are_the_whole_tables(projects, change):
    same(sums(), whole())
    change(projects)
    same(sums(), whole())


def test_a_slice_counted_again_asks_its_filters_row_by_row_on_sqlite(projects):
    """The filters' subqueries (`pk IN (SELECT project_id ...)`) become `EXISTS` for one slice on
    SQLite, which probes the slice's links instead of listing every match in the table; the rows
    are the same."""
    slices = versioning.Slices([2], every=False)
    for form in ("country=NP&theme=informal-economy", "region=asia&sdg=8", "donor=japan&country=IN"):
        rows = filtered_by(form).qs
        within = slices.within(rows)
        assert sorted(within.values_list("pk", flat=True)) == sorted(
            rows.filter(pk__gte=2048, pk__lt=3072).values_list("pk", flat=True)
        )
        sql = str(within.query)
        if connection.vendor == "sqlite":
            assert "EXISTS" in sql and " IN (SELECT" not in sql
        else:
            assert "EXISTS" not in sql
    assert slices.within(filtered_by("country=KE").qs).count() == 0
    ProjectFactory(id=2101, countries=["KE"], themes=["green-jobs"])
    assert slices.within(filtered_by("country=KE").qs).count() == 1
    assert slices.within(filtered_by("country=KE&theme=informal-economy").qs).count() == 0


def filtered_by(form):
    return ProjectFilter(QueryDict(form), queryset=published())


def _with(project, **values):
    for name, value in values.items():
        setattr(project, name, value)
    return project


def test_a_scheduled_publication_falling_due_is_counted(projects):
    later = ProjectFactory(
        id=1200, countries=["NP"], published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert sums()["countries"]["NP"] == 3
    Project.objects.filter(pk=later.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    # The clock passes the time the version noted (kernel.versioning): no write, no signal.
    ContentVersion.objects.update(next_change=timezone.now() - datetime.timedelta(seconds=1), checked=True)
    assert sums()["countries"]["NP"] == 4
    same(sums(), whole())


def test_only_the_changed_slices_are_counted_again(projects, monkeypatch):
    sums()
    asked = []
    real = money._funding
    monkeypatch.setattr(
        money, "_funding", lambda rows_of, slices=None: asked.append(slices.numbers) or real(rows_of, slices)
    )
    BudgetFactory(project=projects[2100], value=5, period_start=LATER)
    sums()
    assert asked == [[2]]
    Donor.objects.get(slug="japan").save()  # the shared token: every slice again
    sums()
    assert asked == [[2], [0, 1, 2]]


def test_a_slice_written_in_a_rolled_back_savepoint_is_written_again(projects, committed):
    before = tokens()
    with committed():
        save_record(_with(projects[10], summary="First."), user=None)  # the version and slice 0
        try:
            with transaction.atomic():
                BudgetFactory(project=projects[2100], value=5, period_start=LATER)  # slice 2, undone below
                raise RuntimeError
        except RuntimeError:
            pass
        TransactionFactory(project=projects[2100], value=7)  # slice 2 again: written anew
    assert renewed(before) == {"0", "2"}
    same(sums(), whole())


def test_a_slice_is_written_once_per_transaction(projects, committed):
    with committed(), CaptureQueriesContext(connection) as captured:
        for value in (1, 2, 3):
            BudgetFactory(project=projects[2100], value=value, period_start=datetime.date(2000 + value, 1, 1))
    assert sum('"kernel_contentslice"' in query["sql"] for query in captured.captured_queries) == 1


def test_facet_options_outlive_an_edit_of_a_project_but_not_of_a_donor(projects):
    """A facet's options (donors, countries…) depend on no project: kept under the shared token, so
    the first reader after an edit of a project does not read them again; a donor renamed is."""

    def donor_options():
        versioning._request_started()
        return dict(ProjectFilter(QueryDict(), queryset=published())._options("donor"))

    assert donor_options()["japan"] == Donor.objects.get(slug="japan").name
    save_record(_with(projects[10], summary="Edited."), user=None)
    with CaptureQueriesContext(connection) as captured:
        donor_options()
    assert not any(query["sql"].startswith('SELECT "donors_donor"') for query in captured.captured_queries)
    donor = Donor.objects.get(slug="japan")
    save_record(_with(donor, name="Japan, renamed"), user=None)
    assert donor_options()["japan"] == "Japan, renamed"


def test_the_home_pages_donors_contributions_and_events_outlive_an_edit_of_a_project(
    client, projects, uncached
):
    """What the home page shows beyond projects is kept under the shared token: the first visitor
    after an edit of a project does not read it again; a new contribution or event is seen."""
    from tests.factories import ContributionFactory, EventFactory

    donor = Donor.objects.get(slug="japan")
    ContributionFactory(donor=donor, amount_usd="100.00", year_from=2030, year_to=2030)
    client.get("/")
    save_record(_with(projects[10], summary="Edited."), user=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    read = [query["sql"] for query in captured.captured_queries]
    assert not any(sql.startswith(('SELECT "donors_contribution"', 'SELECT "events_event"')) for sql in read)
    assert any('"projects_project"' in sql for sql in read)  # the projects' own figures are read
    assert [total.amount_usd for total in response.context["contribution_totals"]] == [Decimal("100.00")]

    ContributionFactory(donor=donor, amount_usd="50.00", year_from=2030, year_to=2030)
    EventFactory(title="A seminar on wages")
    response = client.get("/")
    assert [total.amount_usd for total in response.context["contribution_totals"]] == [Decimal("150.00")]
    assert [event.title for event in response.context["upcoming_events"]] == ["A seminar on wages"]


def test_a_donors_events_outlive_an_edit_of_a_project_but_not_a_new_event(client, projects, uncached):
    from tests.factories import EventFactory

    donor = Donor.objects.get(slug="japan")
    EventFactory(title="A first seminar").donors.add(donor)
    client.get(donor.get_absolute_url())
    save_record(_with(projects[10], summary="Edited."), user=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(donor.get_absolute_url())
    assert not any(query["sql"].startswith('SELECT "events_event"') for query in captured.captured_queries)
    assert response.context["event_count"] == 1

    EventFactory(title="A second seminar").donors.add(donor)
    response = client.get(donor.get_absolute_url())
    assert response.context["event_count"] == 2
    assert {event.title for event in response.context["events"]} == {"A first seminar", "A second seminar"}


def test_search_reads_no_event_again_after_an_edit_of_a_project_but_sees_a_new_one(
    client, projects, uncached
):
    """The event group's matches and count, and the events per country that name a country, are
    kept under the shared token; a project's edit leaves them, a new event renews them."""
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import EventFactory

    def events_group(response):
        (group,) = [group for group in response.context["groups"] if group["name"] == "events"]
        return group["count"], [event.title for event in group["results"]]

    EventFactory(title="A first seminar", country=country("NP"))
    client.get("/search/?q=seminar")
    save_record(_with(projects[10], summary="Edited."), user=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/?q=seminar")
    read = [query["sql"] for query in captured.captured_queries]
    # (The one query over every table for the next scheduled publication names events too.)
    assert not any(
        sql.startswith(('SELECT "events_event"', 'SELECT COUNT(*) AS "__count" FROM "events_event"'))
        for sql in read
    )
    assert any('FROM "projects_project"' in sql for sql in read)
    assert events_group(response) == (1, ["A first seminar"])

    EventFactory(title="A second seminar", country=country("NP"))
    response = client.get("/search/?q=seminar")
    assert events_group(response)[0] == 2
    assert set(events_group(response)[1]) == {"A first seminar", "A second seminar"}
    assert places.countries_with_content(AnonymousUser())["NP"].event_count == 2


def test_the_first_rows_kept_per_slice_are_the_querysets_first_rows_through_every_change(projects):
    """`remembered_first`: the first rows of an order that depends on each row alone (a budget, a
    relevance score on PostgreSQL), kept per slice and merged, are the queryset's own first rows
    after any change; only the changed slice is read again."""
    ProjectFactory(id=2101, budget_usd=Decimal(1500))
    ProjectFactory(id=1101, budget_usd=None)

    def first(count=2):
        versioning._request_started()
        rows = published().order_by("-budget_usd", "pk")
        kept = [project.pk for project in versioning.remembered_first(("budgets",), rows, count)]
        assert kept == [project.pk for project in rows[:count]]
        return kept

    # PostgreSQL puts a missing budget first when descending, SQLite last: each as the queryset does.
    first(), first(5)
    save_record(_with(projects[10], budget_usd=Decimal(9000)), user=None)
    with CaptureQueriesContext(connection) as captured:
        assert first()[0] == 10 or first()[0] == 1101
    (window,) = [query["sql"] for query in captured.captured_queries if "ROW_NUMBER" in query["sql"]]
    assert '"id" < 1024' in window and '"id" >= 1024' not in window  # slice 0 alone
    save_record(_with(projects[10], publication_status=Status.DRAFT), user=None)
    assert 10 not in first(5)
    projects[2100].delete()
    assert 2100 not in first(5)
    Donor.objects.get(slug="japan").save()  # the shared token: every slice again
    first(5)


def test_search_ranks_the_edited_slice_again_where_relevance_is_per_row(client, projects, uncached):
    """On PostgreSQL a match's score is its own, so the search page's first projects are kept per
    slice; an edit that makes a project the best match shows at once. On SQLite (bm25 weighs each
    word over the whole table) the group is ranked again whole; the answer is the same."""

    def projects_group():
        response = client.get("/search/?q=formalization")
        (group,) = [group for group in response.context["groups"] if group["name"] == "projects"]
        return group["count"], [project.pk for project in group["results"]]

    ProjectFactory(id=11, title="Decent work", summary="On formalization.")
    assert projects_group() == (1, [11])
    save_record(_with(projects[2100], title="Formalization of the informal economy"), user=None)
    assert projects_group() == (2, [2100, 11])  # the title's match first, from a later slice
    save_record(_with(projects[2100], publication_status=Status.DRAFT), user=None)
    assert projects_group() == (1, [11])
    per_row = Project.objects.all().relevance_per_row()
    assert per_row == (connection.vendor == "postgresql")


def test_migrate_renews_the_content_version_and_the_shared_token(projects):
    """Every upgrade runs `migrate`: nothing kept by the code before it may be served after."""
    from django.core.management.sql import emit_post_migrate_signal

    sums()
    before, version = tokens(), versioning.content_version()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert renewed(before) == {versioning.SHARED}
    assert versioning.content_version() != version
