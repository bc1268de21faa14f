"""Import an IATI 2.03 activities file: create or update projects by IATI identifier.

The file is checked against the official schema before anything is written, and the whole import is
one transaction: a refused file, or a --strict import with an activity it cannot take, leaves the
database as it was.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kernel.iati import VERSION, IatiFileError, parse
from kernel.progress import Progress
from projects.iati import ImportRefused, import_activities

WARNINGS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Import IATI 2.03 activities: create or update projects (drafts unless --publish) by IATI identifier."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="An IATI 2.03 activities XML file.")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuse the whole file when any activity cannot be imported, instead of skipping it.",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the imported projects.")
        parser.add_argument(
            "--user", help="Import as this user: their permissions apply and the history names them."
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file, strict, publish, quiet_progress, verbosity, user=None, **options):
        acting = None
        if user is not None:
            acting = get_user_model().objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"There is no user {user!r}.")
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            tree = parse(data, "activities")
        except IatiFileError as error:
            raise CommandError(
                f"{file} is not a valid IATI {VERSION} activities file; nothing was imported.\n{error}"
            ) from None
        total = len(tree.getroot().findall("iati-activity"))
        progress = None if quiet_progress or verbosity == 0 else Progress("activities", total, self.stderr)
        try:
            report = import_activities(tree, strict=strict, publish=publish, progress=progress, user=acting)
        except ImportRefused as refused:
            lines = "\n".join(f"  {identifier}: {reason}" for identifier, reason in refused.skipped)
            raise CommandError(f"{file}: refused under --strict; nothing was imported.\n{lines}") from None
        except PermissionDenied as denied:
            raise CommandError(f"{file}: {denied} Nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for identifier, reason in report.skipped:
            self.stdout.write(f"  skipped {identifier}: {reason}")
        if verbosity >= 1:
            for warning in report.warnings[:WARNINGS_SHOWN]:
                self.stdout.write(f"  note: {warning}")
            if len(report.warnings) > WARNINGS_SHOWN:
                self.stdout.write(f"  … and {len(report.warnings) - WARNINGS_SHOWN} more notes.")
