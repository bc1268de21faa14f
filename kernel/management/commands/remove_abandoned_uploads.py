"""`manage.py remove_abandoned_uploads`: remove import uploads never confirmed (kernel/uploads.py)."""

from django.core.management.base import BaseCommand

from kernel.uploads import remove_abandoned_uploads


class Command(BaseCommand):
    help = "Remove spreadsheet uploads older than IMPORT_UPLOAD_MAX_AGE that were never imported."

    def handle(self, *args, verbosity, **options):
        removed = remove_abandoned_uploads()
        if verbosity:
            self.stdout.write(f"Removed {removed} abandoned upload(s).")
