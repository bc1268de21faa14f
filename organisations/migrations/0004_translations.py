"""Translations of record content (kernel.translation): a column per language beside each
translatable text field, and how each language's text was made. The columns are added in place
(kernel.schema.AddColumns); the full-text index is made anew over the English fields and their
translations (restored first on SQLite, so that reversing finds it whole)."""

from django.db import migrations, models

import kernel.schema
import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_dates_bounded"),
    ]

    operations = [
        kernel.search.RestoreFullTextIndex(
            model_name="Organisation",
            version=1,
            fields=["name", "acronym", "iati_identifier", "description"],
        ),
        kernel.search.RestoreFullTextIndex(
            model_name="Person",
            version=1,
            fields=["name", "position", "biography"],
        ),
        kernel.schema.AddColumns(
            operations=[
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="es_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="fr_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="ja_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalorganisation",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="biography_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="biography_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="biography_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="es_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="fr_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="ja_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="position_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="position_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="position_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalperson",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="es_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="fr_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="ja_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="organisation",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="biography_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="biography_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="biography_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="es_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="person",
                    name="fr_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="person",
                    name="ja_translation",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("written", "written by a person"),
                            ("machine", "machine-made"),
                            ("reviewed", "reviewed"),
                        ],
                        help_text="How the text in this language was made; the page says so until it is reviewed.",
                        max_length=10,
                    ),
                ),
                migrations.AddField(
                    model_name="person",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="position_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="position_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="position_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="person",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="person",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
            ],
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Organisation",
            version=1,
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
            old_fields=["name", "acronym", "iati_identifier", "description"],
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Person",
            version=1,
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
            old_fields=["name", "position", "biography"],
        ),
    ]
