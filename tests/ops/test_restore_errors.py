"""A restore is all or nothing: a truncated, corrupted or wrongly linked file, or one holding rows
of a model backups do not hold, is refused with one line naming the line and the cause, and the
database is left exactly as it was."""

import json
import subprocess
import sys

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from projects.models import Project
from tests.factories import ProjectFactory
from tests.ops.test_backup import BASE_DIR, _forget_content_type_ids, dump, make_content  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl"
    call_command("backup", str(path), verbosity=0)
    ProjectFactory(slug="kept-after-the-backup")
    return path


def rewrite(path, change):
    lines = path.read_text().splitlines()
    path.write_text("\n".join(change(lines)) + "\n")


def refused(path, match):
    before = dump()
    with pytest.raises(CommandError, match=match) as refusal:
        call_command("restore", str(path), force=True, verbosity=0)
    assert dump() == before
    assert Project.objects.filter(slug="kept-after-the-backup").exists()
    message = str(refusal.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def line_of(lines, model):
    return next(number for number, line in enumerate(lines, start=1) if f'"model": "{model}"' in line)


def test_a_line_that_is_not_json_names_its_line(backup):
    lines = backup.read_text().splitlines()
    number = line_of(lines, "projects.project")
    rewrite(
        backup, lambda lines: [line[:40] if i == number else line for i, line in enumerate(lines, start=1)]
    )
    assert refused(backup, rf"^Line {number} is not JSON").startswith(f"Line {number}")


def test_a_truncated_compressed_file_is_refused(tmp_path):
    make_content()
    path = tmp_path / "site.jsonl.gz"
    call_command("backup", str(path), verbosity=0)
    ProjectFactory(slug="kept-after-the-backup")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, r"truncated or corrupted|not JSON")


def test_a_bad_value_names_its_line_and_record(backup):
    lines = backup.read_text().splitlines()
    number = line_of(lines, "events.event")
    row = json.loads(lines[number - 1])
    row["fields"]["start"] = "not a date"
    rewrite(
        backup,
        lambda lines: [json.dumps(row) if i == number else line for i, line in enumerate(lines, start=1)],
    )
    message = refused(backup, rf"^Line {number} \(events.event {row['pk']}\)")
    assert "not a date" in message or "valid" in message


def test_a_row_linked_to_a_missing_record_is_refused(backup):
    lines = backup.read_text().splitlines()
    number = line_of(lines, "projects.participant")
    row = json.loads(lines[number - 1])
    row["fields"]["organisation"] = 999_999
    rewrite(
        backup,
        lambda lines: [json.dumps(row) if i == number else line for i, line in enumerate(lines, start=1)],
    )
    refused(backup, r"refers to a record|Line")


def test_a_row_of_a_model_backups_do_not_hold_is_refused(backup):
    evil = {
        "model": "auth.permission",
        "fields": {"name": "evil", "codename": "evil", "content_type": ["projects", "project"]},
    }
    rewrite(backup, lambda lines: [*lines, json.dumps(evil)])
    number = len(backup.read_text().splitlines())
    refused(backup, rf"^Line {number} is a row of auth.permission, which backups do not hold")
    assert not Permission.objects.filter(codename="evil").exists()


def test_the_command_prints_one_line_not_a_traceback(backup, tmp_path):
    rewrite(backup, lambda lines: [*lines, "{not json"])
    database = tmp_path / "other.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup), "--force"],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("CommandError")]
    assert len(errors) == 1
