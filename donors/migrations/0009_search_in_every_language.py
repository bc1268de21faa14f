"""Search in every language (kernel.search, version 2 of the index): diacritics folded on both
databases, French and Spanish stems on PostgreSQL, and the two-character pieces of Japanese text, so
that a Japanese word is found inside a longer run. The fields indexed are the same as before."""

from django.db import migrations

import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0008_translations"),
    ]

    operations = [
        kernel.search.ReplaceFullTextIndex(
            model_name="Donor",
            fields=[
                "name",
                "short_name",
                "summary",
                "profile",
                "name_fr",
                "name_es",
                "name_ja",
                "short_name_fr",
                "short_name_es",
                "short_name_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "profile_fr",
                "profile_es",
                "profile_ja",
            ],
            old_fields=[
                "name",
                "short_name",
                "summary",
                "profile",
                "name_fr",
                "name_es",
                "name_ja",
                "short_name_fr",
                "short_name_es",
                "short_name_ja",
                "summary_fr",
                "summary_es",
                "summary_ja",
                "profile_fr",
                "profile_es",
                "profile_ja",
            ],
            version=2,
            old_version=1,
        ),
    ]
