"""Full-text indexes, kept by the database: a GIN-indexed tsvector on PostgreSQL, FTS5 on SQLite.

See kernel/search.py. The fields are frozen here; a later change to them needs a migration that
drops and recreates the index (and on SQLite, a table rebuild drops the triggers with the table).
"""

from django.db import migrations

from kernel.search import CreateFullTextIndex


class Migration(migrations.Migration):
    dependencies = [("donors", "0002_history")]

    operations = [
        CreateFullTextIndex(
            model_name="Donor",
            version=1,
            fields=["name", "short_name", "summary", "profile"],
        ),
        CreateFullTextIndex(
            model_name="Organisation",
            version=1,
            fields=["name", "acronym", "iati_identifier", "description"],
        ),
    ]
