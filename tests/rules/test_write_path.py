"""One write path: the admin, the API, the spreadsheet import and the IATI import write records and
their parts through `kernel.services`, so a part may be deleted only by whoever may delete it, rows are
updated rather than deleted and made again, every rule is reported naming its field, and the history
names who acted."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from tablib import Dataset

from donors.models import Contribution, OdaFigure, PriorityArea
from donors.resources import ContributionResource
from events.models import Organiser, Speaker
from kernel import services
from projects.iati import activities_document
from projects.models import Participant, Project
from tests.factories import (
    DonorFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    ProjectFactory,
    ResultFactory,
    SpeakerFactory,
)
from tests.rules.forms import change_form_data

pytestmark = pytest.mark.django_db

PARTS = {
    "participants": (ParticipantFactory, "project", "/api/v1/projects/"),
    "results": (ResultFactory, "project", "/api/v1/projects/"),
    "organisers": (OrganiserFactory, "event", "/api/v1/events/"),
    "speakers": (SpeakerFactory, "event", "/api/v1/events/"),
    "priority_areas": (PriorityAreaFactory, "donor", "/api/v1/donors/"),
    "oda_figures": (OdaFigureFactory, "donor", "/api/v1/donors/"),
}


@pytest.mark.parametrize("name", list(PARTS))
def test_a_part_is_deleted_only_by_whoever_may_delete_it_in_the_admin_and_the_api(
    client, editor, editor_api, publisher, publisher_api, name
):
    factory, parent_name, api = PARTS[name]
    part = factory()
    model, parent = type(part), getattr(part, parent_name)
    opts = type(parent)._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[parent.pk])
    client.force_login(editor)
    page = client.get(url)
    prefix = next(
        inline.formset.prefix
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is model
    )

    # The admin gives an Editor no way to delete it...
    client.post(url, change_form_data(page, **{f"{prefix}-0-DELETE": "on"}))
    assert model.objects.filter(pk=part.pk).exists()
    # ...nor does the API, and the rest of the request is not written either.
    response = editor_api.patch(f"{api}{parent.slug}/", {"summary": "Changed", name: []}, format="json")
    assert response.status_code == 403
    assert list(response.json()) == [name]
    assert f"{opts.app_label}.delete_{model._meta.model_name}" in response.json()[name][0]
    assert model.objects.filter(pk=part.pk).exists()
    parent.refresh_from_db()
    assert parent.summary != "Changed"

    # A Publisher may.
    response = publisher_api.patch(f"{api}{parent.slug}/", {name: []}, format="json")
    assert response.status_code == 200, response.json()
    assert not model.objects.filter(pk=part.pk).exists()
    assert model.history.filter(history_type="-").latest().history_user == publisher


def test_a_part_sent_again_is_updated_in_place_not_deleted_and_made_again(editor, editor_api):
    participant = ParticipantFactory(role=Participant.Role.FUNDING, amount_usd="100.00")
    other = ParticipantFactory(project=participant.project, role=Participant.Role.IMPLEMENTING)
    project = participant.project
    rows = [
        {"organisation": other.organisation.slug, "role": "4"},
        {"organisation": participant.organisation.slug, "role": "1", "amount_usd": "250.00"},
    ]

    response = editor_api.patch(f"/api/v1/projects/{project.slug}/", {"participants": rows}, format="json")

    assert response.status_code == 200, response.json()
    participant.refresh_from_db()
    other.refresh_from_db()
    assert (participant.amount_usd, participant.position) == (250, 1)
    assert other.position == 0
    assert Participant.objects.filter(project=project).count() == 2
    latest = participant.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", editor)

    # A row whose key changes takes the place of the one it replaces: an Editor may change a role.
    rows = [{"organisation": other.organisation.slug, "role": "3"}, rows[1]]
    response = editor_api.patch(f"/api/v1/projects/{project.slug}/", {"participants": rows}, format="json")
    assert response.status_code == 200, response.json()
    other.refresh_from_db()
    assert other.role == Participant.Role.EXTENDING
    # A row sent without a field takes its default, as when the list was made afresh.
    response = editor_api.patch(
        f"/api/v1/projects/{project.slug}/",
        {"participants": [rows[0], {"organisation": participant.organisation.slug, "role": "1"}]},
        format="json",
    )
    participant.refresh_from_db()
    assert participant.amount_usd is None


def test_a_role_taken_twice_is_refused_by_every_path_naming_the_list(client, superuser, editor_api):
    participant = ParticipantFactory()
    project, organisation = participant.project, participant.organisation
    twice = [{"organisation": organisation, "role": participant.role}] * 2

    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(superuser)
    again = {"organisation": organisation.pk, "role": participant.role, "position": 1}
    data = change_form_data(
        client.get(url),
        **{
            "participants-TOTAL_FORMS": "2",
            **{f"participants-1-{key}": value for key, value in again.items()},
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "organisation and role" in response.content.decode()  # the formset names both fields

    with pytest.raises(ValidationError) as error:
        services.replace_parts(project, parts={"participants": twice}, user=None)
    assert list(error.value.message_dict) == ["participants"]
    assert "This organisation already has this role in the project." in error.value.messages[0]

    response = editor_api.patch(
        f"/api/v1/projects/{project.slug}/",
        {"participants": [{"organisation": organisation.slug, "role": participant.role}] * 2},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["participants"]
    assert Participant.objects.filter(project=project).count() == 1


def test_a_founding_member_joined_in_1919_says_the_admin_and_the_api(client, superuser, editor_api):
    donor = DonorFactory(ilo_member_since=1951)
    url = reverse("admin:donors_donor_change", args=[donor.pk])
    client.force_login(superuser)

    response = client.post(url, change_form_data(client.get(url), founding_member="on"))
    assert response.status_code == 200
    assert "A founding member joined in 1919" in response.content.decode()
    assert "is violated" not in response.content.decode()

    response = editor_api.patch(f"/api/v1/donors/{donor.slug}/", {"founding_member": True}, format="json")
    assert response.status_code == 400
    assert "A founding member joined in 1919" in response.json()["founding_member"][0]


def test_the_spreadsheet_import_records_who_imported(editor):
    DonorFactory(slug="japan")
    dataset = Dataset(headers=["slug", "donor", "kind", "year_from", "year_to", "amount_usd"])
    dataset.append(["japan-assessed-2016", "japan", "assessed", "2016", "2016", "100"])

    result = ContributionResource().import_data(dataset, dry_run=False, user=editor)

    assert not result.has_errors() and not result.has_validation_errors()
    assert Contribution.objects.get().history.latest().history_user == editor


def import_iati(path, *args):
    out = io.StringIO()
    call_command("import_iati", str(path), *args, quiet_progress=True, stdout=out)
    return out.getvalue()


def test_the_iati_import_acts_as_its_user_deleting_parts_included(tmp_path, editor, publisher):
    kept = ParticipantFactory()
    project = kept.project
    result = ResultFactory(project=project, title="Workers covered", value=100)
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.filter(pk=project.pk)))
    dropped = ParticipantFactory(project=project, organisation=OrganisationFactory(), role="1")

    with pytest.raises(CommandError, match="projects.delete_participant"):
        import_iati(path, "--user", editor.username)
    assert Participant.objects.filter(pk=dropped.pk).exists()

    assert "updated 1" in import_iati(path, "--user", publisher.username)
    assert list(project.participants.all()) == [kept]
    assert list(project.results.all()) == [result]  # unchanged, so not written again
    assert result.history.count() == 1
    assert Participant.history.filter(history_type="-").latest().history_user == publisher
    assert project.history.latest().history_user == publisher


def test_organisers_speakers_priority_areas_and_oda_figures_keep_their_rows():
    organiser, speaker = OrganiserFactory(), SpeakerFactory()
    area, figure = PriorityAreaFactory(name="Peace building"), OdaFigureFactory(year=2016)
    for part, name, row in (
        (organiser, "organisers", {"organisation": organiser.organisation, "role": "host"}),
        (speaker, "speakers", {"person": speaker.person, "role": speaker.role, "topic": "Decent work"}),
        (area, "priority_areas", {"name": "Peace building", "detail": "Asia"}),
        (figure, "oda_figures", {"year": 2016, "amount_usd": 5, "source": "OECD"}),
    ):
        parent = part.event if name in ("organisers", "speakers") else part.donor
        services.replace_parts(parent, parts={name: [row]}, user=None)
        assert list(getattr(parent, name).values_list("pk", flat=True)) == [part.pk]
    assert Organiser.objects.get().role == "host"
    assert Speaker.objects.get().topic == "Decent work"
    assert PriorityArea.objects.get().detail == "Asia"
    assert OdaFigure.objects.get().amount_usd == 5


def _asked(queries, table):
    """The statements that read `table` (not those that write it)."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith("SELECT") and f'FROM "{table}"' in query["sql"]
    ]


def test_parts_written_to_a_record_that_had_none_are_checked_against_each_other_not_asked():
    """A project with no participants: the unique (organisation, role) of each new one is answered from
    the rows written, so no participant is read; a role taken twice in the list is still refused with
    the model's own message, and nothing is written."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project = ProjectFactory()
    ministry, union = OrganisationFactory(), OrganisationFactory()
    rows = [
        {"organisation": ministry, "role": "1"},
        {"organisation": union, "role": "1"},
        {"organisation": ministry, "role": "2"},
    ]
    with CaptureQueriesContext(connection) as queries:
        services.replace_parts(project, parts={"participants": rows}, user=None)
    assert Participant.objects.filter(project=project).count() == 3
    # The one read is the stored list (empty); no unique check asked the table.
    assert len(_asked(queries, "projects_participant")) == 1
    assert not [sql for sql in _asked(queries, "projects_participant") if "LIMIT 1" in sql]

    other = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.replace_parts(other, parts={"participants": [rows[0], rows[1], rows[0]]}, user=None)
    assert "This organisation already has this role in the project." in error.value.messages[0]
    assert not Participant.objects.filter(project=other).exists()


def test_a_record_with_parts_stored_still_asks_the_database_for_their_unique_keys():
    participant = ParticipantFactory()
    project = participant.project
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.replace_parts(
            project,
            parts={
                "participants": [
                    {"organisation": participant.organisation, "role": participant.role},
                    {"organisation": OrganisationFactory(), "role": "1"},
                ]
            },
            user=None,
        )
    assert [sql for sql in _asked(queries, "projects_participant") if "LIMIT 1" in sql]


def test_a_new_rows_own_parts_are_not_read_and_a_period_finds_its_project_in_memory():
    """A result written with its indicators and their periods: the new result's indicators and the new
    indicator's periods are not read back (it has none), and each period's project, which the write
    path holds, is not asked for; a period outside the project is still refused."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import IndicatorPeriod

    project = ProjectFactory()  # 2015–2018
    period = {
        "period_start": datetime.date(2016, 1, 1),
        "period_end": datetime.date(2016, 12, 31),
        "actual": 5,
    }
    indicator = {
        "title": "workers",
        "measure": "1",
        "periods": [period, {**period, "period_start": datetime.date(2016, 6, 1)}],
    }
    with CaptureQueriesContext(connection) as queries:
        services.replace_parts(
            project, parts={"results": [{"title": "Covered", "indicators": [indicator]}]}, user=None
        )
    assert IndicatorPeriod.objects.filter(indicator__result__project=project).count() == 2
    assert _asked(queries, "projects_indicator") == []
    assert _asked(queries, "projects_indicatorperiod") == []
    assert _asked(queries, "projects_project") == []

    late = {**period, "period_start": datetime.date(2019, 1, 1), "period_end": datetime.date(2019, 12, 31)}
    other = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.replace_parts(
            other,
            parts={"results": [{"title": "Covered", "indicators": [{**indicator, "periods": [late]}]}]},
            user=None,
        )
    assert "An indicator period must lie within the project" in str(error.value)
    assert not IndicatorPeriod.objects.filter(indicator__result__project=other).exists()


def test_a_new_list_of_parts_written_together_is_written_as_one_at_a_time():
    """Budgets and transactions for a project that had none, with a user and a reason: the rows, their
    first versions (author, reason, kind) and the post_save signals each row sends are those of the
    rows saved one by one; a row the rules refuse leaves nothing written, with the same error."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    from projects.models import Budget, Transaction

    editor = get_user_model().objects.create_superuser("writer", "w@example.org", "x")
    day = datetime.date(2016, 1, 1)
    parts = {
        "budgets": [
            {"period_start": day, "period_end": day.replace(month=12), "value": 100, "currency": "EUR"},
            {
                "period_start": day.replace(year=2017),
                "period_end": day.replace(year=2017, month=6),
                "value": 5,
            },
        ],
        "transactions": [{"kind": "2", "date": day, "value": 7, "currency": "USD"}],
    }

    def written(together):
        project = ProjectFactory()
        sent = []

        def spy(sender, instance, created, **kwargs):
            if sender in (Budget, Transaction):
                sent.append((sender.__name__, created, instance.pk is not None))

        post_save.connect(spy, weak=False, dispatch_uid="spy")
        try:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(services, "writes_together", lambda model: together)
                services.replace_parts(project, parts=parts, user=editor, reason="From the 2016 report")
        finally:
            post_save.disconnect(dispatch_uid="spy")
        rows = {
            name: [
                {key: value for key, value in row.items() if key not in ("id", "project_id")}
                for row in getattr(project, name).order_by("pk").values()
            ]
            for name in parts
        }
        versions = {
            name: list(
                getattr(project, name)
                .model.history.filter(project=project)
                .order_by("history_id")
                .values_list("history_type", "history_user__username", "history_change_reason", "value_usd")
            )
            for name in parts
        }
        return rows, versions, sent

    assert written(True) == written(False)
    rows, versions, sent = written(True)
    assert len(rows["budgets"]) == 2 and versions["budgets"][0][:3] == ("+", "writer", "From the 2016 report")
    assert sent == [("Budget", True, True)] * 2 + [("Transaction", True, True)]

    refused = ProjectFactory()
    negative = {"budgets": [parts["budgets"][0], {**parts["budgets"][1], "value": -1}]}
    # The same type of budget twice from one day: the second is refused before anything is written.
    twice = {"budgets": [parts["budgets"][0], {**parts["budgets"][0], "value": 3}]}
    for bad in (negative, twice):
        errors = []
        for together in (True, False):
            with pytest.MonkeyPatch.context() as patch, pytest.raises(ValidationError) as error:
                patch.setattr(services, "writes_together", lambda model, together=together: together)
                services.replace_parts(refused, parts=bad, user=None)
            errors.append(error.value.message_dict)
            assert not refused.budgets.exists()
        assert errors[0] == errors[1]


def test_only_models_whose_save_is_all_in_prepare_save_are_written_together():
    from events.models import Organiser, Speaker
    from projects.models import Budget, IndicatorPeriod, Transaction

    assert services.writes_together(Budget) and services.writes_together(Transaction)
    assert services.writes_together(Participant) and services.writes_together(IndicatorPeriod)
    assert services.writes_together(Organiser)  # Positioned: its save is its prepare_save
    assert not services.writes_together(Speaker)  # its own save fills its position from the person
