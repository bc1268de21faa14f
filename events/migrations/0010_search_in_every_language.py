"""Search in every language (kernel.search, version 2 of the index): diacritics folded on both
databases, French and Spanish stems on PostgreSQL, and the two-character pieces of Japanese text, so
that a Japanese word is found inside a longer run. The fields indexed are the same as before."""

from django.db import migrations

import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_translations"),
    ]

    operations = [
        kernel.search.ReplaceFullTextIndex(
            model_name="Event",
            fields=[
                "title",
                "summary",
                "description",
                "report_title",
                "report",
                "venue",
                "city",
                "title_fr",
                "title_es",
                "title_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "description_fr",
                "description_es",
                "description_ja",
                "report_title_fr",
                "report_title_es",
                "report_title_ja",
                "report_fr",
                "report_es",
                "report_ja",
            ],
            old_fields=[
                "title",
                "summary",
                "description",
                "report_title",
                "report",
                "venue",
                "city",
                "title_fr",
                "title_es",
                "title_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "description_fr",
                "description_es",
                "description_ja",
                "report_title_fr",
                "report_title_es",
                "report_title_ja",
                "report_fr",
                "report_es",
                "report_ja",
            ],
            version=2,
            old_version=1,
        ),
    ]
