"""Translations of record content (kernel.translation): a column per language beside each
translatable text field, and how each language's text was made. The columns are added in place
(kernel.schema.AddColumns); the full-text index is made anew over the English fields and their
translations (restored first on SQLite, so that reversing finds it whole)."""

from django.db import migrations, models

import kernel.schema
import kernel.search


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0007_seed_profile_once"),
    ]

    operations = [
        kernel.search.RestoreFullTextIndex(
            model_name="Donor",
            version=1,
            fields=["name", "short_name", "summary", "profile"],
        ),
        kernel.schema.AddColumns(
            operations=[
                migrations.AddField(
                    model_name="contribution",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="contribution",
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
                    model_name="contribution",
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
                    model_name="contribution",
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
                    model_name="contribution",
                    name="rank_note_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="rank_note_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="rank_note_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="contribution",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
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
                    model_name="donor",
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
                    model_name="donor",
                    name="governing_body_note_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="governing_body_note_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="governing_body_note_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="donor",
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
                    model_name="donor",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="profile_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="profile_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="profile_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="short_name_es",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="short_name_fr",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="short_name_ja",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="donor",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="description_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="description_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="description_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
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
                    model_name="historicalcontribution",
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
                    model_name="historicalcontribution",
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
                    model_name="historicalcontribution",
                    name="rank_note_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="rank_note_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="rank_note_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalcontribution",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
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
                    model_name="historicaldonor",
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
                    model_name="historicaldonor",
                    name="governing_body_note_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="governing_body_note_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="governing_body_note_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
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
                    model_name="historicaldonor",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="profile_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="profile_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="profile_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="short_name_es",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="short_name_fr",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="short_name_ja",
                    field=models.CharField(blank=True, max_length=90),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="source_note_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="source_note_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="source_note_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="summary_es",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="summary_fr",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicaldonor",
                    name="summary_ja",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
                    name="detail_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
                    name="detail_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
                    name="detail_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
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
                    model_name="historicalpriorityarea",
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
                    model_name="historicalpriorityarea",
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
                    model_name="historicalpriorityarea",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="historicalpriorityarea",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="priorityarea",
                    name="detail_es",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="priorityarea",
                    name="detail_fr",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="priorityarea",
                    name="detail_ja",
                    field=models.CharField(blank=True, max_length=450),
                ),
                migrations.AddField(
                    model_name="priorityarea",
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
                    model_name="priorityarea",
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
                    model_name="priorityarea",
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
                    model_name="priorityarea",
                    name="name_es",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="priorityarea",
                    name="name_fr",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AddField(
                    model_name="priorityarea",
                    name="name_ja",
                    field=models.CharField(blank=True, max_length=300),
                ),
            ],
        ),
        kernel.search.ReplaceFullTextIndex(
            model_name="Donor",
            version=1,
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
            old_fields=["name", "short_name", "summary", "profile"],
        ),
    ]
