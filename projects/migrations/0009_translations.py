"""Translations of record content (kernel.translation): a column per language beside each
translatable text field, and how each language's text was made. The columns are added in place
(kernel.schema.AddColumns); the full-text index is made anew over the English fields and their
translations (restored first on SQLite, so that reversing finds it whole)."""

from django.db import migrations, models

import kernel.schema
import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_precision_with_its_date"),
    ]

    operations = [
        kernel.search.RestoreFullTextIndex(
            model_name="Project",
            version=1,
            fields=["title", "acronym", "summary", "description", "iati_identifier"],
        ),
        kernel.schema.AddColumns(
            operations=[
                migrations.AddField(
                    model_name="historicalparticipant",
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
                    model_name="historicalparticipant",
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
                    model_name="historicalparticipant",
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
                    model_name="historicalparticipant",
                    name="note_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalparticipant",
                    name="note_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalparticipant",
                    name="note_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
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
                    model_name="historicalproject",
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
                    model_name="historicalproject",
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
                    model_name="historicalproject",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalproject",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalresult",
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
                    model_name="historicalresult",
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
                    model_name="historicalresult",
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
                    model_name="historicalresult",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="unit_es",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="unit_fr",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="historicalresult",
                    name="unit_ja",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="participant",
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
                    model_name="participant",
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
                    model_name="participant",
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
                    model_name="participant",
                    name="note_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="participant",
                    name="note_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="participant",
                    name="note_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="project",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
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
                    model_name="project",
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
                    model_name="project",
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
                    model_name="project",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="project",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="project",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="project",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="result",
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
                    model_name="result",
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
                    model_name="result",
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
                    model_name="result",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="result",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="result",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="result",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="result",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="result",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="result",
                    name="unit_es",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="result",
                    name="unit_fr",
                    field=models.CharField(blank=True, max_length=180),
                ),
                migrations.AddField(
                    model_name="result",
                    name="unit_ja",
                    field=models.CharField(blank=True, max_length=180),
                ),
            ],
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Project",
            version=1,
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
            old_fields=["title", "acronym", "summary", "description", "iati_identifier"],
        ),
    ]
