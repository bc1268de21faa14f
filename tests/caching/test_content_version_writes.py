"""The content version (kernel/versioning.py) is renewed once per transaction that changed content:
every write locks its row, so a donor saved with its history, or a relation set with its `pre_*` and
`post_*` signals, must write it once, not once per signal. A change after a rolled-back savepoint, or
after the version was read, renews it again, so nothing computed from half a change outlives it.

Inside a test the outer transaction never commits; `committed` runs a block as the site runs a
transaction, its on-commit callbacks included.
"""

from decimal import Decimal

import lxml.html
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from donors.models import Contribution, Donor, PriorityArea
from kernel import versioning
from kernel.models import ContentVersion
from kernel.services import replace_parts, save_record
from kernel.versions import one_version
from projects.models import Project
from tests.factories import DonorFactory, ProjectFactory, country

pytestmark = pytest.mark.django_db

TABLE = '"kernel_contentversion"'


@pytest.fixture(autouse=True)
def _a_new_request():
    """The row exists (as after the site's first change: the first ever write makes it), and nothing
    is left over from an earlier test: as at the start of a request, no version read yet and no
    transaction marked as having renewed it."""
    versioning._request_started()
    versioning.content_version()  # makes the row if there is none
    versioning._request_started()


def writes(queries):
    """The statements that wrote the content version's row."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if TABLE in query["sql"] and query["sql"].startswith(("INSERT", "UPDATE"))
    ]


def renewals(queries):
    """The writes that gave it a new token (a first read also writes, to note the next scheduled
    publication, but keeps the token)."""
    return [sql for sql in writes(queries) if sql.startswith("INSERT") or 'SET "token"' in sql]


def token():
    return ContentVersion.objects.get().token


def test_a_donor_created_with_its_parts_in_one_transaction_renews_the_version_once(committed):
    with CaptureQueriesContext(connection) as queries, committed():
        donor = Donor.objects.create(name="Japan", slug="japan", kind=Donor.Kind.MEMBER_STATE)
        PriorityArea.objects.create(donor=donor, name="Peace building", position=0)
        Contribution.objects.create(
            donor=donor, kind=Contribution.Kind.ASSESSED, year_from=2016, year_to=2016
        )
        donor.summary = "A founding member"
        donor.save()
    assert Donor.history.filter(slug="japan").count() == 2  # the history was written, and did not count
    assert len(writes(queries)) == 1, writes(queries)


def test_a_donor_saved_with_its_parts_through_the_services_renews_the_version_once(committed, publisher):
    donor = Donor(name="Japan", slug="japan", kind=Donor.Kind.MEMBER_STATE)
    donor.full_clean()
    parts = {
        "priority_areas": [{"name": "Peace building"}, {"name": "Poverty reduction", "position": 1}],
        "oda_figures": [{"year": 2016, "amount_usd": Decimal("10370000000.00"), "source": "OECD"}],
    }
    # One version, as the API and the imports write a record with its parts.
    with CaptureQueriesContext(connection) as queries, committed(), one_version(donor, user=publisher):
        save_record(donor, user=publisher)
        replace_parts(donor, parts=parts, user=publisher)
    assert donor.priority_areas.count() == 2
    assert donor.history.get().history_user == publisher
    assert len(writes(queries)) == 1, writes(queries)


def test_a_donor_created_through_the_admin_renews_the_version_once(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:donors_donor_add")
    form = next(
        form
        for form in lxml.html.document_fromstring(client.get(url).content).forms
        if form.get("id", "").endswith("_form")
    )
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.update(name=["Japan"], slug=["japan"], kind=[Donor.Kind.MEMBER_STATE], _save=["Save"])

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Donor.objects.filter(slug="japan").exists()
    assert Donor.history.filter(slug="japan").exists()
    assert len(writes(queries)) == 1, writes(queries)


def test_setting_a_projects_countries_in_one_transaction_renews_the_version_once(committed):
    with committed():
        project = ProjectFactory(countries=["BD", "IN"])
    before = token()
    with CaptureQueriesContext(connection) as queries, committed():
        project.countries.set([country("IN"), country("NP")])  # one removed, one added
    assert set(project.countries.values_list("code", flat=True)) == {"IN", "NP"}
    assert len(writes(queries)) == 1, writes(queries)
    assert token() != before


def test_pre_relation_signals_and_history_models_never_renew_it():
    project = ProjectFactory()
    versioning.content_version()  # read since the change: the next renewal would write
    through = Project.countries.through
    with CaptureQueriesContext(connection) as queries:
        for action in ("pre_add", "pre_remove", "pre_clear"):
            versioning.content_changed(sender=through, instance=project, action=action)
        versioning.content_changed(sender=Project.history.model, instance=project.history.latest())
    assert writes(queries) == []
    with CaptureQueriesContext(connection) as queries:
        versioning.content_changed(sender=through, instance=project, action="post_add")
    assert len(renewals(queries)) == 1  # where the same call with a post_ action does


@pytest.mark.django_db(transaction=True)
def test_a_donor_saved_outside_a_transaction_renews_it_once_not_again_for_its_history():
    """In autocommit (a shell, a management command) each statement commits on its own, so only
    leaving out the history model keeps this to one write."""
    with CaptureQueriesContext(connection) as queries:
        Donor.objects.create(name="Japan", slug="japan", kind=Donor.Kind.MEMBER_STATE)
    assert Donor.history.filter(slug="japan").exists()
    assert len(writes(queries)) == 1, writes(queries)


def test_a_change_after_a_rolled_back_savepoint_still_renews_it(committed):
    with committed():
        project = ProjectFactory(title="Before")
    before = token()
    with CaptureQueriesContext(connection) as queries, committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            project.title = "Rolled back"
            project.save()
            raise RuntimeError
        assert token() == before  # the renewal went with the savepoint
        DonorFactory()
    assert len(renewals(queries)) == 2, writes(queries)
    assert token() != before


def test_reading_the_version_between_two_changes_renews_it_again(committed):
    with committed():
        project = ProjectFactory(title="Before")
    with CaptureQueriesContext(connection) as queries, committed():
        project.title = "First change"
        project.save()
        seen = versioning.content_version()  # something may be computed from the first change only
        project.title = "Second change"
        project.save()
    assert len(renewals(queries)) == 2, writes(queries)
    assert token() != seen


def test_two_changes_with_no_read_between_them_renew_it_once(committed):
    with committed():
        project = ProjectFactory(title="Before")
    with CaptureQueriesContext(connection) as queries, committed():
        project.title = "First change"
        project.save()
        DonorFactory()
    assert len(renewals(queries)) == 1, writes(queries)


def test_each_transaction_renews_it(committed):
    with committed():
        project = ProjectFactory(title="Before")
    tokens = []
    for title in ("First", "Second"):
        with committed():
            project.title = title
            project.save()
        tokens.append(token())
    assert len(set(tokens)) == 2


def test_many_changes_in_one_transaction_ask_nothing_more_of_the_version(committed):
    """After the first change renewed it, later ones (an import's every row, each in its own
    savepoint that is released) neither write nor read the version's row again."""
    with CaptureQueriesContext(connection) as queries, committed():
        for number in range(5):
            with transaction.atomic():  # a savepoint per row, released
                ProjectFactory(title=f"Row {number}")
    assert len(renewals(queries)) == 1, writes(queries)
    assert [query["sql"] for query in queries.captured_queries if TABLE in query["sql"]] == writes(queries)


def test_a_change_after_an_outer_rollback_renews_it_again(committed):
    with pytest.raises(RuntimeError), transaction.atomic():
        ProjectFactory(title="Rolled back")
        raise RuntimeError
    before = token()
    with CaptureQueriesContext(connection) as queries, committed():
        DonorFactory()
    assert len(renewals(queries)) == 1, writes(queries)
    assert token() != before
