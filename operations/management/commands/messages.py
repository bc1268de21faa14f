"""`manage.py messages`: the interface-string catalogues (locale/*/LC_MESSAGES/django.po).

- `messages` extracts every marked string of the templates and the code into the catalogue of each
  language of settings.LANGUAGES but English, keeping the translations already made: then
  translate the new `msgstr ""` entries (docs/architecture.md, "Languages").
- `messages --check` extracts into a temporary directory and compares: it fails, naming them, when
  a marked string has no entry in a catalogue or a catalogue holds a string no longer marked.
  `make test` runs it through tests/i18n/test_catalogues.py.
- `messages --compile` builds the `.mo` files Django reads (not committed; `make run` and
  `make test` build them, and so does the test suite when one is missing or older than its `.po`).
"""

import ast
import contextlib
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands import makemessages

# What is not the site's own source: never scanned for strings.
IGNORE = [".venv/*", "venv/*", "node_modules/*", "staticfiles/*", "media/*", "bench-results/*", ".bench/*"]
OPTIONS = {"no_location": True, "no_obsolete": True, "ignore_patterns": IGNORE, "verbosity": 0}


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def translated_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(language, root=None):
    return Path(root or locale_dir()) / language / "LC_MESSAGES" / "django.po"


def entries(path):
    """The entries of a .po file: {(msgctxt, msgid, msgid_plural): translated?}, header left out.
    A fuzzy entry (a guess, which Django does not use) is not translated."""
    found = {}
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        fields, key, fuzzy = {}, None, False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key] += ast.literal_eval(line)
                continue
            key, _, value = line.partition(" ")
            fields[key] = ast.literal_eval(value)
        if not fields.get("msgid"):
            continue
        strings = [value for name, value in fields.items() if name.startswith("msgstr")]
        entry = (fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"))
        found[entry] = bool(strings) and all(strings) and not fuzzy
    return found


def differences(expected, committed):
    """Messages for each string marked in the source but missing from `committed`, or the reverse."""
    problems = [f"not in the catalogue: {msgid!r}" for (_c, msgid, _p) in expected.keys() - committed.keys()]
    problems += [
        f"no longer marked in the source: {msgid!r}" for (_c, msgid, _p) in committed.keys() - expected.keys()
    ]
    problems += [f"not translated: {msgid!r}" for (_c, msgid, _p), done in committed.items() if not done]
    return sorted(problems)


class Update(makemessages.Command):
    """makemessages without msgmerge's fuzzy matching: a new string starts empty, never with the
    translation of a string that merely looks like it ("Country" given the one of "entry")."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]


class Extract(Update):
    """makemessages writing every string into its first locale path, wherever the file is (the
    stock command writes into the locale/ directory above each file, here the committed one)."""

    def find_files(self, root):
        files = super().find_files(root)
        for file in files:
            file.locale_dir = self.default_locale_path
        return files


@contextlib.contextmanager
def locale_paths(paths):
    """LOCALE_PATHS set for the duration: makemessages writes into the first."""
    saved = settings.LOCALE_PATHS
    settings.LOCALE_PATHS = paths
    try:
        yield
    finally:
        settings.LOCALE_PATHS = saved


def check_catalogues(base_dir):
    """Every difference between the committed catalogues and the strings marked in the source."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "locale"
        with contextlib.chdir(base_dir), locale_paths([str(fresh)]):
            call_command(Extract(), locale=translated_languages(), **OPTIONS)
        for language in translated_languages():
            committed = catalogue(language)
            if not committed.exists():
                problems.append(f"{language}: no catalogue at {committed}")
                continue
            expected = entries(catalogue(language, fresh))
            problems += [f"{language}: {problem}" for problem in differences(expected, entries(committed))]
    return problems


def compile_catalogues(force=False):
    """Build each catalogue's .mo with gettext's msgfmt, when missing or older than its .po."""
    built = []
    for po in sorted(locale_dir().glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
            built.append(mo)
    return built


class Command(BaseCommand):
    help = "Update the interface-string catalogues (locale/), check they are up to date, or compile them."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if a catalogue is out of date.")
        parser.add_argument(
            "--compile", action="store_true", help="Build the .mo files that are out of date."
        )

    def handle(self, *args, check=False, compile=False, **options):
        base_dir = Path(settings.BASE_DIR)
        if compile:
            built = compile_catalogues()
            self.stdout.write(f"Compiled {len(built)} catalogue(s).")
            return
        if check:
            problems = check_catalogues(base_dir)
            if problems:
                raise CommandError(
                    "The catalogues are out of date (run `make messages`):\n" + "\n".join(problems)
                )
            self.stdout.write("The catalogues are up to date.")
            return
        with contextlib.chdir(base_dir):
            call_command(Update(), locale=translated_languages(), **OPTIONS)
        self.stdout.write("Updated the catalogues; translate their new empty entries.")
