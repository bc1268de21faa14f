"""Translations of record content (kernel.translation): a column per language beside each
translatable text field, and how each language's text was made. The columns are added in place
(kernel.schema.AddColumns); the full-text index is made anew over the English fields and their
translations (restored first on SQLite, so that reversing finds it whole)."""

from django.db import migrations, models

import kernel.schema


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0004_source_document"),
    ]

    operations = [
        kernel.schema.AddColumns(
            operations=[
                migrations.AddField(
                    model_name="region",
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
                    model_name="region",
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
                    model_name="region",
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
                    model_name="region",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=150),
                ),
                migrations.AddField(
                    model_name="region",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=150),
                ),
                migrations.AddField(
                    model_name="region",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=150),
                ),
                migrations.AddField(
                    model_name="sdg",
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
                    model_name="sdg",
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
                    model_name="sdg",
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
                    model_name="sdg",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="sdg",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="sdg",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="sdg",
                    name="short_name_es",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="sdg",
                    name="short_name_fr",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="sdg",
                    name="short_name_ja",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="source",
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
                    model_name="source",
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
                    model_name="source",
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
                    model_name="source",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="source",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="source",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="theme",
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
                    model_name="theme",
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
                    model_name="theme",
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
                    model_name="theme",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=180),
                ),
            ],
        ),
    ]
