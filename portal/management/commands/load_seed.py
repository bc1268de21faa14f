"""Load the seed content once: on an empty database, not over what staff have since edited."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kernel.taxonomy.models import Source

SEED_MARKER = "japan-ilo-cooperation-2017"


class Command(BaseCommand):
    help = "Load fixtures/seed.json unless it has been loaded before (use --force to reload)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload, overwriting seed records.")

    def handle(self, *args, force, verbosity, **options):
        if not force and Source.objects.filter(slug=SEED_MARKER).exists():
            self.stdout.write("Seed content already loaded; left as it is (--force reloads it).")
            return
        call_command("loaddata", "seed", verbosity=verbosity)
