"""Full-text indexes, kept by the database: a GIN-indexed tsvector on PostgreSQL, FTS5 on SQLite.

See kernel/search.py. The fields are frozen here; a later change to them needs a migration that
drops and recreates the index (and on SQLite, a table rebuild drops the triggers with the table).
"""

from django.db import migrations

from kernel.search import CreateFullTextIndex


class Migration(migrations.Migration):
    dependencies = [("events", "0002_history")]

    operations = [
        CreateFullTextIndex(
            model_name="Event",
            version=1,
            fields=["title", "summary", "description", "report_title", "report", "venue", "city"],
        ),
        CreateFullTextIndex(
            model_name="Person",
            version=1,
            fields=["name", "position", "biography"],
        ),
    ]
