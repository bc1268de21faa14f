"""Search in every language (kernel.search, version 2 of the index): diacritics folded on both
databases, French and Spanish stems on PostgreSQL, and the two-character pieces of Japanese text, so
that a Japanese word is found inside a longer run. The fields indexed are the same as before."""

from django.db import migrations

import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_translations"),
    ]

    operations = [
        kernel.search.ReplaceFullTextIndex(
            model_name="Organisation",
            fields=[
                "name",
                "acronym",
                "iati_identifier",
                "description",
                "name_fr",
                "name_es",
                "name_ja",
                "description_fr",
                "description_es",
                "description_ja",
            ],
            old_fields=[
                "name",
                "acronym",
                "iati_identifier",
                "description",
                "name_fr",
                "name_es",
                "name_ja",
                "description_fr",
                "description_es",
                "description_ja",
            ],
            version=2,
            old_version=1,
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Person",
            fields=[
                "name",
                "position",
                "biography",
                "name_fr",
                "name_es",
                "name_ja",
                "position_fr",
                "position_es",
                "position_ja",
                "biography_fr",
                "biography_es",
                "biography_ja",
            ],
            old_fields=[
                "name",
                "position",
                "biography",
                "name_fr",
                "name_es",
                "name_ja",
                "position_fr",
                "position_es",
                "position_ja",
                "biography_fr",
                "biography_es",
                "biography_ja",
            ],
            version=2,
            old_version=1,
        ),
    ]
