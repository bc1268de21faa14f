"""`manage.py restore FILE`: load a backup written by `manage.py backup` into an empty database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into a freshly migrated database, in one "
        "transaction. The database must be at the backup's migrations; --force replaces existing content."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database's content, users and groups even if it has some.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, force, database, verbosity, **options):
        try:
            header = restore_backup(file, force=force, using=database)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if verbosity:
            rows = sum(header["counts"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {rows} rows from {file} (written {header['created_at']} "
                    f"on {header['database_vendor']}, version {header['app_version']})."
                )
            )
