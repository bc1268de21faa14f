"""`manage.py reap_stopped_jobs`: mark failed the import jobs that will never finish (operations/jobs.py)."""

from django.core.management.base import BaseCommand

from operations.jobs import reap_stopped_jobs


class Command(BaseCommand):
    help = "Mark failed the import jobs whose worker stopped, or that no worker took in time."

    def handle(self, *args, **options):
        reaped = reap_stopped_jobs()
        if reaped:
            self.stdout.write(f"Marked {reaped} stopped import job(s) failed.")
