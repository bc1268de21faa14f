"""Search in every language (kernel.search, version 2 of the index): diacritics folded on both
databases, French and Spanish stems on PostgreSQL, and the two-character pieces of Japanese text, so
that a Japanese word is found inside a longer run. The fields indexed are the same as before."""

from django.db import migrations

import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_translations"),
    ]

    operations = [
        kernel.search.ReplaceFullTextIndex(
            model_name="Project",
            fields=[
                "title",
                "acronym",
                "summary",
                "description",
                "iati_identifier",
                "title_fr",
                "title_es",
                "title_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "description_fr",
                "description_es",
                "description_ja",
            ],
            old_fields=[
                "title",
                "acronym",
                "summary",
                "description",
                "iati_identifier",
                "title_fr",
                "title_es",
                "title_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "description_fr",
                "description_es",
                "description_ja",
            ],
            version=2,
            old_version=1,
        ),
    ]
