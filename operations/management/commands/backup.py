"""`manage.py backup FILE`: the site's content, history, users and groups in one versioned file."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from operations.backups import write_backup


class Command(BaseCommand):
    help = (
        "Write a complete backup (content, history, users and groups) to FILE, as JSON lines; "
        "gzip-compressed when FILE ends in .gz. `manage.py restore FILE` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. backups/ilopartners.jsonl.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, database, verbosity, **options):
        header = write_backup(file, using=database)
        rows = sum(header["counts"].values())
        if verbosity:
            models = len(header["counts"])
            self.stdout.write(self.style.SUCCESS(f"Wrote {rows} rows of {models} models to {file}."))
