"""The interface-string catalogues: every marked string is in each language's catalogue and
translated, and nothing else is (`make test` fails otherwise; `make messages` updates them)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from operations.management.commands import messages

LANGUAGES = ("fr", "es", "ja")


def test_the_catalogues_are_up_to_date_with_the_source():
    problems = messages.check_catalogues(Path(settings.BASE_DIR))
    assert problems == [], "\n".join(problems)


def test_each_language_has_a_compiled_catalogue():
    for language in LANGUAGES:
        po = messages.catalogue(language)
        assert po.exists()
        assert po.with_suffix(".mo").exists()


def test_the_check_names_a_string_missing_from_a_catalogue(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Home"\nmsgstr "Accueil"\n\nmsgid "Old"\nmsgstr "Vieux"\n\nmsgid "Footer"\nmsgstr ""\n'
    )
    committed = messages.entries(po)
    expected = {(None, "Home", None): False, (None, "Search", None): False, (None, "Footer", None): False}
    assert messages.differences(expected, committed) == [
        "no longer marked in the source: 'Old'",
        "not in the catalogue: 'Search'",
        "not translated: 'Footer'",
    ]


def test_the_check_command_fails_when_a_catalogue_is_out_of_date(monkeypatch):
    monkeypatch.setattr(messages, "check_catalogues", lambda base_dir: ["fr: not in the catalogue: 'New'"])
    with pytest.raises(CommandError, match="not in the catalogue: 'New'"):
        call_command("messages", check=True)


def test_multiline_and_plural_entries_are_read_whole():
    entries = messages.entries(messages.catalogue("ja"))
    assert (
        None,
        "All %(counter)s project reported ongoing",
        "All %(counter)s projects reported ongoing",
    ) in entries
    assert ("navigation", "Main", None) in entries
    assert any(
        msgid.startswith("<strong>ILO Partners</strong> — the development partners")
        for _c, msgid, _p in entries
    )
