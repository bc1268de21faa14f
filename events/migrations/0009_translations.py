"""Translations of record content (kernel.translation): a column per language beside each
translatable text field, and how each language's text was made. The columns are added in place
(kernel.schema.AddColumns); the full-text index is made anew over the English fields and their
translations (restored first on SQLite, so that reversing finds it whole)."""

from django.db import migrations, models

import kernel.schema
import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_seed_programme_once"),
    ]

    operations = [
        kernel.search.RestoreFullTextIndex(
            model_name="Event",
            version=1,
            fields=["title", "summary", "description", "report_title", "report", "venue", "city"],
        ),
        kernel.schema.AddColumns(
            operations=[
                migrations.AddField(
                    model_name="event",
                    name="audience_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="audience_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="audience_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
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
                    model_name="event",
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
                    model_name="event",
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
                    model_name="event",
                    name="report_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="report_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="report_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="report_title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="report_title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="report_title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="event",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="event",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="audience_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="audience_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="audience_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
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
                    model_name="historicalevent",
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
                    model_name="historicalevent",
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
                    model_name="historicalevent",
                    name="report_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="report_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="report_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="report_title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="report_title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="report_title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="title_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="title_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalevent",
                    name="title_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
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
                    model_name="historicalspeaker",
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
                    model_name="historicalspeaker",
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
                    model_name="historicalspeaker",
                    name="position_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="position_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="position_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="topic_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="topic_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalspeaker",
                    name="topic_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="speaker",
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
                    model_name="speaker",
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
                    model_name="speaker",
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
                    model_name="speaker",
                    name="position_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="position_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="position_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="topic_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="topic_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="speaker",
                    name="topic_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
            ],
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Event",
            version=1,
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
            old_fields=["title", "summary", "description", "report_title", "report", "venue", "city"],
        ),
    ]
