"""`manage.py backup` and `manage.py restore`: a round trip loses nothing, on SQLite and PostgreSQL;
a restore refuses what it cannot load faithfully, and changes nothing when it fails."""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from donors.models import Donor
from events.models import Event
from kernel.roles import EDITORS
from kernel.taxonomy.models import Country, Theme
from operations.backups import FORMAT_VERSION, Serializer, backed_up_models
from projects.models import Project
from tests.factories import (
    PASSWORD,
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OrganiserFactory,
    ParticipantFactory,
    ProjectFactory,
    ResultFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _forget_content_type_ids():
    # `flush` inside a test makes new content types; the test's rollback brings the old ones back,
    # so the ids cached meanwhile must not outlive it.
    yield
    ContentType.objects.clear_cache()


def make_content():
    """A little of everything a backup must keep: content, relations, history, people and groups."""
    editor = UserFactory(username="mhlw-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    source = SourceFactory(slug="japan-ilo-cooperation-2017")
    japan = DonorFactory(name="Japan", slug="japan", source=source)
    ContributionFactory(donor=japan, amount_usd="31800000.00")
    project = ProjectFactory(
        title="SSE in Nepal", countries=["NP"], themes=["informal-economy"], donors=[japan]
    )
    ResultFactory(project=project, value=2827)
    ParticipantFactory(project=project)
    event = EventFactory(title="Decent Work and the SSE")
    event.projects.add(project)
    OrganiserFactory(event=event)
    SpeakerFactory(event=event)
    project._history_user = editor
    project.title = "Social and solidarity economy in Nepal"
    project.save()
    DonorFactory(slug="deleted-donor").delete()  # lives on in its history only
    Theme.objects.create(
        slug="new-theme", name="A theme added by staff", strategic_objective="rights", dac_sector="16070"
    )
    if apps.is_installed("rest_framework.authtoken"):
        from rest_framework.authtoken.models import Token

        Token.objects.create(user=editor)
    return editor


def dump():
    """Every row a backup holds, as the backup writes it (users by name, so ids may differ)."""
    serializer = Serializer()
    return {
        model._meta.label: [
            json.dumps(row, sort_keys=True, default=str)
            for row in serializer.rows(model, model._base_manager.all())
        ]
        for model in backed_up_models()
    }


def empty_the_database():
    if connection.vendor == "postgresql":
        connection.check_constraints()  # TRUNCATE refuses tables with checks pending
    call_command("flush", interactive=False, verbosity=0)
    assert not Project.objects.exists()
    # flush empties every table, then post_migrate puts back what migrations make: the reference data.
    assert Country.objects.count() == 249


@pytest.mark.parametrize("name", ["site.jsonl", "site.jsonl.gz"])
def test_a_round_trip_loses_nothing(tmp_path, name):
    editor = make_content()
    before = dump()
    path = tmp_path / name
    call_command("backup", str(path), verbosity=0)
    empty_the_database()

    call_command("restore", str(path), verbosity=0)

    assert dump() == before
    project = Project.objects.get(slug=Project.objects.get(title__startswith="Social").slug)
    assert list(project.countries.values_list("code", flat=True)) == ["NP"]
    assert list(project.donors.values_list("slug", flat=True)) == ["japan"]
    assert project.results.get().value == 2827
    assert project.history.latest().history_user.username == editor.username
    assert project.history.earliest().title == "SSE in Nepal"
    assert Donor.history.filter(slug="deleted-donor", history_type="-").exists()
    assert Theme.objects.filter(slug="new-theme").exists()
    restored_editor = Group.objects.get(name=EDITORS).user_set.get()
    assert restored_editor.username == "mhlw-editor"
    assert restored_editor.check_password(PASSWORD)
    assert restored_editor.has_perm("projects.change_project")
    assert not restored_editor.has_perm("projects.publish_project")


def test_new_records_after_a_restore_get_fresh_ids(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    empty_the_database()
    call_command("restore", str(path), verbosity=0)
    highest = max(Project.objects.values_list("pk", flat=True))
    highest_version = max(Project.history.values_list("history_id", flat=True))
    assert ProjectFactory().pk > highest
    project = Project.objects.get(pk=highest)
    project.save()  # a new historical record, whose id must not collide either
    assert project.history.latest().history_id > highest_version


def test_the_file_says_what_wrote_it(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl.gz"
    call_command("backup", str(path), verbosity=0)
    with gzip.open(path, "rt") as file:
        header = json.loads(file.readline())
        rows = [json.loads(line) for line in file]
    assert header["format"] == "ilopartners-backup"
    assert header["format_version"] == FORMAT_VERSION
    assert header["database_vendor"] == connection.vendor
    latest = MigrationLoader(connection).graph.leaf_nodes("projects")[0][1]
    assert header["migrations"]["projects"] == latest
    assert {"app_version", "django_version", "created_at"} <= set(header)
    assert header["counts"]["projects.project"] == 1
    assert header["counts"]["projects.historicalproject"] == Project.history.count()
    models = {row["model"] for row in rows}
    assert {"auth.user", "auth.group", "projects.project", "projects.historicalproject"} <= models
    assert not any(model.startswith(("axes.", "sessions.", "contenttypes.")) for model in models)
    [user] = [row for row in rows if row["model"] == "auth.user"]
    assert "pk" not in user  # by natural key: the username
    assert user["fields"]["groups"] == [[EDITORS]]


def test_restore_refuses_a_database_with_content(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    ProjectFactory(slug="made-since")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), verbosity=0)
    assert Project.objects.filter(slug="made-since").exists()


def test_restore_with_force_replaces_the_content(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    before = dump()
    ProjectFactory(slug="made-since")
    call_command("restore", str(path), force=True, verbosity=0)
    assert not Project.objects.filter(slug="made-since").exists()
    assert dump() == before


def rewrite_header(path, **changes):
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header.update(changes)
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"format_version": FORMAT_VERSION + 1}, "format"),
        ({"format": "something-else"}, "not an ILO Partners backup"),
        ({"migrations": {"projects": "0099_future"}}, "migrations"),
    ],
)
def test_restore_refuses_a_file_it_cannot_load_faithfully(tmp_path, changes, message):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    rewrite_header(path, **changes)
    empty_the_database()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), verbosity=0)
    assert not Project.objects.exists()


def test_a_failed_restore_changes_nothing(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    lines = path.read_text().splitlines()
    broken = [line for line in lines if '"model": "events.event"' in line][0]
    row = json.loads(broken)
    row["fields"]["start"] = "not a date"
    path.write_text("\n".join(json.dumps(row) if line == broken else line for line in lines) + "\n")
    ProjectFactory(slug="kept")
    before = dump()
    with pytest.raises(Exception):  # noqa: B017 -- whatever the loader raises, the point is the rollback
        call_command("restore", str(path), force=True, verbosity=0)
    assert dump() == before
    assert Event.objects.count() == 1


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", str(tmp_path / "missing.jsonl"), verbosity=0)


def manage(*args, database):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_commands_move_a_site_to_a_new_database(tmp_path):
    """Backup on one database, restore into a freshly migrated other one, as an operator would."""
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    manage("migrate", "--noinput", database=old)
    shutil.copy(old, new)  # a freshly migrated database, without migrating twice
    manage(
        "shell",
        "-c",
        "from tests.factories import *; p = ProjectFactory(countries=['NP']); p.title = 'Edited'; p.save();"
        "UserFactory(username='publisher-1')",
        database=old,
    )
    manage("backup", str(tmp_path / "site.jsonl.gz"), database=old)
    output = manage("restore", str(tmp_path / "site.jsonl.gz"), database=new)
    assert "Restored" in output
    manage("backup", str(tmp_path / "again.jsonl.gz"), database=new)

    def rows(name):
        with gzip.open(tmp_path / name, "rt") as file:
            header = json.loads(file.readline())
            return header["counts"], sorted(file)

    assert rows("site.jsonl.gz") == rows("again.jsonl.gz")
