"""Load the seed content once: on an empty database, not over what staff have since edited."""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kernel.taxonomy.models import Source
from kernel.translation import column, languages, provenance_field_name, translated_fields

SEED_MARKER = "japan-ilo-cooperation-2017"
SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


def fill_seed_translations(path=SEED_FILE):
    """Give a seed loaded before its translations existed the seed's French, Spanish and Japanese.

    A language of a record is filled only while the record has no translation in it at all (its
    `<lang>_translation` is empty: nobody, neither this step nor staff, has touched it), and a field
    only where its English is still exactly the seed's and its column is empty. So it happens once:
    afterwards the language's provenance is set, and a translation staff write, edit or empty is
    never overwritten. Returns the number of records changed."""
    changed = 0
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        model = apps.get_model(item["model"])
        fields = item["fields"]
        record = model._default_manager.filter(pk=item["pk"]).first()
        if record is None or not hasattr(record, provenance_field_name(languages()[0])):
            continue
        updated = []
        for language in languages():
            made = provenance_field_name(language)
            if getattr(record, made) or not fields.get(made):
                continue
            filled = []
            for name in translated_fields(model):
                translated = fields.get(column(name, language))
                if (
                    translated
                    and getattr(record, name) == fields.get(name)
                    and not getattr(record, column(name, language))
                ):
                    setattr(record, column(name, language), translated)
                    filled.append(column(name, language))
            if filled:
                setattr(record, made, fields[made])
                updated += [*filled, made]
        if updated:
            record.save(update_fields=updated)
            changed += 1
    return changed


class Command(BaseCommand):
    help = (
        "Load fixtures/seed.json unless it has been loaded before (use --force to reload); on a seed "
        "loaded before, add the seed's translations where a record has none yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload, overwriting seed records.")

    def handle(self, *args, force, verbosity, **options):
        if not force and Source.objects.filter(slug=SEED_MARKER).exists():
            self.stdout.write("Seed content already loaded; left as it is (--force reloads it).")
            with transaction.atomic():
                changed = fill_seed_translations()
            if changed:
                self.stdout.write(f"Translations added to {changed} seed records not yet translated.")
            return
        call_command("loaddata", "seed", verbosity=verbosity)
