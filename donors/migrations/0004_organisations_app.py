"""Contributions point to organisations in their own app; organisations leave this app (their table
stays: organisations/migrations/0001)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0003_full_text"),
        ("events", "0004_organisations_app"),
        ("organisations", "0001_initial"),
        ("projects", "0004_organisations_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contribution",
                    name="channel",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The ministry, agency or fund the contribution comes through.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="channel",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The ministry, agency or fund the contribution comes through.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.DeleteModel(
                    name="HistoricalOrganisation",
                ),
                migrations.DeleteModel(
                    name="Organisation",
                ),
            ],
        ),
    ]
